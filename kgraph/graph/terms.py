"""RDF terms between rdflib and Oxigraph, and Oxigraph's parsers and writers for rdflib graphs.

rdflib's Turtle writer takes minutes on a corpus graph (54,000 triples in 9 s, growing faster
than the graph: every node is checked for nesting and lists), its parser about 25,000 triples a
second; Oxigraph's, written in Rust, take a small part of that. kgraph keeps rdflib's graph as the
model and lets Oxigraph read and write the line- and Turtle-based formats; JSON-LD and RDF/XML
stay with rdflib, whose parsers kgraph guards (:mod:`kgraph.graph.safety`).

Examples
--------
>>> from rdflib import Graph, Literal, URIRef
>>> graph = Graph()
>>> _ = graph.add((URIRef("https://example.org/a"), URIRef("https://example.org/p"), Literal("Oslo")))
>>> write_rdf(graph, "nt")
b'<https://example.org/a> <https://example.org/p> "Oslo" .\\n'
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef

__all__ = ["from_ox", "to_ox", "write_rdf", "read_rdf", "OXIGRAPH_FORMATS"]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
#: rdflib format names Oxigraph reads and writes for kgraph.
OXIGRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS,
                    "trig": ox.RdfFormat.TRIG}


def from_ox(term: object) -> object:
    """An Oxigraph term as an rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)  # RDF 1.1: a plain string is an xsd:string
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    return term


def to_ox(term: object) -> object:
    """An rdflib term as an Oxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def _quads(triples: Iterable[tuple], graph_name: object = None) -> Iterable[ox.Quad]:
    name = ox.DefaultGraph() if graph_name is None else to_ox(graph_name)
    for s, p, o in triples:
        yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), name)


# rdflib binds dozens of vocabularies to every graph; a file written by kgraph declares those it uses
# (not its data namespace, whose names hold slashes that Turtle would write escaped)
_KNOWN = {"kg", "sem", "prov", "nif", "dcterms", "skos", "owl", "xsd", "rdf", "rdfs"}


def write_rdf(graph: Graph | Dataset, rdf_format: str) -> bytes:
    """The graph (a Dataset for N-Quads and TriG: a named graph each) in one of
    :data:`OXIGRAPH_FORMATS`, subjects together and in order, with kgraph's prefixes."""
    prefixes = {prefix: str(namespace) for prefix, namespace in graph.namespaces() if prefix in _KNOWN}
    target = OXIGRAPH_FORMATS[rdf_format]
    if target.supports_datasets:
        assert isinstance(graph, Dataset)
        quads: list[ox.Quad] = []
        for named in sorted(graph.graphs(), key=lambda g: str(g.identifier)):
            is_default = str(named.identifier).startswith("urn:x-rdflib:")
            quads.extend(_quads(sorted(named), None if is_default else named.identifier))
        return ox.serialize(quads, format=target, prefixes=prefixes)
    triples = [ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in sorted(graph)]
    return ox.serialize(triples, format=target, prefixes=prefixes if target == ox.RdfFormat.TURTLE else None)


def read_rdf(path: str | Path, rdf_format: str, graph: Graph) -> None:
    """Add a file's triples (every named graph's, for N-Quads and TriG) to an rdflib graph.

    Raises
    ------
    SyntaxError
        Oxigraph's, with the line and column, for a file that is not valid in its format.
    """
    base = Path(path).resolve().as_uri()
    with open(path, "rb") as file:
        graph.addN((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object), graph)
                   for q in ox.parse(file, format=OXIGRAPH_FORMATS[rdf_format], base_iri=base))
