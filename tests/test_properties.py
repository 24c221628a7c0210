"""Property-based tests: random Unicode and random news-like articles through the whole path,
text -> graph -> Turtle -> graph. Nothing crashes, offsets always index the text, and every
graph conforms to the SHACL shapes."""
from __future__ import annotations

import random
import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph
from rdflib.compare import isomorphic

import kgraph
from kgraph.errors import InputError, InputWarning
from kgraph.extract import extract_many
from kgraph.text import document_from_text
from newslike import article

# each example parses with spaCy and validates with pyshacl: a few dozen keep the suite quick
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _round_trip_and_validate(graph: kgraph.KnowledgeGraph) -> None:
    again = Graph()
    again.parse(data=graph.serialize(), format="turtle")
    assert isomorphic(again, graph.rdf)
    report = graph.validate()
    assert report.conforms, report.problems[:5]


def _offsets_index_the_text(extraction) -> None:
    text = extraction.document.text
    for event in extraction.events:
        for span in (event.sentence, event.trigger, *event.more_sentences):
            assert text[span.begin:span.end] == span.text
    keys = {e.key for e in extraction.entities}
    for entity in extraction.entities:
        assert all(text[m.begin:m.end] == m.text for m in entity.mentions)
    assert all(r.entity in keys for e in extraction.events for r in e.roles if r.entity is not None)


@SETTINGS
@given(st.text(min_size=0, max_size=400))
def test_any_unicode_text_builds_a_valid_graph_or_is_refused_in_one_line(nlp, text):
    if not text.strip():
        with pytest.raises(InputError, match=r"^<text 1>: contains no text$"):
            kgraph.build([text])
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InputWarning)  # random words rarely look like English
        graph = kgraph.build([document_from_text(text)])
    _round_trip_and_validate(graph)


@SETTINGS
@given(st.lists(st.sampled_from(["Anna Berg said", " “", '"', "\n", "\u200b", "NATO", "killed", "12", "é", "Ω", "😀",
                                 "met Omar Haddad in Oslo", ".", ",", "\t", "\r\n", "\x00", "\x0b", "protest"]),
                max_size=60).map("".join))
def test_news_fragments_and_control_characters(nlp, text):
    if not text.strip():
        return
    (extraction,) = extract_many([document_from_text(text)], nlp=nlp)
    _offsets_index_the_text(extraction)
    _round_trip_and_validate(kgraph.build([text]))


@SETTINGS
@given(st.randoms(use_true_random=False))
def test_news_like_articles(nlp, rng: random.Random):
    texts = [article(rng) for _ in range(3)]
    for extraction in extract_many([document_from_text(t) for t in texts], nlp=nlp):
        _offsets_index_the_text(extraction)
    graph = kgraph.build(texts)
    assert graph.summary()["events"] > 0
    _round_trip_and_validate(graph)
