"""The README's code runs as written: its first command is run by .ci/smoke; its Python snippets here."""
from __future__ import annotations

import re
from pathlib import Path

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _block_after(heading: str) -> str:
    section = README[README.index(heading):]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_the_spacy_snippet_runs_on_a_fresh_install():
    # only what kgraph installs: the repackaged model, not en_core_web_sm
    namespace: dict = {}
    exec(compile(_block_after("### Inside your own spaCy pipeline"), "README.md", "exec"), namespace)
    assert [e.cls for e in namespace["doc"]._.events] == ["Deployment"]
    rows = namespace["graph"].query("who-deployed-where").rows
    assert {(r["agent"], r["destination"]) for r in rows} == {("Russia", "Syria"), ("Iran", "Russia")}


def test_the_lexicon_snippet_runs(tmp_path, monkeypatch):
    toml = re.search(r"```toml\n(.*?)```", README[README.index("### Adding an event class without Python"):], re.S).group(1)
    (tmp_path / "arrest.toml").write_text(toml, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    namespace: dict = {"kgraph": __import__("kgraph")}
    exec(compile(_block_after("### Adding an event class without Python"), "README.md", "exec"), namespace)
    assert [r["place"] for r in namespace["graph"].query("SELECT ?place WHERE { ?e a kg:Arrest ; kg:place/rdfs:label ?place }")] == ["Minsk"]
