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
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from kgraph.extract import component  # registers the "kgraph_events" spaCy factory
from kgraph.extract.entities import EntityResolver
from kgraph.extract.events import EventExtractor
from kgraph.extract.lexicon import Frame, Lexicon, load_lexicon
from kgraph.extract.records import Entity, Event, Extraction, Role, TextSpan, entity_key
from kgraph.nlp import load_model
from kgraph.text import Document

__all__ = ["component", "extract", "extract_many", "extract_doc", "Entity", "Event", "Extraction", "Frame",
           "Lexicon", "Role", "TextSpan", "load_lexicon"]


def extract_doc(document: Document, doc: Doc, lexicon: Lexicon | None = None) -> Extraction:
    """Read entities and events from a document already parsed by spaCy."""
    resolver = EntityResolver(doc, ignored=document.is_ignored)
    events = EventExtractor(lexicon or load_lexicon()).events(doc, resolver, reference_date=document.created,
                                                               ignored=document.is_ignored)
    entities = resolver.entities()
    if document.author and not any(e.type == "Person" and e.label == document.author for e in entities):
        # the byline's author is a person of the graph (the document's dcterms:creator)
        entities.append(Entity(entity_key("Person", document.author), "Person", document.author))
    return Extraction(document, tuple(entities), tuple(events))


def extract_many(documents: Iterable[Document], *, nlp: Language | None = None,
                 lexicon: Lexicon | None = None, batch_size: int = 16) -> Iterator[Extraction]:
    """Parse documents in batches with ``nlp.pipe`` and read each one's entities and events."""
    nlp = nlp or load_model()
    lexicon = lexicon or load_lexicon()
    pending = list(documents)
    for document, doc in zip(pending, nlp.pipe((d.text for d in pending), batch_size=batch_size)):
        yield extract_doc(document, doc, lexicon)


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
