"""The frame lexicon is data: users add classes by editing TOML, and mistakes are reported clearly."""
from __future__ import annotations

import pytest
from rdflib import RDFS, URIRef

import kgraph
from kgraph.errors import InputError
from kgraph.extract.lexicon import default_lexicon_path, load_lexicon
from kgraph.extract.rules import RULES
from kgraph.graph.rdf import ontology_graph

ARREST_FRAME = """
[frames.arrest]
class = "Arrest"
label = "arrest"
comment = "Someone was arrested or detained."
verbs = ["arrest", "detain"]
nouns = ["arrest", "detention"]
confidence = 0.7
[frames.arrest.roles]
agent = ["subject", "by_agent"]
victim = ["object", "passive_subject"]
place = ["place"]
"""


def test_shipped_lexicon_uses_only_known_rules_and_declared_classes():
    lexicon = load_lexicon()
    declared = {str(s) for s in ontology_graph().subjects()}
    for frame in lexicon.frames:
        assert f"https://w3id.org/kgraph/ontology#{frame.cls}" in declared
        for role, rules in frame.roles.items():
            assert f"https://w3id.org/kgraph/ontology#{role}" in declared, role
            assert set(rules) <= set(RULES)


def test_a_trigger_word_belongs_to_one_frame():
    seen: dict[str, str] = {}
    for frame in load_lexicon().frames:
        for word in frame.verbs:
            assert word not in seen, f"verb '{word}' in {seen.get(word)} and {frame.name}"
            seen[word] = frame.name


def test_a_user_adds_a_class_with_a_lexicon_file_alone(tmp_path):
    path = tmp_path / "arrest.toml"
    path.write_text(ARREST_FRAME, encoding="utf-8")
    lexicon = load_lexicon(path, extend=True)
    graph = kgraph.build(["Police arrested three journalists in Minsk on Tuesday."], lexicon=lexicon)
    rows = graph.query("""
        SELECT ?trigger ?place ?parent WHERE {
          ?event a kg:Arrest ; kg:trigger ?trigger ; kg:place/rdfs:label ?place .
          kg:Arrest rdfs:subClassOf ?parent }""").rows
    assert rows == [{"trigger": "arrested", "place": "Minsk", "parent": "https://w3id.org/kgraph/ontology#Event"}]
    # the shipped frames still work beside the new one
    assert load_lexicon(path, extend=True).frame_for_verb("say").cls == "Statement"
    assert (URIRef("https://w3id.org/kgraph/ontology#Arrest"), RDFS.label, None) in graph.rdf
    # the shipped events query lists it under its own class
    assert [(r["class"], r["trigger"]) for r in graph.query("events")] == [("Arrest", "arrested")]


@pytest.mark.parametrize(("content", "problem"), [
    ("not toml [[[", "not valid TOML"),
    ("[other]\nx = 1", "no [frames.NAME] tables"),
    ('[frames.x]\nverbs = ["go"]', "needs a 'class'"),
    ('[frames.x]\nclass = "Go"', "no verbs, nouns or phrases"),
    ('[frames.x]\nclass = "Go"\nverbs = ["go"]\n[frames.x.roles]\nagent = ["telepathy"]', "unknown rule 'telepathy'"),
    ('[frames.x]\nclass = "Go"\nverbs = ["go"]\nconfidence = 3', "confidence"),
    # a class becomes kg:NAME in every graph: it must be a name, and not one of another thing
    ('[frames.x]\nclass = "Arr est<>"\nverbs = ["go"]', "'Arr est<>' is not a class name"),
    ('[frames.x]\nclass = "Document"\nverbs = ["go"]', "'Document' is kgraph's class of documents"),
    ('[frames.x]\nclass = "Person"\nverbs = ["go"]', "'Person' is kgraph's class of persons"),
    ('[frames.x]\nclass = "Go"\nparent = "Thing <x>"\nverbs = ["go"]', "parent: 'Thing <x>' is not a class name"),
    ('[frames.x]\nclass = "Go"\nparent = "Elsewhere"\nverbs = ["go"]', "parent 'Elsewhere' is no event class"),
    ('[frames.x]\nclass = "Go"\nparent = "Go"\nverbs = ["go"]', "its own ancestor"),
    ('[frames.x]\nclass = "Go"\nverbs = ["go"]\n[frames.x.roles]\nmood = ["object"]', "role 'mood' is not one of"),
    ('[frames.x]\nclass = "Go"\nverbs = ["go"]\nlabel = 3', "label must be a string"),
])
def test_bad_lexicon_is_reported_with_its_file(tmp_path, content, problem):
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_lexicon(path)
    assert str(path) in str(error.value) and problem in str(error.value)


def test_every_role_name_is_an_ontology_property():
    from kgraph.records import ROLE_NAMES

    declared = {str(s) for s in ontology_graph().subjects()}
    assert all(f"https://w3id.org/kgraph/ontology#{role}" in declared for role in ROLE_NAMES)


def test_a_graph_with_a_lexicon_class_validates(tmp_path):
    path = tmp_path / "arrest.toml"
    path.write_text(ARREST_FRAME, encoding="utf-8")
    graph = kgraph.build(["Police arrested three journalists in Minsk on Tuesday."], lexicon=load_lexicon(path, extend=True))
    assert graph.validate().conforms


def test_default_lexicon_is_the_file_in_ontology():
    assert default_lexicon_path().name == "lexicon.toml"
    assert default_lexicon_path().read_text(encoding="utf-8").startswith("# kgraph's frame lexicon")


def test_a_class_under_a_core_class_is_found_by_the_shipped_queries(tmp_path):
    path = tmp_path / "riot.toml"
    path.write_text('[frames.riot]\nclass = "Riot"\nparent = "Protest"\nverbs = ["riot"]\n'
                    '[frames.riot.roles]\nplace = ["place"]\n', encoding="utf-8")
    graph = kgraph.build(["Youths rioted in London on Friday."], lexicon=load_lexicon(path, extend=True))
    rows = graph.query("casualties").rows
    assert [(r["class"], r["place"]) for r in rows] == [("Protest", "London")]
    view = graph.to_networkx()
    assert [d["cls"] for _, d in view.nodes(data=True) if d["kind"] == "event"] == ["Riot"]
