"""Records read back from a graph: the inverse of :mod:`kgraph.graph.rdf`, so that a graph loaded
from a file (or a store reopened) can take more documents and be resolved anew with them.

Each document's entities are rebuilt from the entity nodes' ``kg:mention`` s in it (the names
among them: the mentions that are neither pronouns nor descriptions, less a title in front),
each event's reports from its ``kg:triggerMention`` s and provenance spans. What the graph does
not keep (which rule found a role, a role's own offsets) is not rebuilt, and need not be: the
identity stage reads names, types, titles, roles and dates.

Examples
--------
>>> import kgraph
>>> graph = kgraph.build(["Chancellor Olaf Scholz met Emmanuel Macron in Paris."])
>>> [(e.label, e.names) for e in records_from_graph(graph.rdf)[0].entities if e.type == "Person"]
[('Emmanuel Macron', (('Emmanuel Macron', 1),)), ('Olaf Scholz', (('Olaf Scholz', 1),))]
"""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS, PROV

from kgraph.graph.namespace import KG, NIF
from kgraph.names import TITLE_WORDS
from kgraph.records import ENTITY_TYPES, EVENT_CLASSES, Entity, Event, EventClass, Extraction, Role, TextSpan
from kgraph.text.document import Document

__all__ = ["records_from_graph"]

# the first words of a mention that is no name: a pronoun, or a description ("the president")
_NOT_NAMES = frozenset("he him his himself she her hers herself they them their it its the a an this that these those".split())


def _span(graph: Graph, node: URIRef) -> tuple[URIRef, TextSpan] | None:
    begin, end = graph.value(node, NIF.beginIndex), graph.value(node, NIF.endIndex)
    anchor, document = graph.value(node, NIF.anchorOf), graph.value(node, NIF.referenceContext)
    if begin is None or end is None or document is None:
        return None
    return document, TextSpan(int(begin), int(end), str(anchor) if anchor is not None else "")


def _name_of(anchor: str, titles: list[str]) -> str | None:
    """The name a mention gives, if it gives one: "Kazakh President Qasim Jomart Tokayev" less
    its title; None for "he" or "the country"."""
    words = anchor.split()
    if not words or words[0].lower() in _NOT_NAMES or not words[0][:1].isupper():
        return None
    for title in sorted(titles, key=len, reverse=True):
        if anchor.startswith(title + " "):
            return anchor[len(title) + 1:].strip() or None
    while len(words) > 1 and words[0].lower() in TITLE_WORDS:
        words = words[1:]
    return " ".join(words)


def _documents(graph: Graph) -> dict[URIRef, Document]:
    documents = {}
    for node in graph.subjects(RDF.type, KG.Document):
        text = graph.value(node, NIF.isString)
        if text is None:
            continue
        created = graph.value(node, DCTERMS.created)
        creator = graph.value(node, DCTERMS.creator)
        try:
            day = dt.date.fromisoformat(str(created)[:10]) if created is not None else None
        except ValueError:
            day = None
        documents[node] = Document(str(text), str(graph.value(node, DCTERMS.source) or node),
                                   title=str(graph.value(node, DCTERMS.title)) if graph.value(node, DCTERMS.title) else None,
                                   created=day,
                                   author=str(graph.value(creator, RDFS.label)) if creator is not None else None)
    return documents


def _entity_key(node: URIRef) -> str:
    return str(node).split("/entity/", 1)[-1] or str(node)


def _entities(graph: Graph, documents: dict[URIRef, Document]) -> dict[URIRef, list[Entity]]:
    found: dict[URIRef, list[Entity]] = defaultdict(list)
    for etype in ENTITY_TYPES:
        for node in graph.subjects(RDF.type, KG[etype]):
            label = str(graph.value(node, RDFS.label) or "")
            aliases = tuple(sorted(str(a) for a in graph.objects(node, KG.alias)))
            titles = [str(t) for t in graph.objects(node, KG.title)]
            named = graph.value(node, KG.named) is None or bool(graph.value(node, KG.named).toPython())
            by_document: dict[URIRef, list[TextSpan]] = defaultdict(list)
            for mention in graph.objects(node, KG.mention):
                placed = _span(graph, mention)
                if placed is not None:
                    by_document[placed[0]].append(placed[1])
            for document in graph.objects(node, KG.mentionedIn):
                by_document.setdefault(document, [])  # a byline's author, or a graph without mentions
            for document, mentions in by_document.items():
                if document not in documents:
                    continue
                names = Counter(n for n in (_name_of(m.text, titles) for m in mentions) if n)
                if named and not names:
                    names[label] += 1
                found[document].append(Entity(_entity_key(node), etype, label, aliases, tuple(titles),
                                              tuple(sorted(mentions)), named,
                                              tuple(sorted(names.items(), key=lambda nc: (-nc[1], nc[0])))))
    return found


def _event_class(graph: Graph, node: URIRef) -> str:
    names = [str(t).split("#")[-1] for t in graph.objects(node, RDF.type) if str(t).startswith(str(KG._NS))]
    added = [n for n in names if n not in EVENT_CLASSES and n != "Event"]
    return (sorted(added) or sorted(n for n in names if n in EVENT_CLASSES) or ["Event"])[0]


def _events(graph: Graph, documents: dict[URIRef, Document], entities: dict[URIRef, list[Entity]]
            ) -> dict[URIRef, list[tuple[int, Event]]]:
    """Each event node's reports, as one event record per trigger mention, in its document."""
    found: dict[URIRef, list[tuple[int, Event]]] = defaultdict(list)
    keys = {document: {e.key for e in records} for document, records in entities.items()}
    event_nodes = {s for s, o in graph.subject_objects(RDF.type) if isinstance(o, URIRef) and (o, RDFS.subClassOf, None)
                   in graph or o in {KG[c] for c in EVENT_CLASSES} | {KG.Event}}
    for node in sorted(event_nodes):
        cls = _event_class(graph, node)
        spans = [placed for s in graph.objects(node, PROV.wasDerivedFrom) if (placed := _span(graph, s))]
        triggers = [placed for t in graph.objects(node, KG.triggerMention) if (placed := _span(graph, t))]
        trigger_text = str(graph.value(node, KG.trigger) or "")
        if not triggers:  # a graph written before trigger mentions: the trigger word in each sentence
            for document, sentence in spans:
                at = sentence.text.find(trigger_text)
                if at >= 0:
                    begin = sentence.begin + at
                    triggers.append((document, TextSpan(begin, begin + len(trigger_text), trigger_text)))
        entity_roles, literal_roles = [], []
        for predicate, value in graph.predicate_objects(node):
            name = str(predicate).split("#")[-1]
            if not str(predicate).startswith(str(KG._NS)) or name in {"trigger", "confidence", "rule", "factuality",
                                                                        "triggerMention", "firstReport", "reportCount",
                                                                        "documentCount"}:
                continue
            if isinstance(value, URIRef):
                entity_roles.append((name, value))
            else:
                datatype = {"integer": "integer", "date": "date"}.get(str(value.datatype).split("#")[-1]) if value.datatype else None
                literal_roles.append(Role(name, literal=str(value), datatype=datatype))
        confidence = float(graph.value(node, KG.confidence) or 0.5)
        rule = str(graph.value(node, KG.rule) or "")
        factuality = graph.value(node, KG.factuality)
        placed_entities: set[URIRef] = set()
        ordered = sorted(triggers, key=lambda t: (str(t[0]), t[1].begin))
        sentences = {(d, t.begin): next((s for sd, s in spans if sd == d and s.begin <= t.begin < s.end), t) for d, t in ordered}
        for position, (document, trigger) in enumerate(ordered):
            if document not in documents:
                continue
            sentence = sentences[(document, trigger.begin)]
            # the sentences a report's quotation goes on into: spans after its own, before the next report's
            later = [t.begin for d, t in ordered if d == document and t.begin > trigger.begin]
            more = tuple(sorted(s for d, s in spans if d == document and s != sentence and s.begin >= sentence.end
                                and (not later or s.begin < min(later)) and s not in sentences.values()))
            roles = list(literal_roles) if position == 0 else []
            for name, entity in entity_roles:
                key = _entity_key(entity)
                # an entity goes with the report whose document mentions it
                if entity not in placed_entities and key in keys.get(document, ()):
                    roles.append(Role(name, entity=key))
            placed_entities |= {e for _, e in entity_roles if _entity_key(e) in keys.get(document, ())}
            found[document].append((trigger.begin, Event(cls, sentence, trigger, tuple(roles), confidence, rule,
                                                         str(factuality) if factuality else None, more)))
    return found


def _classes(graph: Graph) -> tuple[EventClass, ...]:
    declared = []
    for node, parent in graph.subject_objects(RDFS.subClassOf):
        if str(node).startswith(str(KG._NS)) and (node, RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class")) in graph:
            label = graph.value(node, RDFS.label)
            comment = graph.value(node, RDFS.comment)
            declared.append(EventClass(str(node).split("#")[-1], str(parent).split("#")[-1],
                                       str(label) if label else None, str(comment) if comment else None))
    return tuple(sorted(declared, key=lambda c: c.name))


def records_from_graph(graph: Graph) -> list[Extraction]:
    """The records of every document of a kgraph graph, as the graph keeps them."""
    documents = _documents(graph)
    entities = _entities(graph, documents)
    events = _events(graph, documents, entities)
    classes = _classes(graph)
    records = []
    for node, document in sorted(documents.items(), key=lambda item: item[1].digest):
        ordered = [event for _, event in sorted(events.get(node, []), key=lambda item: item[0])]
        records.append(Extraction(document, tuple(sorted(entities.get(node, []), key=lambda e: e.key)), tuple(ordered),
                                  classes=tuple(c for c in classes if any(e.cls == c.name for e in ordered)) or classes))
    return records
