"""RDF building: records and their resolution in, triples under the kgraph ontology out.

The identity stage (:mod:`kgraph.identity`) has decided which records are one entity or one
event; this module writes what that means, node by node, so that a graph in memory and a store
on disk are written by the same functions (:func:`document_triples`, :func:`entity_triples`,
:func:`event_triples`, all three at once by :func:`graph_triples`). Node naming, all under a
base IRI (``https://w3id.org/kgraph/id/`` by default, see :class:`~kgraph.graph.namespace.DataIRIs`):

* a document: ``doc/<sha1 of its text>``; a stretch of its text (a sentence, a mention):
  ``doc/<sha1>#char=<begin>,<end>`` (the NIF/RFC 5147 convention), so re-adding an article adds
  nothing new;
* an entity: ``entity/<type>/<slug of its label>``;
* an event: ``event/<hash of its first report>``.

Examples
--------
>>> from kgraph.identity import resolve
>>> from kgraph.text import document_from_text
>>> from kgraph.extract import extract
>>> records = [extract(document_from_text("The CSTO has deployed troops in Kazakhstan."))]
>>> graph = Graph()
>>> graph.addN((s, p, o, graph) for s, p, o in graph_triples(records, resolve(records)))
<Graph identifier=...>
>>> len(list(graph.subjects(RDF.type, KG.Deployment)))
1
"""
from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping, Sequence
from importlib import resources

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV

from kgraph.graph.namespace import DEFAULT_BASE, KG, NIF, SEM, DataIRIs, event_class
from kgraph.identity import EntityNode, EventNode, Resolution
from kgraph.records import EVENT_CLASSES, EventClass, Extraction, TextSpan

__all__ = ["graph_triples", "document_triples", "entity_triples", "event_triples", "entity_head_triples",
           "entity_member_triples", "event_head_triples", "event_member_triples", "ontology_graph", "bind_prefixes",
           "event_classes", "entity_classes", "sparql_term"]

Triple = tuple


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



_CORE = tuple(KG[name] for name in EVENT_CLASSES)


def _ontology_event_classes() -> frozenset[URIRef]:
    return _ontology_subclasses(KG.Event)


# the terms written for every mention, looked up once (a namespace's attribute is a lookup)
_ANCHOR_OF, _BEGIN, _END, _CONTEXT = NIF.anchorOf, NIF.beginIndex, NIF.endIndex, NIF.referenceContext
_OFFSET_TYPE = XSD.nonNegativeInteger


@functools.lru_cache(maxsize=65536)
def _offset(value: int) -> Literal:
    """An offset as a literal; one object per number, since a corpus has millions of them."""
    return Literal(value, datatype=_OFFSET_TYPE)


@functools.lru_cache(maxsize=65536)
def _words(text: str) -> Literal:
    """The words of a mention as a literal; names and pronouns recur, so they are made once."""
    return Literal(text)


def _text_span(iris: DataIRIs, digest: str, span: TextSpan, text: str) -> Iterator[Triple]:
    """A stretch of a document's text (``text``): its words, its offsets, its document."""
    node = iris.text_span(digest, span.begin, span.end)
    words = text[span.begin:span.end]
    yield node, _ANCHOR_OF, _words(words) if len(words) < 64 else Literal(words)
    yield node, _BEGIN, _offset(span.begin)
    yield node, _END, _offset(span.end)
    yield node, _CONTEXT, iris.document(digest)


def document_triples(extraction: Extraction, iris: DataIRIs) -> Iterator[Triple]:
    """A document node: its text, source, title and date; and the stretches of its text that
    entities and events point to (mentions, sentences, triggers).

    The stretches belong to the document, not to the nodes that point to them: they are the
    same whichever node a mention turns out to be, so a store that rewrites a node when
    another article joins it rewrites the links only.
    """
    document = extraction.document
    digest = document.digest
    node = iris.document(digest)
    yield node, RDF.type, KG.Document
    yield node, NIF.isString, Literal(document.text)
    yield node, DCTERMS.source, Literal(document.source)
    if document.title:
        yield node, DCTERMS.title, Literal(document.title)
    if document.created:
        yield node, DCTERMS.created, Literal(document.created, datatype=XSD.date)
    for entity in extraction.entities:
        for mention in entity.mentions:
            yield from _text_span(iris, digest, mention, document.text)
    string = NIF.String
    for event in extraction.events:
        for sentence in (event.sentence, *event.more_sentences):
            yield iris.text_span(digest, sentence.begin, sentence.end), RDF.type, string
            yield from _text_span(iris, digest, sentence, document.text)
        yield from _text_span(iris, digest, event.trigger, document.text)


def entity_triples(node: EntityNode, records: Mapping[str, Extraction], iris: DataIRIs) -> Iterator[Triple]:
    """An entity node: its type, its one label and other names, its titles, and every mention
    its member records have, each a NIF string in its document."""
    yield from entity_head_triples(node, records, iris)
    for member in node.members:
        yield from entity_member_triples(node, member, records, iris)


def entity_head_triples(node: EntityNode, records: Mapping[str, Extraction], iris: DataIRIs) -> Iterator[Triple]:
    """What an entity node says of itself: type, label, other names, titles, mention count."""
    subject = iris.entity(node.key)
    yield subject, RDF.type, KG[node.type]
    yield subject, RDFS.label, Literal(node.label)
    for alias in node.aliases:
        yield subject, KG.alias, Literal(alias)
    for title in node.titles:
        yield subject, KG.title, Literal(title)
    if not node.named:
        yield subject, KG.named, Literal(False)
    yield subject, KG.mentionCount, Literal(sum(len(records[digest].entity(key).mentions) for digest, key in node.members))


def entity_member_triples(node: EntityNode, member: tuple[str, str], records: Mapping[str, Extraction],
                          iris: DataIRIs) -> Iterator[Triple]:
    """What one member record adds to its entity node: the document it is mentioned in, each
    mention, the document's authorship. The same whatever the other members (a store writes
    these of a new member only)."""
    digest, key = member
    subject = iris.entity(node.key)
    extraction = records[digest]
    entity = extraction.entity(key)
    yield subject, KG.mentionedIn, iris.document(digest)
    mention_link = KG.mention
    for mention in entity.mentions:  # (the mention's own triples are its document's)
        yield subject, mention_link, iris.text_span(digest, mention.begin, mention.end)
    author = extraction.document.author
    if author and node.type == "Person" and entity.label == author:
        yield iris.document(digest), DCTERMS.creator, subject


def _class_triples(name: str, declared: Mapping[str, EventClass]) -> Iterator[Triple]:
    """The declaration of an event class the ontology lacks (added by a lexicon), under the
    parent its record names, and that parent's too."""
    node = event_class(name)
    if node in _ontology_event_classes():
        return
    declaration = declared.get(name, EventClass(name))
    yield node, RDF.type, OWL.Class
    yield node, RDFS.subClassOf, event_class(declaration.parent)
    yield node, RDFS.label, Literal(declaration.label or name.lower(), lang="en")
    if declaration.comment:
        yield node, RDFS.comment, Literal(declaration.comment, lang="en")
    if declaration.parent in declared:
        yield from _class_triples(declaration.parent, declared)


def _core_ancestors(name: str, declared: Mapping[str, EventClass]) -> list[URIRef]:
    """The core classes (or kg:Event) an added class falls under, following its parents."""
    seen: set[str] = set()
    while name not in EVENT_CLASSES and name != "Event" and name not in seen:
        seen.add(name)
        name = declared[name].parent if name in declared else "Event"
    return [KG[name]]


def event_triples(node: EventNode, records: Mapping[str, Extraction], resolution: Resolution,
                  iris: DataIRIs) -> Iterator[Triple]:
    """An event node: its class, its first report's trigger and literals, every entity any report
    gives it, a provenance span and a trigger mention per report, and how many reports and
    documents tell it."""
    yield from event_head_triples(node, records, iris)
    for member in node.members:
        yield from event_member_triples(node, member, records, resolution, iris)


def event_head_triples(node: EventNode, records: Mapping[str, Extraction], iris: DataIRIs) -> Iterator[Triple]:
    """What an event node says of itself: its class, its first report's trigger and literals
    (a literal from the first report that gives the role, so that one event is one row), its
    confidence and how many reports and documents tell it."""
    subject = iris.event(node.key)
    reports = [(digest, records[digest].events[index]) for digest, index in node.members]
    declared = {c.name: c for digest, _ in node.members for c in records[digest].classes}
    first_digest, first = reports[0]
    cls = event_class(first.cls)
    yield subject, RDF.type, cls
    if cls not in _CORE:
        # an event of a class a lexicon adds is typed with its core class too (RDFS entailment,
        # written out), so that queries for kg:Protest find a kg:Riot without following
        # rdfs:subClassOf paths, which are slow on a large store; kg:Event when under no core class
        for parent in _core_ancestors(first.cls, declared):
            yield subject, RDF.type, parent
        yield from _class_triples(first.cls, declared)
    yield subject, KG.trigger, Literal(first.trigger.text)
    confidence = max(event.confidence for _, event in reports)
    yield subject, KG.confidence, Literal(str(confidence), datatype=XSD.decimal)  # a Decimal value, not a float
    yield subject, KG.rule, Literal(first.rule)
    if first.factuality:
        yield subject, KG.factuality, Literal(first.factuality)
    yield subject, KG.firstReport, iris.text_span(first_digest, first.sentence.begin, first.sentence.end)
    literal_roles: set[str] = set()
    for digest, event in reports:
        here = set()
        for role in event.roles:
            if role.entity is None and role.name not in literal_roles:
                here.add(role.name)
                predicate = KG[role.name]
                if role.datatype == "integer":
                    yield subject, predicate, Literal(int(str(role.literal)), datatype=XSD.integer)
                elif role.datatype == "date":
                    yield subject, predicate, Literal(role.literal, datatype=XSD.date)
                else:
                    yield subject, predicate, Literal(role.literal)
        literal_roles |= here
    yield subject, KG.reportCount, Literal(len(reports))
    yield subject, KG.documentCount, Literal(len({digest for digest, _ in reports}))


#: Roles that only a place fills (the shapes' sh:class kg:Place).
PLACE_ROLES = frozenset({"destination", "place"})


def event_member_triples(node: EventNode, member: tuple[str, int], records: Mapping[str, Extraction],
                         resolution: Resolution, iris: DataIRIs) -> Iterator[Triple]:
    """What one report adds to its event node: its provenance sentences, its trigger mention,
    and the entities it gives (entities from every report: "told reporters" in one, "told the
    BBC" in another)."""
    digest, index = member
    subject = iris.event(node.key)
    event = records[digest].events[index]
    for sentence in (event.sentence, *event.more_sentences):
        yield subject, PROV.wasDerivedFrom, iris.text_span(digest, sentence.begin, sentence.end)
    yield subject, KG.triggerMention, iris.text_span(digest, event.trigger.begin, event.trigger.end)
    for role in event.roles:
        if role.entity is not None:
            node = resolution.entity_of[(digest, role.entity)]
            if role.name in PLACE_ROLES and resolution.entities[node].type != "Place":
                # a place's name that the articles, taken together, make another entity's (a
                # country read as a person where it speaks): no destination any longer
                continue
            yield subject, KG[role.name], iris.entity(node)


def graph_triples(extractions: Sequence[Extraction], resolution: Resolution, *, base: str = DEFAULT_BASE) -> Iterator[Triple]:
    """Every triple of a set of documents, their entities and their events."""
    iris = DataIRIs(base)
    records = {e.document.digest: e for e in extractions}
    for digest in sorted(records):
        yield from document_triples(records[digest], iris)
    for key in sorted(resolution.entities):
        yield from entity_triples(resolution.entities[key], records, iris)
    for key in sorted(resolution.events):
        yield from event_triples(resolution.events[key], records, resolution, iris)
