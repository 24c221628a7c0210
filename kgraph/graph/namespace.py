"""The kgraph vocabulary as an rdflib ``DefinedNamespace``, mirroring ``ontology/kgraph.ttl``.

A test keeps the two in step: every term here is declared in the ontology and every term the
ontology declares is here. Asking for an undeclared term is an error, so a typo cannot mint a
new IRI.

Examples
--------
>>> KG.Statement
rdflib.term.URIRef('https://w3id.org/kgraph/ontology#Statement')
>>> KG.Statment
Traceback (most recent call last):
...
AttributeError: term 'Statment' not in namespace 'https://w3id.org/kgraph/ontology#'
"""
from __future__ import annotations

import functools

import re

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

__all__ = ["KG", "SEM", "NIF", "DEFAULT_BASE", "ONTOLOGY_IRI", "check_base", "DataIRIs", "event_class"]

#: Where data nodes (documents, entities, events) live unless the user names another base.
DEFAULT_BASE = "https://w3id.org/kgraph/id/"
#: The ontology's own IRI.
ONTOLOGY_IRI = URIRef("https://w3id.org/kgraph/ontology")

# an absolute IRI (RFC 3987's characters, none that Turtle or N-Triples must escape) ending where a
# name can follow: "https://example.org/kg/" + "doc/3f2a..."
_BASE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|\\^`]*[/#]")


def check_base(base: str) -> str:
    """The base IRI of a graph's nodes, if it is one; else a ``ValueError`` saying why.

    >>> check_base("https://example.org/news/")
    'https://example.org/news/'
    >>> check_base("not an iri <>")
    Traceback (most recent call last):
    ...
    ValueError: 'not an iri <>' is not a base IRI: an absolute IRI ending in / or #, such as https://example.org/kg/
    """
    if not isinstance(base, str) or not _BASE.fullmatch(base):
        raise ValueError(f"{base!r} is not a base IRI: an absolute IRI ending in / or #, such as https://example.org/kg/")
    return base


SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")


class KG(DefinedNamespace):
    """kgraph's ontology terms."""

    _NS = Namespace("https://w3id.org/kgraph/ontology#")
    _fail = True

    # classes
    Entity: URIRef
    Person: URIRef
    Organization: URIRef
    Place: URIRef
    Document: URIRef
    Event: URIRef
    Statement: URIRef
    Contact: URIRef
    Deployment: URIRef
    Attack: URIRef
    Death: URIRef
    Protest: URIRef
    # roles
    speaker: URIRef
    addressee: URIRef
    participant: URIRef
    agent: URIRef
    requester: URIRef
    attacker: URIRef
    target: URIRef
    source: URIRef
    victim: URIRef
    destination: URIRef
    place: URIRef
    content: URIRef
    medium: URIRef
    theme: URIRef
    count: URIRef
    time: URIRef
    date: URIRef
    # extraction details
    trigger: URIRef
    confidence: URIRef
    rule: URIRef
    factuality: URIRef
    alias: URIRef
    title: URIRef
    named: URIRef
    mentionedIn: URIRef
    mentionCount: URIRef
    # mentions and reports
    mention: URIRef
    triggerMention: URIRef
    firstReport: URIRef
    reportCount: URIRef
    documentCount: URIRef


_CLASS_NAME = re.compile(r"[A-Z][A-Za-z0-9]*")


def event_class(name: str) -> URIRef:
    """The IRI of an event class: the ontology's own (checked by :class:`KG`), or one a frame
    lexicon adds under it, whose name must be a class name.

    >>> event_class("Statement") == KG.Statement, str(event_class("Arrest"))
    (True, 'https://w3id.org/kgraph/ontology#Arrest')
    """
    try:
        return KG[name]
    except AttributeError:
        if not _CLASS_NAME.fullmatch(name):
            raise ValueError(f"{name!r} is not a class name") from None
        return URIRef(str(KG._NS) + name)


class DataIRIs:
    """The IRIs of a graph's data nodes under its base: every node is named here.

    >>> iris = DataIRIs("https://example.org/kg/")
    >>> str(iris.document("3f2a")), str(iris.text_span("3f2a", 0, 12)), str(iris.entity("person/olaf-scholz"))
    ('https://example.org/kg/doc/3f2a', 'https://example.org/kg/doc/3f2a#char=0,12', 'https://example.org/kg/entity/person/olaf-scholz')
    """

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        self.base = check_base(base)

    def document(self, digest: str) -> URIRef:
        """A document: ``doc/<sha1 of its text>``."""
        return _document_iri(self.base, digest)

    def text_span(self, digest: str, begin: int, end: int) -> URIRef:
        """A stretch of a document's text, as NIF and RFC 5147 name it: ``doc/<sha1>#char=<begin>,<end>``."""
        return URIRef(f"{self.base}doc/{digest}#char={begin},{end}")

    def entity(self, key: str) -> URIRef:
        """An entity node: ``entity/<type>/<slug of its label>``."""
        return URIRef(f"{self.base}entity/{key}")

    def event(self, key: str) -> URIRef:
        """An event node: ``event/<hash of its first report>``."""
        return URIRef(f"{self.base}event/{key}")


@functools.lru_cache(maxsize=4096)
def _document_iri(base: str, digest: str) -> URIRef:
    # every mention, sentence and trigger of a document points to it: one IRI object each
    return URIRef(f"{base}doc/{digest}")
