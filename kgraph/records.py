"""The plain records that extraction produces and graph building consumes.

They hold character offsets and strings only: no spaCy objects, no RDF terms, so they can be
pickled between processes, compared in tests and written by any back end. They have slots: a
corpus holds millions of spans and roles, and a slot takes a fraction of an instance dict.

Examples
--------
>>> span = TextSpan(0, 8, "He left.")
>>> role = Role("speaker", entity="person/he")
>>> Event("Statement", span, TextSpan(3, 7, "left"), (role,)).role_values("speaker")
('person/he',)
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from kgraph.text import Document

__all__ = ["TextSpan", "Entity", "Role", "Event", "EventClass", "Extraction", "ENTITY_TYPES", "EVENT_CLASSES",
           "ROLE_NAMES", "RESERVED_CLASS_NAMES", "entity_key", "FACTUALITY_VALUES", "records_to_plain",
           "records_from_plain", "extraction_to_plain", "extraction_from_plain"]

#: The entity classes of the contract.
ENTITY_TYPES = ("Person", "Organization", "Place")
#: The core event classes of the contract.
EVENT_CLASSES = ("Statement", "Contact", "Deployment", "Attack", "Death", "Protest")
#: The roles an event may have: each is a kg: property of the ontology (see CONTRACT.md).
ROLE_NAMES = ("speaker", "addressee", "content", "medium", "participant", "agent", "requester", "theme", "destination",
              "attacker", "target", "victim", "count", "place", "time", "date", "source")
#: Names an event class may not take: the ontology's classes of other things.
RESERVED_CLASS_NAMES = frozenset({"Entity", *ENTITY_TYPES, "Document"})
#: How the text marks an event that is not plainly asserted.
FACTUALITY_VALUES = ("negated", "hedged", "future", "unproven")


def entity_key(etype: str, label: str) -> str:
    """The key of an entity within a document: its type and a slug of its label.

    >>> entity_key("Person", "Qasim Jomart Tokayev")
    'Person/qasim-jomart-tokayev'
    """
    slug = re.sub(r"[^\w]+", "-", label.lower()).strip("-") or "entity"
    return f"{etype}/{slug}"


@dataclass(frozen=True, order=True, slots=True)
class TextSpan:
    """A stretch of a document's text: ``text == document.text[begin:end]``."""

    begin: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world person, organisation or place as one document names it.

    Attributes
    ----------
    key : str
        Identifies the entity within its document (``"Person/qasim-jomart-tokayev"``).
    type : str
        ``Person``, ``Organization`` or ``Place``.
    label : str
        The fullest proper name seen (or the description, for an unnamed entity).
    aliases : tuple of str
        Every other surface form that refers to it (names, acronyms, descriptions, pronouns).
    titles : tuple of str
        Titles and roles seen with the name ("Kazakh President"), kept as data.
    mentions : tuple of TextSpan
        Where the document mentions it.
    named : bool
        False for an entity known only by a description ("the Kazakh government").
    names : tuple of (str, int)
        The proper names among those forms, each with how often the article's body uses it (a
        name seen in the headline alone counts 0): the evidence for merging across documents,
        where descriptions and pronouns count for nothing.
    """

    key: str
    type: str
    label: str
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    mentions: tuple[TextSpan, ...] = ()
    named: bool = True
    names: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Role:
    """One role filler of an event: an entity (by key) or a literal value.

    ``datatype`` is ``"integer"`` for counts and ``"date"`` for resolved dates; ``None`` means
    a plain string. ``span`` is where the words that fill the role stand in the text ("the
    Collective Security Treaty Organization", "military equipment"), where they can be pointed
    at (a participant taken from an earlier sentence's "the two leaders" has none).
    """

    name: str
    entity: str | None = None
    literal: str | None = None
    datatype: str | None = None
    span: TextSpan | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """One event read from one sentence.

    Attributes
    ----------
    cls : str
        The event class (a core class of the contract or one the lexicon adds).
    sentence : TextSpan
        The sentence it was read from: its provenance.
    trigger : TextSpan
        The word or phrase that signals it ("said", "deployment", "took to the streets").
    roles : tuple of Role
    confidence : float
        How far the rule that found it is to be trusted, in [0, 1].
    rule : str
        The name of the rule that found it.
    factuality : str or None
        One of :data:`FACTUALITY_VALUES` where the text marks the event as denied, hedged,
        future or unproven; None for a plain assertion.
    more_sentences : tuple of TextSpan
        Further sentences the event was read from: a quotation that goes on after its
        attribution ("..." he said. "...").
    """

    cls: str
    sentence: TextSpan
    trigger: TextSpan
    roles: tuple[Role, ...] = ()
    confidence: float = 0.5
    rule: str = ""
    factuality: str | None = None
    more_sentences: tuple[TextSpan, ...] = ()

    def role_values(self, name: str) -> tuple[str, ...]:
        """The entity keys or literals that fill one role."""
        return tuple(r.entity if r.entity is not None else str(r.literal)
                     for r in self.roles if r.name == name)


@dataclass(frozen=True, slots=True)
class EventClass:
    """An event class beyond the contract's six, as a frame lexicon declares it.

    The graph declares it under its parent (a core class, ``Event`` or another such class), so
    that a query for ``kg:Protest`` finds a ``kg:Riot``; it travels with the records, so that
    whoever builds the graph (another process, a Dask worker's client) needs no lexicon.
    """

    name: str
    parent: str = "Event"
    label: str | None = None
    comment: str | None = None


@dataclass(frozen=True)
class Extraction:
    """Everything read from one document.

    ``classes`` declares the event classes beyond the core six that its events use.
    """

    document: Document
    entities: tuple[Entity, ...] = ()
    events: tuple[Event, ...] = ()
    warnings: tuple[str, ...] = field(default=())
    classes: tuple[EventClass, ...] = ()

    def entity(self, key: str) -> Entity:
        """The entity with this key.

        Raises
        ------
        KeyError
            If no entity has that key.
        """
        for entity in self.entities:
            if entity.key == key:
                return entity
        raise KeyError(key)


# -- plain data: what a spaCy Doc carries (msgpack: dicts, lists, strings, numbers) ---------------
def _span_to_plain(span: TextSpan | None) -> list | None:
    return None if span is None else [span.begin, span.end, span.text]


def _span_from_plain(data: list | None) -> TextSpan | None:
    return None if data is None else TextSpan(int(data[0]), int(data[1]), str(data[2]))


def records_to_plain(entities: tuple[Entity, ...] | list[Entity], events: tuple[Event, ...] | list[Event],
                     classes: tuple[EventClass, ...] = ()) -> dict:
    """Records as plain data that spaCy serialises with a Doc (``to_bytes``, ``DocBin``,
    ``nlp.pipe(n_process=...)``); :func:`records_from_plain` reads them back.

    >>> plain = records_to_plain([Entity("Place/oslo", "Place", "Oslo")], [])
    >>> records_from_plain(plain)[0][0].label
    'Oslo'
    """
    return {
        "version": 1,
        "entities": [{"key": e.key, "type": e.type, "label": e.label, "aliases": list(e.aliases), "titles": list(e.titles),
                      "mentions": [_span_to_plain(m) for m in e.mentions], "named": e.named,
                      "names": [[name, count] for name, count in e.names]} for e in entities],
        "events": [{"cls": e.cls, "sentence": _span_to_plain(e.sentence), "trigger": _span_to_plain(e.trigger),
                    "roles": [{"name": r.name, "entity": r.entity, "literal": r.literal, "datatype": r.datatype,
                               "span": _span_to_plain(r.span)} for r in e.roles],
                    "confidence": e.confidence, "rule": e.rule, "factuality": e.factuality,
                    "more_sentences": [_span_to_plain(s) for s in e.more_sentences]} for e in events],
        "classes": [{"name": c.name, "parent": c.parent, "label": c.label, "comment": c.comment} for c in classes],
    }


def records_from_plain(data: dict) -> tuple[tuple[Entity, ...], tuple[Event, ...], tuple[EventClass, ...]]:
    """The records :func:`records_to_plain` wrote: (entities, events, classes)."""
    entities = tuple(Entity(e["key"], e["type"], e["label"], tuple(e["aliases"]), tuple(e["titles"]),
                            tuple(_span_from_plain(m) for m in e["mentions"]), bool(e["named"]),
                            tuple((str(n), int(c)) for n, c in e.get("names", ())))
                     for e in data.get("entities", ()))
    events = tuple(Event(e["cls"], _span_from_plain(e["sentence"]), _span_from_plain(e["trigger"]),
                         tuple(Role(r["name"], r["entity"], r["literal"], r["datatype"], _span_from_plain(r["span"]))
                               for r in e["roles"]),
                         float(e["confidence"]), e["rule"], e["factuality"],
                         tuple(_span_from_plain(s) for s in e["more_sentences"]))
                   for e in data.get("events", ()))
    classes = tuple(EventClass(c["name"], c["parent"], c["label"], c["comment"]) for c in data.get("classes", ()))
    return entities, events, classes


def extraction_to_plain(extraction: Extraction) -> dict:
    """A document's records as plain data, with what the document says of itself (its source,
    title, date and author, not its text): what a store keeps to resolve identity anew."""
    document = extraction.document
    plain = records_to_plain(extraction.entities, extraction.events, extraction.classes)
    plain["document"] = {"source": document.source, "title": document.title, "author": document.author,
                         "created": document.created.isoformat() if document.created else None,
                         "ignored": [list(span) for span in document.ignored]}
    return plain


def extraction_from_plain(data: dict, text: str) -> Extraction:
    """The records :func:`extraction_to_plain` wrote, for the document whose text is ``text``.

    >>> from kgraph.text import document_from_text
    >>> extraction = Extraction(document_from_text("Talks began.", "a.txt"), (Entity("Place/oslo", "Place", "Oslo"),))
    >>> extraction_from_plain(extraction_to_plain(extraction), "Talks began.") == extraction
    True
    """
    import datetime as dt

    entities, events, classes = records_from_plain(data)
    about = data.get("document", {})
    created = dt.date.fromisoformat(about["created"]) if about.get("created") else None
    document = Document(text, about.get("source", "<text>"), about.get("title"), created, about.get("author"),
                        tuple(tuple(span) for span in about.get("ignored", ())))
    return Extraction(document, entities, events, classes=classes)


def _bare(span: TextSpan) -> TextSpan:
    return TextSpan(span.begin, span.end, "")


def lean(extraction: Extraction) -> Extraction:
    """The same records without the words of their mentions, sentences and role fillers (the
    document's text holds them: ``document.text[span.begin:span.end]``); triggers keep theirs.

    What a store keeps in memory of every document it holds, to resolve identity over all of
    them: a sentence's words are most of a record's size.

    >>> from kgraph.text import Document
    >>> text = "Troops arrived."
    >>> record = Extraction(Document(text, "t"), (Entity("Person/x", "Person", "X", mentions=(TextSpan(0, 6, "Troops"),)),))
    >>> lean(record).entities[0].mentions
    (TextSpan(begin=0, end=6, text=''),)
    """
    entities = tuple(replace(e, mentions=tuple(_bare(m) for m in e.mentions)) for e in extraction.entities)
    events = tuple(replace(event, sentence=_bare(event.sentence),
                           more_sentences=tuple(_bare(s) for s in event.more_sentences),
                           roles=tuple(replace(r, span=_bare(r.span)) if r.span is not None else r for r in event.roles))
                   for event in extraction.events)
    return replace(extraction, entities=entities, events=events)
