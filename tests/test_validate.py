"""Every graph kgraph writes conforms to its SHACL shapes (ontology/shapes.ttl); broken ones do not."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef

import kgraph
from kgraph.cli import main
from kgraph.extract.lexicon import load_lexicon
from kgraph.graph.namespace import KG
from kgraph.store import Store

DEV = Path(__file__).parent / "data" / "dev"


def test_the_example_graph_conforms(example_graph):
    report = example_graph.validate()
    assert report.conforms, report.problems


def test_the_development_articles_conform_in_memory_and_in_a_store(tmp_path):
    articles = sorted(DEV.glob("*.txt"))
    graph = kgraph.build(articles)
    assert graph.validate().conforms
    with Store(tmp_path / "store") as store:
        store.add_texts(articles[:4])
        assert kgraph.KnowledgeGraph(store.to_graph()).validate().conforms


def test_a_lexicon_class_is_checked_as_an_event(tmp_path):
    path = tmp_path / "lexicon.toml"
    path.write_text('[frames.arrest]\nclass = "Arrest"\nverbs = ["arrest"]\n[frames.arrest.roles]\nagent = ["subject"]\n',
                    encoding="utf-8")
    graph = kgraph.build(["Police arrested two activists in Minsk on Monday."], lexicon=load_lexicon(path, extend=True))
    assert graph.validate().conforms
    event = next(graph.rdf.subjects(KG.trigger, None))
    graph.rdf.remove((event, KG.confidence, None))
    report = graph.validate()
    assert not report.conforms
    assert any("confidence" in p for p in report.problems)


@pytest.mark.parametrize(("damage", "expected"), [
    (lambda g, e: g.add((e, KG.confidence, Literal("1.5", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal")))),
     "kg:confidence"),
    (lambda g, e: g.add((e, KG.speaker, Literal("a string, not an entity"))), "kg:speaker"),
    (lambda g, e: g.add((e, KG.factuality, Literal("certain"))), "kg:factuality"),
    (lambda g, e: g.remove((e, KG.trigger, None)), "kg:trigger"),
])
def test_broken_graphs_are_named_problem_by_problem(example_graph, damage, expected):
    graph = kgraph.KnowledgeGraph()
    for triple in example_graph.rdf:
        graph.rdf.add(triple)
    event = sorted(graph.rdf.subjects(KG.trigger, None))[0]
    damage(graph.rdf, event)
    report = graph.validate()
    assert not report.conforms
    assert any(p.startswith(f"<{event}> {expected}") for p in report.problems), report.problems


def test_validate_on_the_command_line(example_graph, tmp_path, capsys):
    good = tmp_path / "good.ttl"
    example_graph.serialize(good)
    assert main(["validate", str(good)]) == 0
    assert "conforms to kgraph's SHACL shapes" in capsys.readouterr().err
    bad = tmp_path / "bad.ttl"
    bad.write_text(good.read_text(encoding="utf-8").replace("kg:trigger", "kg:note"), encoding="utf-8")
    assert main(["validate", str(bad), "--max-problems", "3"]) == 1
    out, err = capsys.readouterr()
    assert len(out.strip().splitlines()) == 3 and "kg:trigger" in out
    assert "does not conform" in err and "not shown" in err
