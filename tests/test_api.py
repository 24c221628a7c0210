"""The public Python API: what kgraph exports, and the calls the contract names."""
from __future__ import annotations

import networkx as nx
from rdflib import Graph

import kgraph


def test_all_is_explicit_and_importable():
    for name in kgraph.__all__:
        assert hasattr(kgraph, name), name
    public = {n for n in dir(kgraph) if not n.startswith("_")}
    # every public module-level name is exported or is a subpackage
    modules = {"cli", "distributed", "draw", "errors", "extract", "files", "graph", "interactive", "nlp", "pipeline", "query",
               "text", "queries"}
    assert public - set(kgraph.__all__) <= modules


def test_contract_calls(tmp_path, example_graph):
    graph = example_graph
    assert isinstance(graph.rdf, Graph)
    assert isinstance(graph.to_networkx(), nx.MultiDiGraph)
    rows = graph.query(kgraph.queries.WHO_SAID_WHAT_TO_WHOM)
    assert len(rows) >= 10
    graph.serialize(tmp_path / "g.ttl")
    graph.draw(tmp_path / "g.png")
    assert (tmp_path / "g.ttl").stat().st_size > 0 and (tmp_path / "g.png").stat().st_size > 0


def test_build_takes_texts_and_paths(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Iran sent drones to Russia.", encoding="utf-8")
    graph = kgraph.build([str(article), "Russia deployed troops in Syria."])
    assert graph.summary() == {"documents": 2, "entities": 3, "events": 2}


def test_errors_share_one_base():
    for error in (kgraph.InputError, kgraph.QueryError, kgraph.ModelNotFoundError, kgraph.OutputFormatError):
        assert issubclass(error, kgraph.KgraphError)


def test_parallel_build_gives_the_same_graph():
    from rdflib.compare import isomorphic

    texts = ["Russia deployed troops in Syria.", "Iran sent drones to Russia, officials said.",
             "Protests erupted in Lima on Monday.", "Angela Merkel met Emmanuel Macron in Paris."]
    assert isomorphic(kgraph.build(texts, jobs=2).rdf, kgraph.build(texts).rdf)
