"""What a fresh install needs: every module kgraph imports comes from a declared dependency."""
from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared() -> tuple[set[str], set[str]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = lambda requirements: {_canonical(re.split(r"[\s<>=!;\[~]", r, maxsplit=1)[0]) for r in requirements}  # noqa: E731
    extras = set().union(*(names(r) for r in project.get("optional-dependencies", {}).values()))
    return names(project["dependencies"]), extras


def _imported_modules() -> dict[str, set[str]]:
    """Top-level modules imported anywhere in kgraph's code -> the files that import them."""
    found: dict[str, set[str]] = {}
    for path in (ROOT / "kgraph").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                found.setdefault(module.split(".")[0], set()).add(path.name)
    return found


def test_every_imported_module_is_a_declared_dependency():
    required, extras = _declared()
    distributions = importlib.metadata.packages_distributions()
    missing = []
    for module, files in sorted(_imported_modules().items()):
        if module in sys.stdlib_module_names or module in {"kgraph", "__future__"}:
            continue
        # a module installed only on some Pythons (tomli before 3.11) is declared under its own name
        owners = {_canonical(d) for d in distributions.get(module, [])} | {_canonical(module)}
        # dask is an optional extra: only kgraph.distributed imports it, inside its functions
        allowed = required | (extras if files <= {"distributed.py"} else set())
        if not owners & allowed:
            missing.append(f"{module} (imported by {', '.join(sorted(files))}; from {sorted(owners) or 'nowhere'})")
    assert not missing, "imported but not declared in pyproject.toml: " + "; ".join(missing)


def test_html_reading_has_what_trafilatura_imports():
    # trafilatura -> justext -> lxml.html.clean, a package of its own since lxml 5.2: a fresh
    # install without it fails on every HTML page
    import lxml.html.clean  # noqa: F401

    from kgraph.text.html import document_from_html

    page = "<html><body><article><p>Ministers met in Geneva on Monday to discuss the ceasefire.</p></article></body></html>"
    assert "Geneva" in document_from_html(page, "page.html").text


def test_the_graph_stage_knows_records_not_extraction():
    # DESIGN.md: each stage knows only the stage before it; the graph stage builds triples from
    # records and never parses (what it needs of a lexicon travels in the records)
    forbidden = ("kgraph.extract", "kgraph.nlp", "kgraph.pipeline", "kgraph.store", "spacy")
    found = []
    for path in (ROOT / "kgraph" / "graph").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module] if isinstance(node, ast.ImportFrom) and node.module else [])
            found += [f"{path.name}: {n}" for n in names if n.startswith(forbidden)]
    assert not found
