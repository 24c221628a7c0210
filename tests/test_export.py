"""Exports round-trip: the same triples, or the same nodes, edges and attributes."""
from __future__ import annotations

import csv

import networkx as nx
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

import kgraph
from kgraph.cli import main
from kgraph.errors import OutputFormatError
from kgraph.graph import KG


@pytest.fixture(scope="module")
def two_documents():
    return kgraph.build(["Russia deployed troops in Syria on Monday.", "Iran sent drones to Russia, officials said."])


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".jsonld", ".rdf", ".nq", ".trig"])
def test_rdf_formats_round_trip(two_documents, tmp_path, suffix):
    path = tmp_path / f"g{suffix}"
    two_documents.export(path)
    loaded = kgraph.load(str(path))
    assert isomorphic(loaded.rdf, two_documents.rdf)


# rdflib's own N-Quads and JSON-LD parsers use its deprecated ConjunctiveGraph inside
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_nquads_hold_a_named_graph_per_document(two_documents, tmp_path):
    path = tmp_path / "g.nq"
    two_documents.export(path)
    dataset = Dataset()
    dataset.parse(str(path), format="nquads")
    documents = set(two_documents.rdf.subjects(None, KG.Document))
    names = {g.identifier for g in dataset.graphs()}
    assert documents <= names
    for document in documents:
        named = dataset.graph(document)
        events = {s for s, _, o in named.triples((None, None, None)) if str(s).startswith("https://w3id.org/kgraph/id/event/")}
        assert len(events) >= 1  # each document's own events live in its graph


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_jsonld_has_a_context(two_documents, tmp_path):
    import json

    path = tmp_path / "g.jsonld"
    two_documents.export(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["@context"]["kg"] == "https://w3id.org/kgraph/ontology#"
    assert isomorphic(Graph().parse(str(path), format="json-ld"), two_documents.rdf)


@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
def test_network_formats_keep_nodes_edges_and_attributes(two_documents, tmp_path, suffix):
    path = tmp_path / f"g{suffix}"
    two_documents.export(path)
    view = two_documents.to_networkx()
    if suffix == ".graphml":
        loaded = nx.read_graphml(path, force_multigraph=True)
    else:
        loaded = nx.read_gexf(path)
    assert set(loaded.nodes) == set(view.nodes)
    assert sorted((u, v) for u, v, *_ in loaded.edges) == sorted((u, v) for u, v, *_ in view.edges)
    for node, data in view.nodes(data=True):
        for key in ("kind", "cls", "sentence", "begin", "confidence"):
            if key in data:
                assert loaded.nodes[node][key] == data[key], (node, key)
    if suffix == ".graphml":
        assert sorted(k for *_, k in loaded.edges(keys=True)) == sorted(k for *_, k in view.edges(keys=True))


def test_csv_tables_rebuild_the_edges(two_documents, tmp_path):
    two_documents.export(tmp_path / "g.csv")
    def read(name):
        with open(tmp_path / f"g.{name}.csv", encoding="utf-8") as handle:
            return list(csv.DictReader(handle))

    events, roles, entities = read("events"), read("roles"), read("entities")
    view = two_documents.to_networkx()
    assert {r["event"] for r in events} == {n for n, d in view.nodes(data=True) if d["kind"] == "event"}
    assert sorted((r["event"], r["entity"], r["role"]) for r in roles if r["entity"]) == sorted(view.edges(keys=True))
    assert {r["label"] for r in entities} >= {"Russia", "Syria", "Iran"}
    assert {r["class"] for r in events} == {"Deployment", "Statement"}


def test_export_command_and_bad_format(two_documents, tmp_path, capsys):
    source = tmp_path / "g.ttl"
    two_documents.serialize(source)
    assert main(["export", str(source), "-o", str(tmp_path / "g.gexf"), "-q"]) == 0
    assert (tmp_path / "g.gexf").stat().st_size > 0
    assert main(["export", str(source), "-o", str(tmp_path / "g.xlsx")]) == 2
    assert "unknown export format '.xlsx'" in capsys.readouterr().err
    with pytest.raises(OutputFormatError):
        two_documents.export(tmp_path / "g.doc")


def test_control_characters_never_reach_an_xml_file(tmp_path):
    # a graph from elsewhere may carry a form feed (pdftotext) or a NUL in a literal: XML cannot
    foreign = tmp_path / "foreign.ttl"
    foreign.write_text('@prefix kg: <https://w3id.org/kgraph/ontology#> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n'
                       '<https://x/p> a kg:Person ; rdfs:label "Anna\\fBerg\\u0000" ; kg:mentionCount 1 .\n'
                       '<https://x/e> a kg:Statement ; kg:trigger "said" ; kg:speaker <https://x/p> .\n', encoding="utf-8")
    graph = kgraph.load(foreign)
    for suffix in (".graphml", ".gexf", ".rdf"):
        out = tmp_path / f"g{suffix}"
        graph.export(out)
        if suffix == ".rdf":
            back = kgraph.load(out)
            assert "Anna\nBerg " in {str(o) for o in back.rdf.objects()}
        else:
            view = (nx.read_graphml if suffix == ".graphml" else nx.read_gexf)(out)
            assert any("Anna\nBerg" in str(d.get("label", "")) for _, d in view.nodes(data=True))
    built = kgraph.build(["Page one: troops left Oslo.\fPage two: Russia deployed troops in Syria."])
    built.export(tmp_path / "built.graphml")
    assert nx.read_graphml(tmp_path / "built.graphml").number_of_nodes() > 0
