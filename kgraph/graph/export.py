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
import warnings
from pathlib import Path

import networkx as nx
from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from kgraph.errors import OutputFormatError
from kgraph.graph.namespace import KG, NIF
from kgraph.graph.networkx import local_name, to_networkx
from kgraph.graph.rdf import entity_classes, event_classes

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


def _document_triples(graph: Graph, document: URIRef) -> Graph:
    """The triples that one document contributes: itself, its spans, its events and their
    roles, and the entities it mentions."""
    part = Graph()
    part += graph.triples((document, None, None))
    spans = set(graph.subjects(NIF.referenceContext, document))
    for span in spans:
        part += graph.triples((span, None, None))
    events = {e for span in spans for e in graph.subjects(PROV.wasDerivedFrom, span)}
    for event in events:
        part += graph.triples((event, None, None))
    entities = set(graph.subjects(KG.mentionedIn, document))
    for event in events:
        entities.update(o for o in graph.objects(event, None) if isinstance(o, URIRef) and (o, RDFS.label, None) in graph)
    for entity in entities:
        part += graph.triples((entity, None, None))
    return part


def to_dataset(graph: Graph) -> Dataset:
    """An rdflib Dataset with one named graph per document (named by the document's IRI);
    class declarations and anything else shared go to the default graph."""
    dataset = Dataset()
    for prefix, namespace in graph.namespaces():
        dataset.bind(prefix, namespace)
    placed: set = set()
    for document in sorted(graph.subjects(RDF.type, KG.Document)):
        named = dataset.graph(document)
        for triple in _document_triples(graph, document):
            named.add(triple)
            placed.add(triple)
    for triple in graph:
        if triple not in placed:
            dataset.add(triple)  # into the default graph
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
                if not str(predicate).startswith(str(KG._NS)) or predicate in {KG.trigger, KG.confidence, KG.rule, KG.factuality}:
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
        with warnings.catch_warnings():
            # rdflib's own N-Quads and TriG writers call its deprecated Dataset.contexts
            warnings.simplefilter("ignore", DeprecationWarning)
            data = to_dataset(graph).serialize(format=kind, encoding="utf-8")
        write_atomically(target, data)
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
