"""Shared fixtures: the spaCy model loads once per test session, the example graph is built once."""
from __future__ import annotations

from pathlib import Path

import pytest

import kgraph
from kgraph.extract import Extraction, extract
from kgraph.nlp import load_model
from kgraph.text import document_from_text

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "kazakhstan-unrest.txt"
EXAMPLE_GOLD = ROOT / "examples" / "kazakhstan-unrest.gold.json"


@pytest.fixture(scope="session")
def nlp():
    return load_model()


@pytest.fixture(scope="session")
def read(nlp):
    """Extract a text: read("Russia deployed troops.") -> Extraction."""
    def _read(text: str) -> Extraction:
        return extract(document_from_text(text), nlp=nlp)
    return _read


@pytest.fixture(scope="session")
def example_graph(nlp) -> kgraph.KnowledgeGraph:
    return kgraph.build([EXAMPLE])


@pytest.fixture()
def listener():
    """A loopback HTTP server that records every request made to it: a file or a query that makes
    kgraph fetch anything shows up in its list."""
    import http.server
    import threading

    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def _answer(self):
            requests.append(f"{self.command} {self.path}")
            self.send_response(200)
            self.send_header("Content-Type", "application/ld+json")
            self.end_headers()
            self.wfile.write(b'{"@context": {"name": "http://schema.org/name"}}')

        do_GET = do_POST = do_HEAD = _answer  # noqa: N815 (the http.server API)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", requests
    server.shutdown()
    server.server_close()


def roles_by_label(extraction: Extraction, event) -> dict[str, list[str]]:
    """An event's roles with entity keys replaced by labels: {"speaker": ["Angela Merkel"], ...}."""
    labels = {e.key: e.label for e in extraction.entities}
    out: dict[str, list[str]] = {}
    for role in event.roles:
        out.setdefault(role.name, []).append(labels[role.entity] if role.entity else str(role.literal))
    return out


def integers_as_integer(graph):
    """Oxigraph keeps xsd:nonNegativeInteger values as xsd:integer: a copy to compare modulo that."""
    from rdflib import Graph, Literal
    from rdflib.namespace import XSD

    out = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype == XSD.nonNegativeInteger:
            o = Literal(int(o), datatype=XSD.integer)
        out.add((s, p, o))
    return out
