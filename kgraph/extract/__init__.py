"""Extraction: a parsed document in, plain records (entities, events, roles, spans) out.

This is the only stage besides :mod:`kgraph.nlp` that uses spaCy. It never builds triples.

Examples
--------
>>> from kgraph.text import document_from_text
>>> result = extract(document_from_text("The CSTO has deployed troops in Kazakhstan."))
>>> [(e.cls, e.role_values("agent"), e.role_values("destination")) for e in result.events]
[('Deployment', ('Organization/csto',), ('Place/kazakhstan',))]
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import groupby
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from kgraph.collecting import fewer_collections
from kgraph.errors import InputError
from kgraph.extract import component  # registers the "kgraph_events" spaCy factory
from kgraph.extract.entities import EntityResolver
from kgraph.extract.events import EventExtractor
from kgraph.extract.lexicon import Frame, Lexicon, load_lexicon
from kgraph.extract.parts import PART_CHARACTERS, join_extractions, split_document
from kgraph.extract.words import known_text
from kgraph.records import Entity, Event, EventClass, Extraction, Role, TextSpan, entity_key
from kgraph.nlp import load_model
from kgraph.text import Document
from kgraph.text.language import looks_english

__all__ = ["component", "extract", "extract_many", "extract_parallel", "extract_doc", "extract_from_doc", "Entity",
           "Event", "EventClass", "Extraction", "Frame", "Lexicon", "Role", "TextSpan", "load_lexicon"]


def extract_doc(document: Document, doc: Doc, lexicon: Lexicon | None = None, *, headline: bool = True) -> Extraction:
    """Read entities and events from a document already parsed by spaCy.

    ``headline=False`` reads a first line without a full stop as text, not as a headline (for
    the later parts of a long article).
    """
    lexicon = lexicon or load_lexicon()
    known_text(doc, document.text)  # the text the doc was parsed from (joining its tokens costs)
    resolver = EntityResolver(doc, ignored=document.is_ignored, headline=headline)
    events = EventExtractor(lexicon).events(doc, resolver, reference_date=document.created,
                                            ignored=document.is_ignored, headline=headline)
    entities = resolver.entities()
    if document.author and not any(e.type == "Person" and e.label == document.author for e in entities):
        # the byline's author is a person of the graph (the document's dcterms:creator)
        entities.append(Entity(entity_key("Person", document.author), "Person", document.author))
    return Extraction(document, tuple(entities), tuple(events), classes=lexicon.declarations({e.cls for e in events}))


def extract_from_doc(doc: Doc, source: str = "<doc>", *, lexicon: Lexicon | None = None) -> Extraction:
    """The records of a document that spaCy has parsed: those its ``kgraph_events`` component
    left (``doc._.kgraph``), else read now with ``lexicon``.

    The document's text is the Doc's, so every offset indexes ``doc.text``.
    """
    from kgraph.records import records_from_plain

    document = Document(doc.text, source)
    if doc.has_extension("kgraph") and doc._.kgraph is not None:
        entities, events, classes = records_from_plain(doc._.kgraph)
        return Extraction(document, entities, events, classes=classes)
    if not doc.has_annotation("DEP"):
        raise InputError(source, "is a spaCy Doc without a dependency parse; parse it with a pipeline that "
                                 "has a parser (such as en_core_web_sm)")
    return extract_doc(document, doc, lexicon)


def extract_many(documents: Iterable[Document], *, nlp: Language | None = None, lexicon: Lexicon | None = None,
                 batch_size: int = 16, part_size: int = PART_CHARACTERS) -> Iterator[Extraction]:
    """Parse documents in batches with ``nlp.pipe`` and read each one's entities and events.

    A document longer than ``part_size`` characters (or than the pipeline's ``max_length``) is
    read in parts (see :mod:`kgraph.extract.parts`); one not in English is not read at all, and
    its extraction carries a warning.
    """
    nlp = nlp or load_model()
    lexicon = lexicon or load_lexicon()
    with fewer_collections():
        yield from _extract_many(documents, nlp, lexicon, batch_size, min(part_size, nlp.max_length))


def _extract_many(documents: Iterable[Document], nlp: Language, lexicon: Lexicon, batch_size: int,
                  part_size: int) -> Iterator[Extraction]:
    pieces: list[tuple[int, int, Document]] = []  # (document index, offset, part)
    split: set[int] = set()  # the documents read in parts
    pending = list(documents)
    for index, document in enumerate(pending):
        if looks_english(document.text):
            cut = split_document(document, part_size)
            pieces.extend((index, offset, part) for offset, part in cut)
            if len(cut) > 1:
                split.add(index)
    parsed = iter(zip(pieces, _parse(nlp, pieces, split, batch_size)))
    upcoming = next(parsed, None)
    for index, document in enumerate(pending):
        parts: list[tuple[int, Extraction]] = []
        while upcoming is not None and upcoming[0][0] == index:
            (_, offset, part), doc = upcoming
            parts.append((offset, extract_doc(part, doc, lexicon, headline=offset == 0)))
            upcoming = next(parsed, None)
        if not parts:
            # another language: the English model would read garbage, so nothing is read
            yield Extraction(document, warnings=(NOT_ENGLISH,))
        else:
            yield join_extractions(document, parts)


def _parse(nlp: Language, pieces: list[tuple[int, int, Document]], split: set[int], batch_size: int) -> Iterator[Doc]:
    """The pieces parsed in order: whole documents ``batch_size`` at a time, the parts of a long
    one a part at a time, since the parser holds the memory of a whole batch at once."""
    for in_parts, group in groupby(pieces, key=lambda piece: piece[0] in split):
        yield from nlp.pipe((part.text for _, _, part in group), batch_size=1 if in_parts else batch_size)


#: The warning of a document that is not in English (nothing is read from it).
NOT_ENGLISH = "does not look like English text; kgraph reads English only, so nothing was read from it"

_WORKER: dict[str, object] = {}


def _start_worker(model: str | None, lexicon: Lexicon | str | None) -> None:
    """Runs once in each worker process: the model and the lexicon load there, once."""
    _WORKER["nlp"] = load_model(model)
    _WORKER["lexicon"] = lexicon if isinstance(lexicon, Lexicon) else (load_lexicon(lexicon) if lexicon else load_lexicon())


def _extract_batch(documents: list[Document]) -> list[Extraction]:
    return list(extract_many(documents, nlp=_WORKER["nlp"], lexicon=_WORKER["lexicon"]))


def extract_parallel(documents: Iterable[Document], *, jobs: int, model: str | None = None,
                     lexicon: Lexicon | str | Path | None = None, batch_size: int = 4) -> Iterator[Extraction]:
    """Like :func:`extract_many`, over ``jobs`` worker processes, each loading the model once.

    Workers take ``batch_size`` documents at a time: small batches keep every worker busy to
    the end instead of one finishing a long batch alone. Extractions come back in input order.
    Records (and a lexicon) are plain dataclasses, so they cross process boundaries as they are.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    pending = list(documents)
    batches = [pending[i:i + batch_size] for i in range(0, len(pending), batch_size)]
    # "spawn" would re-import kgraph in every worker; "fork" shares what is loaded (where available)
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context(method),
                             initializer=_start_worker,
                             initargs=(model, str(lexicon) if isinstance(lexicon, Path) else lexicon)) as pool:
        for batch in pool.map(_extract_batch, batches):
            yield from batch


def extract(document: Document, *, nlp: Language | None = None, lexicon: Lexicon | str | Path | None = None) -> Extraction:
    """Read one document's entities and events.

    Parameters
    ----------
    document : Document
    nlp : spacy.language.Language, optional
        The pipeline to parse with (see :func:`kgraph.nlp.load_model`).
    lexicon : Lexicon or path, optional
        The frame lexicon; the shipped one by default.
    """
    if isinstance(lexicon, (str, Path)):
        lexicon = load_lexicon(lexicon)
    return next(extract_many([document], nlp=nlp, lexicon=lexicon))
