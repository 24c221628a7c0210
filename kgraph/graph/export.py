"""Exports for graph tools: RDF with a named graph per document, JSON-LD with a context,
GraphML and GEXF (Gephi, Cytoscape), and CSV tables of events, roles and entities.

Everything is derived from the RDF graph, so a graph loaded from a file exports exactly like a
freshly built one.

Examples
--------
>>> import kgraph, tempfile, os
>>> graph = kgraph.build(["Russia deployed troops in Syria.", "Iran sent drones to Russia."])
>>> folder = tempfile.mkdtemp()
>>> export(graph.rdf, os.path.join(folder, "graph.nq"))
>>> len(list(to_dataset(graph.rdf).graphs())) >= 2
True
"""
from __future__ import annotations

import csv
import io
from collections import defaultdict
from pathlib import Path

import networkx as nx
from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from kgraph.errors import OutputFormatError
from kgraph.graph.namespace import KG, NIF
from kgraph.graph.networkx import local_name, to_networkx
from kgraph.graph.rdf import entity_classes, event_classes
from kgraph.graph.terms import OXIGRAPH_FORMATS, write_rdf
from kgraph.records import ROLE_NAMES

_ROLES = frozenset(KG[name] for name in ROLE_NAMES)

__all__ = ["export", "to_dataset", "jsonld_context", "tables", "writable", "EXPORT_FORMATS"]

#: Suffix -> what :func:`export` writes.
EXPORT_FORMATS = {".ttl": "turtle", ".turtle": "turtle", ".nt": "nt", ".n3": "n3", ".nq": "nquads",
                  ".trig": "trig", ".jsonld": "json-ld", ".json": "json-ld", ".rdf": "xml", ".xml": "xml",
                  ".owl": "xml", ".graphml": "graphml", ".gexf": "gexf", ".csv": "csv"}


def jsonld_context() -> dict[str, object]:
    """The JSON-LD context kgraph writes: the contract's prefixes, typed numbers and dates."""
    return {
        "kg": str(KG._NS), "nif": str(NIF), "prov": str(PROV), "dcterms": str(DCTERMS),
        "rdfs": str(RDFS), "xsd": "http://www.w3.org/2001/XMLSchema#",
        "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/", "skos": "http://www.w3.org/2004/02/skos/core#",
        "label": "rdfs:label",
    }


# an event's triples that belong to one report, and so to that report's document only
_PER_REPORT = frozenset({PROV.wasDerivedFrom, KG.triggerMention, KG.firstReport})


def to_dataset(graph: Graph) -> Dataset:
    """An rdflib Dataset with one named graph per document (named by the document's IRI).

    A document's graph holds what it contributes: the document node, the stretches of its text
    (sentences, mentions), each event it reports (its report's span and trigger mention, and the
    event's class, trigger and roles), and of each entity it mentions the type, the label, its
    mentions there and the link to the document. What no one document owns (an entity's other
    names and titles, its mention count; class declarations) goes to the default graph. Computed
    in one pass over the graph.
    """
    documents = set(graph.subjects(RDF.type, KG.Document))
    context_of = {s: o for s, o in graph.subject_objects(NIF.referenceContext) if o in documents}
    reported_in: dict = defaultdict(set)  # event -> the documents that report it
    for event, span in graph.subject_objects(PROV.wasDerivedFrom):
        if span in context_of:
            reported_in[event].add(context_of[span])
    mentioned_in: dict = defaultdict(set)  # entity -> the documents that mention it
    for entity, document in graph.subject_objects(KG.mentionedIn):
        mentioned_in[entity].add(document)
    dataset = Dataset()
    for prefix, namespace in graph.namespaces():
        dataset.bind(prefix, namespace)
    named = {document: dataset.graph(document) for document in sorted(documents)}
    shared = dataset.default_graph
    for subject, predicate, obj in graph:
        if subject in documents:
            places = {subject}
        elif subject in context_of:  # a sentence or a mention
            places = {context_of[subject]}
        elif subject in reported_in:
            places = {context_of[obj]} if predicate in _PER_REPORT and obj in context_of else reported_in[subject]
        elif predicate == KG.mention and obj in context_of:
            places = {context_of[obj]}
        elif predicate == KG.mentionedIn and obj in documents:
            places = {obj}
        elif predicate in (RDF.type, RDFS.label) and subject in mentioned_in:
            places = mentioned_in[subject]
        else:
            places = set()
        if places:
            for document in places:
                named[document].add((subject, predicate, obj))
        else:
            shared.add((subject, predicate, obj))
    return dataset


def tables(graph: Graph) -> dict[str, list[dict[str, object]]]:
    """The graph as three tables: ``events``, ``roles`` (one row per filler) and ``entities``."""
    events_rows, role_rows, entity_rows = [], [], []
    for cls in sorted(event_classes(graph)):
        for event in sorted(graph.subjects(RDF.type, cls)):
            span = next(iter(graph.objects(event, PROV.wasDerivedFrom)), None)
            document = graph.value(span, NIF.referenceContext) if span is not None else None
            events_rows.append({
                "event": str(event), "class": local_name(cls), "trigger": str(graph.value(event, KG.trigger) or ""),
                "confidence": float(graph.value(event, KG.confidence) or 0),
                "factuality": str(graph.value(event, KG.factuality) or ""),
                "sentence": str(graph.value(span, NIF.anchorOf) or "") if span is not None else "",
                "begin": int(graph.value(span, NIF.beginIndex)) if span is not None else "",
                "end": int(graph.value(span, NIF.endIndex)) if span is not None else "",
                "document": str(graph.value(document, DCTERMS.source) or document or ""),
            })
            for predicate, value in sorted(graph.predicate_objects(event)):
                if predicate not in _ROLES:
                    continue
                is_entity = isinstance(value, URIRef)
                role_rows.append({"event": str(event), "role": local_name(predicate),
                                  "value": str(graph.value(value, RDFS.label) or value) if is_entity else str(value),
                                  "entity": str(value) if is_entity else ""})
    for cls in sorted(entity_classes(graph)):
        for entity in sorted(graph.subjects(RDF.type, cls)):
            if cls == KG.Entity:
                continue
            entity_rows.append({"entity": str(entity), "type": local_name(cls), "label": str(graph.value(entity, RDFS.label) or ""),
                                "aliases": " | ".join(sorted(str(a) for a in graph.objects(entity, KG.alias))),
                                "mentions": int(graph.value(entity, KG.mentionCount) or 0)})
    return {"events": events_rows, "roles": role_rows, "entities": entity_rows}


def writable(graph: Graph) -> Graph:
    """The graph with every literal a file can hold: characters that XML forbids (a form feed, a
    NUL) and halves of UTF-16 pairs, which a graph read from elsewhere may carry, are replaced one
    for one (see :func:`kgraph.text.document.clean_characters`). The graph itself when nothing
    needs replacing, which is always so for graphs kgraph builds."""
    from kgraph.text.document import clean_characters

    def clean(term: object) -> object:
        if isinstance(term, Literal) and clean_characters(str(term)) != str(term):
            return Literal(clean_characters(str(term)), lang=term.language, datatype=term.datatype)
        return term

    if all(clean(o) is o for o in graph.objects()):
        return graph
    copy = Graph()
    for prefix, namespace in graph.namespaces():
        copy.bind(prefix, namespace)
    for subject, predicate, obj in graph:
        copy.add((subject, predicate, clean(obj)))
    return copy


def _csv(rows: list[dict[str, object]]) -> bytes:
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def export(graph: Graph, path: str | Path) -> None:
    """Write a graph in the format its suffix names (see :data:`EXPORT_FORMATS`).

    ``.nq`` and ``.trig`` hold a named graph per document; ``.jsonld`` carries kgraph's context;
    ``.graphml`` and ``.gexf`` hold the NetworkX view with its attributes; ``.csv`` writes three
    tables beside each other: ``NAME.events.csv``, ``NAME.roles.csv`` and ``NAME.entities.csv``.
    """
    from kgraph.files import write_all_atomically, write_atomically

    target = Path(path)
    kind = EXPORT_FORMATS.get(target.suffix.lower())
    if kind is None:
        raise OutputFormatError(f"{path}: unknown export format '{target.suffix}' (use {', '.join(EXPORT_FORMATS)})")
    graph = writable(graph)
    if kind in {"nquads", "trig"}:
        write_atomically(target, write_rdf(to_dataset(graph), kind))
    elif kind in OXIGRAPH_FORMATS:  # Turtle and N-Triples by Oxigraph: rdflib's take minutes on a corpus
        write_atomically(target, write_rdf(graph, kind))
    elif kind == "json-ld":
        data = graph.serialize(format="json-ld", context=jsonld_context(), auto_compact=True, encoding="utf-8")
        write_atomically(target, data)
    elif kind in {"graphml", "gexf"}:
        view = to_networkx(graph)
        buffer = io.BytesIO()
        (nx.write_graphml if kind == "graphml" else nx.write_gexf)(view, buffer)
        write_atomically(target, buffer.getvalue())
    elif kind == "csv":
        stem = target.with_suffix("")
        # the three tables are written together: all of them, or none (a full disk halfway)
        write_all_atomically({stem.with_name(f"{stem.name}.{name}.csv"): _csv(rows) for name, rows in tables(graph).items()})
    else:
        write_atomically(target, graph.serialize(format=kind, encoding="utf-8"))
