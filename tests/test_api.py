"""The public Python API: what kgraph exports, and the calls the contract names."""
from __future__ import annotations

import networkx as nx
import pytest
from rdflib import Graph

import kgraph


def test_all_is_explicit_and_importable():
    for name in kgraph.__all__:
        assert hasattr(kgraph, name), name
    public = {n for n in dir(kgraph) if not n.startswith("_")}
    # every public module-level name is exported or is a subpackage
    modules = {"cli", "collecting", "deadline", "distributed", "draw", "errors", "extract", "files", "graph", "identity", "names",
               "records", "store", "interactive", "nlp", "pipeline", "query", "text", "queries"}
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


@pytest.mark.parametrize("inputs", [None, 123, [None], ["Talks resumed.", 4.5], [b"bytes are not text"]])
def test_inputs_of_the_wrong_kind_are_one_clear_error(inputs):
    with pytest.raises(kgraph.InputError, match="neither a path, a text nor a Document|give a path, a text"):
        kgraph.build(inputs)


def test_strings_that_name_files_are_read_as_files(tmp_path, monkeypatch):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("Russia deployed troops in Syria.", encoding="utf-8")
    (folder / "b.html").write_text("<html><body><article><p>Iran sent drones to Russia, officials said on Monday."
                                   "</p></article></body></html>", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert kgraph.build("news/").summary()["documents"] == 2  # a folder: its articles
    with pytest.raises(kgraph.InputError, match="data/notes: file not found"):
        kgraph.build(["data/notes"])  # one word with a slash names a file, even without a suffix
    with pytest.raises(kgraph.InputError, match="is a web address"):
        kgraph.build(["https://example.org/news/article"])
    assert kgraph.build(["Protests."]).summary()["documents"] == 1  # a bare word is text
