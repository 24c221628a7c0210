"""Hostile graph files: whatever a JSON-LD or RDF/XML file says, kgraph fetches nothing, reads no
other file, expands no entity, and names the file and the problem in one line."""
from __future__ import annotations

import json
import time

import pytest

import kgraph
from kgraph.cli import main
from kgraph.errors import InputError

REFUSED_CONTEXT = "refers to a JSON-LD context elsewhere"

# Every place a JSON-LD 1.1 document can name a context by reference; rdflib fetches each.
CONTEXTS = {
    "a string": '{{"@context": "{url}/c.jsonld", "@id": "http://x/a", "name": "A"}}',
    "a list": '{{"@context": ["{url}/a.jsonld", {{"x": "http://x/"}}], "@id": "http://x/a"}}',
    "a list in a list": '{{"@context": [["{url}/nested.jsonld"]], "@id": "http://x/a", "name": "A"}}',
    "an import": '{{"@context": {{"@import": "{url}/b.jsonld"}}, "@id": "http://x/a"}}',
    "a scoped context": ('{{"@context": {{"knows": {{"@id": "http://x/knows", "@context": "{url}/scoped.jsonld"}}}}, '
                         '"@id": "http://x/a", "knows": {{"@id": "http://x/b", "name": "B"}}}}'),
    "a type-scoped context": ('{{"@context": {{"T": {{"@id": "http://x/T", "@context": ["{url}/typed.jsonld"]}}}}, '
                              '"@id": "http://x/a", "@type": "T", "name": "A"}}'),
    "inside @graph": '{{"@graph": [{{"@context": "{url}/g.jsonld", "@id": "http://x/a", "name": "A"}}]}}',
    "after a null context": ('{{"@graph": [{{"@context": null, "http://x/p": {{"@context": "{url}/n.jsonld", '
                             '"@id": "http://x/b"}}}}]}}'),
}


@pytest.mark.parametrize("where", sorted(CONTEXTS))
def test_no_json_ld_context_is_fetched_wherever_it_is_named(tmp_path, listener, capsys, where):
    url, requests = listener
    graph_file = tmp_path / "g.jsonld"
    graph_file.write_text(CONTEXTS[where].format(url=url), encoding="utf-8")
    with pytest.raises(InputError, match=REFUSED_CONTEXT):
        kgraph.load(graph_file)
    for argv in (["query", str(graph_file), "events"], ["validate", str(graph_file)], ["export", str(graph_file), "-o",
                 str(tmp_path / "g.ttl")], ["draw", str(graph_file), "-o", str(tmp_path / "g.png")]):
        assert main(argv) == 2
        assert capsys.readouterr().err.startswith(f"kgraph: {graph_file}: {REFUSED_CONTEXT}")
    assert requests == [] and not (tmp_path / "g.ttl").exists() and not (tmp_path / "g.png").exists()


def test_no_local_file_is_read_as_a_json_ld_context(tmp_path):
    local = tmp_path / "context.jsonld"
    local.write_text('{"@context": {"name": "http://schema.org/name"}}', encoding="utf-8")
    for reference in (str(local), local.as_uri(), "/etc/hostname"):
        graph_file = tmp_path / "g.jsonld"
        graph_file.write_text(json.dumps({"@context": [[reference]], "@id": "http://x/a", "name": "A"}), encoding="utf-8")
        with pytest.raises(InputError, match=REFUSED_CONTEXT):
            kgraph.load(graph_file)


def test_json_ld_nested_a_hundred_thousand_deep_is_one_line(tmp_path, capsys):
    graph_file = tmp_path / "deep.jsonld"
    graph_file.write_text('{"http://x/p": ' * 100_000 + "1" + "}" * 100_000, encoding="utf-8")
    assert main(["query", str(graph_file), "events"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"kgraph: {graph_file}: ") and err.count("\n") == 1 and "Traceback" not in err


def test_inline_contexts_still_load(tmp_path):
    (tmp_path / "g.jsonld").write_text('{"@context": {"name": "http://schema.org/name"}, "@id": "http://x/a", "name": "A"}',
                                       encoding="utf-8")
    assert len(kgraph.load(tmp_path / "g.jsonld")) == 1


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's JSON-LD parser uses its ConjunctiveGraph
def test_fetching_is_refused_only_while_kgraph_reads(tmp_path, listener):
    # the guard wraps rdflib's context loader for the time of kgraph's own parse, on its thread
    from rdflib import Graph

    from kgraph.graph.safety import fetching_refused

    url, requests = listener
    document = '{"@context": "%s/c.jsonld", "@id": "http://x/a", "name": "A"}' % url
    with fetching_refused(), pytest.raises(Exception, match="c.jsonld"):
        Graph().parse(data=document, format="json-ld")
    assert requests == []
    assert len(Graph().parse(data=document, format="json-ld")) == 1  # rdflib as it is, outside kgraph
    assert requests == ["GET /c.jsonld"]


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://x/">
  <rdf:Description rdf:about="http://x/a"><ex:p>&f;&f;&f;&f;&f;&f;&f;&f;</ex:p></rdf:Description>
</rdf:RDF>"""


def test_nested_xml_entities_are_refused_at_once(tmp_path, capsys):
    graph_file = tmp_path / "laughs.rdf"
    graph_file.write_text(BILLION_LAUGHS, encoding="utf-8")
    for command in ("query", "validate", "draw"):
        started = time.monotonic()
        argv = {"query": ["query", str(graph_file), "events"], "validate": ["validate", str(graph_file)],
                "draw": ["draw", str(graph_file), "-o", str(tmp_path / "g.png")]}[command]
        assert main(argv) == 2
        assert time.monotonic() - started < 5
        assert capsys.readouterr().err.strip() == (f"kgraph: {graph_file}: declares XML entities, which kgraph does not "
                                                   "expand (nested ones make a small file huge); write their values out")


def test_external_xml_entities_are_refused(tmp_path, listener):
    url, requests = listener
    graph_file = tmp_path / "g.rdf"
    graph_file.write_text(f'''<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [ <!ENTITY web SYSTEM "{url}/x"> <!ENTITY local SYSTEM "file:///etc/passwd"> ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://x/">
  <rdf:Description rdf:about="http://x/a"><ex:p>&web;&local;</ex:p></rdf:Description>
</rdf:RDF>''', encoding="utf-8")
    with pytest.raises(InputError, match="external XML entities"):
        kgraph.load(graph_file)
    assert requests == []


def test_rdf_xml_without_entities_loads_and_kgraph_writes_none(tmp_path, example_graph):
    (tmp_path / "g.rdf").write_text('''<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://x/">
  <rdf:Description rdf:about="http://x/a"><ex:p>value</ex:p></rdf:Description>
</rdf:RDF>''', encoding="utf-8")
    assert len(kgraph.load(tmp_path / "g.rdf")) == 1
    example_graph.serialize(tmp_path / "example.rdf")
    assert "<!ENTITY" not in (tmp_path / "example.rdf").read_text(encoding="utf-8")
    assert len(kgraph.load(tmp_path / "example.rdf")) == len(example_graph)


@pytest.mark.parametrize("name", ["pipe", "device", "folder"])
def test_a_graph_file_must_be_a_regular_file(tmp_path, capsys, name):
    import os

    path = {"pipe": tmp_path / "g.ttl", "device": "/dev/zero", "folder": tmp_path / "folder.ttl"}[name]
    if name == "pipe":
        os.mkfifo(path)
    elif name == "folder":
        path.mkdir()
    started = time.monotonic()
    assert main(["query", str(path), "events"]) == 2
    assert time.monotonic() - started < 5
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"kgraph: {path}: ") and ("not a regular file" in err or "unknown graph format" in err
                                                     or "is a folder" in err)
