"""kgraph: news text in, an event knowledge graph out.

Read English news articles (plain text or HTML), find the people, organisations and places they
name and the events they report (statements, contacts, deployments, attacks, deaths, protests)
with their roles, and get back an RDF graph under the kgraph ontology, with SPARQL, a NetworkX
view and diagrams.

Examples
--------
>>> import kgraph
>>> graph = kgraph.build(["Russian Foreign Minister Sergei Lavrov told reporters that talks would resume."])
>>> [(r["speaker"], r["content"]) for r in graph.query(kgraph.queries.WHO_SAID_WHAT_TO_WHOM)]
[('Sergei Lavrov', 'talks would resume')]
"""
import importlib.metadata as _metadata

from kgraph import queries
from kgraph.errors import (
    InputError,
    InputWarning,
    KgraphError,
    ModelNotFoundError,
    OutputError,
    OutputFormatError,
    QueryError,
    QueryTimeout,
)
from kgraph.extract import extract, load_lexicon
from kgraph.graph import KG, KnowledgeGraph
from kgraph.pipeline import build
from kgraph.text import Document, document_from_text, load_document

try:
    __version__ = _metadata.version("kgraph")
except _metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

__all__ = [
    "build", "load", "extract", "load_lexicon", "queries", "KnowledgeGraph", "Document", "document_from_text",
    "load_document", "KG", "KgraphError", "InputError", "InputWarning", "ModelNotFoundError", "QueryError",
    "QueryTimeout", "OutputError", "OutputFormatError", "__version__",
]


def load(path: str) -> KnowledgeGraph:
    """Read a graph file written by kgraph (or any RDF file) into a :class:`KnowledgeGraph`."""
    return KnowledgeGraph.load(path)
