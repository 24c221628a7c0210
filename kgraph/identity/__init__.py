"""Identity: which mentions are one real-world entity or event, within an article and across the
documents of a build.

A stage of its own between records and RDF (DESIGN.md, after NewsReader's instance/mention
design): it sees every document's records at once, with all their evidence (full names, titles,
types, roles, dates), and decides which are one entity (:mod:`kgraph.identity.entities`) and
which reports are one event (:mod:`kgraph.identity.events`). Its answer, a :class:`Resolution`,
depends on the documents only, never on the order they came in; the graph stage writes it.

Examples
--------
>>> import kgraph
>>> from kgraph.extract import extract
>>> from kgraph.text import document_from_text
>>> texts = ["Chancellor Olaf Scholz met Emmanuel Macron in Paris.", "Scholz said the talks failed."]
>>> resolution = resolve([extract(document_from_text(t)) for t in texts])
>>> sorted(node.label for node in resolution.entities.values())
['Emmanuel Macron', 'Olaf Scholz', 'Paris']
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kgraph.identity.entities import EntityNode, node_slug, resolve_entities
from kgraph.identity.events import EventNode, event_key, resolve_events
from kgraph.records import Extraction

__all__ = ["Resolution", "EntityNode", "EventNode", "resolve", "node_slug", "event_key"]


@dataclass(frozen=True)
class Resolution:
    """Which node each document's entities and events are.

    Attributes
    ----------
    entities : dict
        Entity nodes by key (``"person/olaf-scholz"``).
    entity_of : dict
        (document digest, entity key) -> entity node key.
    events : dict
        Event nodes by key.
    event_of : dict
        (document digest, index of the event in its extraction) -> event node key.
    """

    entities: dict[str, EntityNode]
    entity_of: dict[tuple[str, str], str]
    events: dict[str, EventNode]
    event_of: dict[tuple[str, int], str]


def resolve(extractions: Sequence[Extraction]) -> Resolution:
    """The entity and event nodes of a set of documents (their order does not matter)."""
    entities, entity_of = resolve_entities(extractions)
    events, event_of = resolve_events(extractions, entity_of)
    return Resolution(entities, entity_of, events, event_of)
