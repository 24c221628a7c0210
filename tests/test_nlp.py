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
