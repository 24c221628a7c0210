"""RDF building: extraction records in, triples under the kgraph ontology out.

Node naming (all under a base IRI, ``https://w3id.org/kgraph/id/`` by default):

* a document: ``doc/<sha1 of its text>``; a sentence span: ``doc/<sha1>#char=<begin>,<end>``
  (the NIF/RFC 5147 convention), so re-adding an article adds nothing new;
* an entity: ``entity/<type>/<slug of its label>``, so the same name in two articles of one build
  is one node;
* an event: ``event/<hash of document, trigger offsets and class>``.

Examples
--------
>>> from rdflib import Graph
>>> from kgraph.text import document_from_text
>>> from kgraph.extract import extract
>>> graph = Graph()
>>> doc_node = add_extraction(graph, extract(document_from_text("The CSTO has deployed troops in Kazakhstan.")))
>>> len(list(graph.subjects(RDF.type, KG.Deployment)))
1
"""
from __future__ import annotations

import functools
import hashlib
import re
from importlib import resources

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV

from kgraph.records import EVENT_CLASSES, Entity, Event, EventClass, Extraction
from kgraph.graph.identity import EntityIndex
from kgraph.graph.namespace import DEFAULT_BASE, KG, NIF, SEM

__all__ = ["add_extraction", "entity_node", "ontology_graph", "bind_prefixes", "event_classes", "entity_classes", "sparql_term"]


@functools.lru_cache(maxsize=1)
def _ontology_triples() -> tuple:
    graph = Graph()
    graph.parse(source=str(resources.files("kgraph") / "ontology" / "kgraph.ttl"), format="turtle")
    return tuple(graph)


def ontology_graph() -> Graph:
    """A fresh graph holding the shipped ontology (``ontology/kgraph.ttl``)."""
    graph = Graph()
    bind_prefixes(graph)
    for triple in _ontology_triples():
        graph.add(triple)
    return graph


def bind_prefixes(graph: Graph, base: str = DEFAULT_BASE) -> None:
    """Bind the prefixes of the contract so that serialisations read well."""
    for prefix, namespace in (("kg", str(KG)), ("sem", str(SEM)), ("prov", str(PROV)), ("nif", str(NIF)),
                              ("dcterms", str(DCTERMS)), ("skos", str(SKOS)), ("owl", str(OWL)),
                              ("xsd", str(XSD)), ("kgid", base)):
        graph.bind(prefix, Namespace(namespace), override=True, replace=True)


@functools.lru_cache(maxsize=8)
def _ontology_subclasses(root: URIRef) -> frozenset[URIRef]:
    graph = ontology_graph()
    return frozenset(s for s in graph.transitive_subjects(RDFS.subClassOf, root) if isinstance(s, URIRef))


def _subclasses(graph: Graph, root: URIRef) -> set[URIRef]:
    """The root and its subclasses, following the ontology's and the graph's own declarations
    together (a class the lexicon adds under kg:Protest is a kg:Event too)."""
    known = {root} | set(_ontology_subclasses(root))
    frontier = set(known)
    while frontier:
        found = {s for parent in frontier for s in graph.subjects(RDFS.subClassOf, parent) if isinstance(s, URIRef)}
        frontier = found - known
        known |= frontier
    return known


def event_classes(graph: Graph) -> set[URIRef]:
    """Every event class known to the graph or the ontology (kg:Event and its subclasses)."""
    return _subclasses(graph, KG.Event)


def entity_classes(graph: Graph) -> set[URIRef]:
    """Every entity class known to the graph or the ontology (kg:Entity and its subclasses)."""
    return _subclasses(graph, KG.Entity)


def sparql_term(term: URIRef | Literal) -> str:
    """A term as SPARQL DATA blocks want it, a literal's datatype always spelt out (rdflib's
    n3() writes some typed numbers bare, which SPARQL would read back as xsd:integer).

    >>> sparql_term(Literal(3, datatype=XSD.nonNegativeInteger))
    '"3"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger>'
    """
    if isinstance(term, Literal):
        text = str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        if term.language:
            return f'"{text}"@{term.language}'
        if term.datatype is not None:
            return f'"{text}"^^<{term.datatype}>'
        return f'"{text}"'
    return term.n3()


def _slug(text: str) -> str:
    return re.sub(r"[^\w]+", "-", text.lower()).strip("-") or "x"


def entity_node(base: str, entity: Entity) -> URIRef:
    """The IRI an entity gets when no known node matches it: its type and a slug of its name."""
    etype, _, slug = entity.key.partition("/")
    return URIRef(f"{base}entity/{etype.lower()}/{_slug(slug)}")


def _event_node(base: str, document_digest: str, event: Event) -> URIRef:
    seed = f"{document_digest}|{event.trigger.begin}|{event.trigger.end}|{event.cls}"
    return URIRef(f"{base}event/{hashlib.sha1(seed.encode()).hexdigest()[:16]}")


_CORE = tuple(URIRef(str(KG._NS) + name) for name in EVENT_CLASSES)


def _core_ancestors(graph: Graph, cls: URIRef) -> list[URIRef]:
    if cls in _CORE:
        return []
    return [core for core in _CORE if cls in _subclasses(graph, core)]


def _class_node(graph: Graph, cls: str, declared: dict[str, EventClass]) -> URIRef:
    """The IRI of an event class; a class the ontology lacks (added through a lexicon) is
    declared in the graph itself, under the parent its record names (and that parent too)."""
    node = URIRef(str(KG._NS) + cls)
    if node in _ontology_subclasses(KG.Event) or (node, RDFS.subClassOf, None) in graph:
        return node
    declaration = declared.get(cls, EventClass(cls))
    parent = _class_node(graph, declaration.parent, declared) if declaration.parent in declared else (
        URIRef(str(KG._NS) + declaration.parent))
    graph.add((node, RDF.type, OWL.Class))
    graph.add((node, RDFS.subClassOf, parent))
    graph.add((node, RDFS.label, Literal(declaration.label or cls.lower(), lang="en")))
    if declaration.comment:
        graph.add((node, RDFS.comment, Literal(declaration.comment, lang="en")))
    return node


def _add_entity(graph: Graph, node: URIRef, entity: Entity, doc_node: URIRef) -> None:
    graph.add((node, RDF.type, URIRef(str(KG._NS) + entity.type)))
    old_label = graph.value(node, RDFS.label)
    label = entity.label
    if old_label is not None and str(old_label) != label:
        # one label per node across documents: the fullest name wins, the other becomes an alias
        keep, other = sorted((str(old_label), label), key=lambda n: (-len(n.split()), n))
        graph.set((node, RDFS.label, Literal(keep)))
        graph.add((node, KG.alias, Literal(other)))
        label = keep
    elif old_label is None:
        graph.add((node, RDFS.label, Literal(label)))
    for alias in entity.aliases:
        if alias != label:
            graph.add((node, KG.alias, Literal(alias)))
    for title in entity.titles:
        graph.add((node, KG.title, Literal(title)))
    if not entity.named:
        graph.set((node, KG.named, Literal(False)))
    graph.add((node, KG.mentionedIn, doc_node))
    count = graph.value(node, KG.mentionCount)
    if count is None:
        graph.add((node, KG.mentionCount, Literal(len(entity.mentions))))
    else:
        graph.set((node, KG.mentionCount, Literal(int(count) + len(entity.mentions))))


def add_extraction(graph: Graph, extraction: Extraction, *, base: str = DEFAULT_BASE,
                   index: EntityIndex | None = None) -> URIRef:
    """Add one document's records to a graph; returns the document's node.

    Adding the same document (the same text) twice changes nothing. With an ``index`` of the
    graph's entities, an entity already known from another document ("Scholz" after "Olaf
    Scholz") joins that node instead of making a new one.
    """
    document = extraction.document
    doc_node = URIRef(f"{base}doc/{document.digest}")
    if (doc_node, RDF.type, KG.Document) in graph:
        return doc_node
    graph.add((doc_node, RDF.type, KG.Document))
    graph.add((doc_node, NIF.isString, Literal(document.text)))
    graph.add((doc_node, DCTERMS.source, Literal(document.source)))
    if document.title:
        graph.add((doc_node, DCTERMS.title, Literal(document.title)))
    if document.created:
        graph.add((doc_node, DCTERMS.created, Literal(document.created, datatype=XSD.date)))

    entity_nodes = {}
    for entity in extraction.entities:
        node = (index.match(entity) if index is not None else None) or entity_node(base, entity)
        if index is not None:
            index.add(node, entity.type, [entity.label, *entity.aliases] if entity.named else [], entity.titles)
        entity_nodes[entity.key] = node
        _add_entity(graph, node, entity, doc_node)
        if document.author and entity.type == "Person" and entity.label == document.author:
            graph.add((doc_node, DCTERMS.creator, node))

    spans: set[URIRef] = set()
    declared = {c.name: c for c in extraction.classes}
    for event in extraction.events:
        node = _event_node(base, document.digest, event)
        cls = _class_node(graph, event.cls, declared)
        graph.add((node, RDF.type, cls))
        # an event of a class the lexicon adds is typed with its core class too (RDFS entailment,
        # written out), so that queries for kg:Protest find a kg:Riot; with kg:Event when the
        # class is under no core class, so that a query for the core classes and kg:Event finds
        # every event without following rdfs:subClassOf paths, which are slow on a large store
        if cls not in _CORE:
            for parent in _core_ancestors(graph, cls) or [KG.Event]:
                graph.add((node, RDF.type, parent))
        graph.add((node, KG.trigger, Literal(event.trigger.text)))
        graph.add((node, KG.confidence, Literal(str(event.confidence), datatype=XSD.decimal)))  # a Decimal value, not a float
        graph.add((node, KG.rule, Literal(event.rule)))
        if event.factuality:
            graph.add((node, KG.factuality, Literal(event.factuality)))
        for sentence in (event.sentence, *event.more_sentences):
            span = URIRef(f"{doc_node}#char={sentence.begin},{sentence.end}")
            graph.add((node, PROV.wasDerivedFrom, span))
            if span in spans:
                continue  # a sentence with several events is described once
            spans.add(span)
            graph.add((span, RDF.type, NIF.String))
            graph.add((span, NIF.anchorOf, Literal(sentence.text)))
            graph.add((span, NIF.beginIndex, Literal(sentence.begin, datatype=XSD.nonNegativeInteger)))
            graph.add((span, NIF.endIndex, Literal(sentence.end, datatype=XSD.nonNegativeInteger)))
            graph.add((span, NIF.referenceContext, doc_node))
        for role in event.roles:
            predicate = URIRef(str(KG._NS) + role.name)
            if role.entity is not None:
                graph.add((node, predicate, entity_nodes[role.entity]))
            elif role.datatype == "integer":
                graph.add((node, predicate, Literal(int(str(role.literal)), datatype=XSD.integer)))
            elif role.datatype == "date":
                graph.add((node, predicate, Literal(role.literal, datatype=XSD.date)))
            else:
                graph.add((node, predicate, Literal(role.literal)))
    return doc_node
