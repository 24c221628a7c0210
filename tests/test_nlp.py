"""Model loading and the line-break sentence boundaries."""
from __future__ import annotations

import pytest

from kgraph.errors import ModelNotFoundError
from kgraph.nlp import load_model


def test_model_loads_once_per_process(nlp):
    assert load_model() is nlp
    assert "kgraph_line_breaks" in nlp.pipe_names


def test_lines_are_sentences(nlp):
    doc = nlp("Spread the love\n\nMore than 150 people were killed in protests.\nPhoto: AFP")
    sentences = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert sentences == ["Spread the love", "More than 150 people were killed in protests.", "Photo: AFP"]


def test_unknown_model_names_what_to_install():
    with pytest.raises(ModelNotFoundError, match="pip install no_such_model_xx"):
        load_model("no_such_model_xx")


def test_long_runs_without_a_space_are_tokenised_in_linear_time(nlp):
    import time

    # spaCy strips a run's punctuation a character at a time, copying the rest: quadratic
    for text in ['"' * 100_000, 'Anna Berg said "' + "!" * 50_000 + '" and left. ' + "x" * 3_000]:
        started = time.monotonic()
        doc = nlp.tokenizer(text)
        assert time.monotonic() - started < 3
        assert doc.text == text
        assert all(text[t.idx:t.idx + len(t.text)] == t.text for t in doc)
    doc = nlp.tokenizer('Anna Berg said "' + "!" * 1_000 + '" and left.')
    assert [t.text for t in doc][:3] == ["Anna", "Berg", "said"] and doc[-1].text == "."


def test_ordinary_text_is_tokenised_as_spacy_does(nlp):
    text = "Dr. Anna Berg (NATO) said: \"We'll see,\" on Monday -- https://example.org/a?b=c."
    assert [t.text for t in nlp.tokenizer(text)] == [t.text for t in nlp.tokenizer.tokenizer(text)]
