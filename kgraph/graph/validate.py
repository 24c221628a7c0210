"""Checking a graph against kgraph's SHACL shapes (``ontology/shapes.ttl``) with pyshacl.

The shapes say what every graph kgraph writes holds: a document's text and source, one name per
entity, one trigger and a confidence in [0, 1] per event, provenance spans with offsets into a
document, entities (not strings) in the who-and-where roles. The ontology supplies the class
hierarchy, so events of classes a lexicon adds are checked as events.

Examples
--------
>>> import kgraph
>>> report = validate(kgraph.build(["Russia deployed troops in Syria."]).rdf)
>>> report.conforms, report.problems
(True, [])
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib import resources

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from kgraph.graph.rdf import ontology_graph

__all__ = ["ValidationReport", "validate", "shapes_graph"]


@functools.lru_cache(maxsize=1)
def _shapes_triples() -> tuple:
    graph = Graph()
    graph.parse(source=str(resources.files("kgraph") / "ontology" / "shapes.ttl"), format="turtle")
    return tuple(graph)


def shapes_graph() -> Graph:
    """A fresh graph holding the shipped shapes (``ontology/shapes.ttl``)."""
    graph = Graph()
    for triple in _shapes_triples():
        graph.add(triple)
    return graph


@dataclass
class ValidationReport:
    """Whether a graph conforms, and one line per violation (focus node, property, message)."""

    conforms: bool
    problems: list[str] = field(default_factory=list)


def _short(graph: Graph, term: object) -> str:
    if isinstance(term, URIRef):
        try:
            return graph.namespace_manager.normalizeUri(term)
        except Exception:  # a term no prefix covers
            return f"<{term}>"
    return str(term)


def validate(graph: Graph) -> ValidationReport:
    """Validate a graph against the shipped shapes, with the shipped ontology's classes."""
    import pyshacl  # imported here: loading it takes a second, and only validation needs it

    data = graph
    if not graph.store.context_aware:  # pyshacl reads graphs through rdflib's Dataset
        data = Graph()
        for triple in graph:
            data.add(triple)
    conforms, results, _ = pyshacl.validate(data, shacl_graph=shapes_graph(), ont_graph=ontology_graph(),
                                            inference="none", allow_warnings=True)
    problems = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        where = _short(graph, focus) + (f" {_short(graph, path)}" if path is not None else "")
        problems.append(f"{where}: {message}")
    return ValidationReport(bool(conforms), sorted(problems))
