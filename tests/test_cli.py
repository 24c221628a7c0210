"""The command line: build, query, draw, --help; one-line errors and exit status 2 for user mistakes."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import EXAMPLE
from kgraph.cli import main


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("cli") / "g.ttl"
    assert main(["build", str(EXAMPLE), "-o", str(out), "--quiet"]) == 0
    return out


def test_build_query_draw(built, tmp_path, capsys):
    assert built.read_text(encoding="utf-8").startswith("@prefix")
    assert main(["query", str(built), "who-said-what-to-whom"]) == 0
    table = capsys.readouterr().out
    assert "Qasim Jomart Tokayev" in table and "Charles Mitchell" in table and "terrorist attack" in table
    assert main(["query", str(built), "who-deployed-where", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["destination"] for r in rows} == {"Kazakhstan"}
    picture = tmp_path / "g.png"
    assert main(["draw", str(built), "-o", str(picture), "-q"]) == 0
    assert picture.stat().st_size > 20_000


def test_build_reports_what_it_wrote(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text("Russia deployed troops in Syria.", encoding="utf-8")
    assert main(["build", str(article), "-o", str(tmp_path / "g.nt")]) == 0
    assert "1 events" in capsys.readouterr().err


@pytest.mark.parametrize(("argv", "message"), [
    (["build", "missing.txt", "-o", "{tmp}/g.ttl"], "missing.txt: file not found"),
    (["build", str(EXAMPLE), "-o", "{tmp}/g.xyz"], "unknown graph format '.xyz'"),
    (["build", str(EXAMPLE), "-o", "{tmp}/no/such/folder/g.ttl"], "does not exist"),
    (["query", "missing.ttl", "events"], "missing.ttl: file not found"),
    (["query", "{built}", "SELECT ?x WHERE { ?x ?y }"], "SPARQL syntax error"),
    (["query", "{built}", "DELETE WHERE { ?s ?p ?o }"], "update queries"),
    (["draw", "{built}", "-o", "{tmp}/g.bmp"], "unknown picture format '.bmp'"),
    (["build", str(EXAMPLE), "-o", "{tmp}/g.ttl", "--model", "no_such_model_xx"], "pip install no_such_model_xx"),
    (["build", str(EXAMPLE), "-o", "{tmp}/g.ttl", "--base", "not an iri <>"], "'not an iri <>' is not a base IRI"),
    (["build", str(EXAMPLE), "-o", "{tmp}/g.ttl", "--jobs", "0"], "'0' is not a number of processes"),
    (["build", str(EXAMPLE), "-o", "{tmp}/g.ttl", "--lexicon", "{tmp}/none.toml"], "lexicon file not found"),
    (["query", "{built}", "events", "--timeout", "-1"], "is not a number of seconds"),
    (["frobnicate"], "invalid choice: 'frobnicate'"),
])
def test_user_errors_are_one_line(built, tmp_path, capsys, argv, message):
    argv = [a.replace("{tmp}", str(tmp_path)).replace("{built}", str(built)) for a in argv]
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("kgraph: ") and message in err and "\n" not in err
    assert not list(tmp_path.glob("g.*"))  # no half-written output


def test_unreadable_graph_file(tmp_path, capsys):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    assert main(["query", str(bad), "events"]) == 2
    assert f"{bad}: not a valid turtle graph" in capsys.readouterr().err


def test_help_and_module_entry_point():
    for argv in (["--help"], ["build", "--help"], ["query", "--help"], ["draw", "--help"]):
        result = subprocess.run([sys.executable, "-m", "kgraph", *argv], capture_output=True, text=True, check=False)
        assert result.returncode == 0 and "usage: kgraph" in result.stdout, argv


def test_no_traceback_in_a_real_process(tmp_path):
    result = subprocess.run([sys.executable, "-m", "kgraph", "build", str(tmp_path / "x.txt"), "-o", str(tmp_path / "g.ttl")],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert result.stderr.strip() == f"kgraph: {tmp_path / 'x.txt'}: file not found"


def test_build_with_a_publication_date(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text("Russia and China discussed the crisis on Monday.", encoding="utf-8")
    out = tmp_path / "g.ttl"
    assert main(["build", str(article), "-o", str(out), "--date", "2022-01-12", "-q"]) == 0
    assert main(["query", str(out), "SELECT ?d WHERE { ?e kg:date ?d }", "-f", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == ["d", "2022-01-10"]
    assert main(["build", str(article), "-o", str(out), "--date", "last Tuesday"]) == 2
    assert capsys.readouterr().err.strip() == ("kgraph: argument --date: 'last Tuesday' is not a date like 2022-01-10 "
                                               "(see kgraph build --help)")


def test_build_a_folder_and_standard_streams(tmp_path):
    folder = tmp_path / "articles"
    (folder / "more").mkdir(parents=True)
    (folder / "a.txt").write_text("Russia deployed troops in Syria.", encoding="utf-8")
    (folder / "more" / "b.txt").write_text("Iran sent drones to Russia.", encoding="utf-8")
    (folder / "notes.md").write_text("not an article", encoding="utf-8")
    out = tmp_path / "g.ttl"
    assert main(["build", str(folder), "-o", str(out), "-q"]) == 0
    assert kgraph_summary(out) == {"documents": 2, "entities": 3, "events": 2}
    result = subprocess.run([sys.executable, "-m", "kgraph", "build", "-", "-o", "-"], input="Protests erupted in Lima.",
                            capture_output=True, text=True, check=True)
    assert "kg:Protest" in result.stdout and result.stderr == ""
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["build", str(empty), "-o", str(out)]) == 2


def kgraph_summary(path):
    import kgraph

    return kgraph.load(str(path)).summary()


def test_draw_timeline_and_construct(built, tmp_path):
    assert main(["draw", str(built), "-o", str(tmp_path / "t.png"), "--timeline", "-q"]) == 0
    query = "CONSTRUCT { ?e kg:speaker ?s } WHERE { ?e a kg:Statement ; kg:speaker ?s }"
    assert main(["draw", str(built), "-o", str(tmp_path / "c.svg"), "--query", query, "-q"]) == 0
    assert (tmp_path / "t.png").stat().st_size > 10_000 and b"<svg" in (tmp_path / "c.svg").read_bytes()[:2000]


def test_draw_an_interactive_page(built, tmp_path):
    assert main(["draw", str(built), "-o", str(tmp_path / "view.html"), "-q"]) == 0
    assert '<svg id="graph"' in (tmp_path / "view.html").read_text(encoding="utf-8")


def test_outputs_get_ordinary_file_permissions(tmp_path):
    import os

    article = tmp_path / "a.txt"
    article.write_text("Russia deployed troops in Syria.", encoding="utf-8")
    assert main(["build", str(article), "-o", str(tmp_path / "g.ttl"), "-q"]) == 0
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "g.ttl").stat().st_mode & 0o777 == 0o666 & ~umask
