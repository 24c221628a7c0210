"""Graph files from elsewhere are read by parsers that cannot reach out: no JSON-LD context is
fetched, no XML entity is expanded.

rdflib's JSON-LD parser fetches every context named by reference, wherever it sits in the tree
(a list in a list, a term's scoped context, ``@import``, a node inside ``@graph``), from the
network or from the local disk; an RDF/XML file can declare entities that stand for other files
or URLs, or that nest until a 711-byte file expands to gigabytes. Looking at the text before
parsing cannot catch every way of writing these, so the parsers themselves refuse them:

* JSON-LD is parsed with rdflib's context loader guarded, on this thread, for the time of the
  parse: the first fetch it attempts ends the parse;
* RDF/XML is parsed by defusedxml's expat parser, which refuses entity declarations of any kind
  (the values are written out instead in every RDF/XML file kgraph writes).

Every refusal, and every file that is not valid in its format or nested too deeply to read,
is one :class:`~kgraph.errors.InputError` naming the file.

Examples
--------
>>> import tempfile, os
>>> path = os.path.join(tempfile.mkdtemp(), "g.jsonld")
>>> with open(path, "w") as out:
...     _ = out.write('{"@context": [["https://example.org/ctx"]], "@id": "http://x/a"}')
>>> load_graph_file(path, "json-ld")
Traceback (most recent call last):
...
kgraph.errors.InputError: ...g.jsonld: refers to a JSON-LD context elsewhere (https://example.org/ctx), which kgraph does not fetch; put the context in the file
"""
from __future__ import annotations

import contextlib
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

from rdflib import Graph

from kgraph.errors import InputError
from kgraph.files import require_regular_file

__all__ = ["load_graph_file", "fetching_refused"]


class _FetchRefused(Exception):
    """A parser asked for a document from elsewhere."""

    def __init__(self, location: str) -> None:
        super().__init__(location)
        self.location = location


_refusing = threading.local()
_guard_lock = threading.Lock()


def _guard_json_ld_contexts() -> None:
    """Wrap rdflib's JSON-LD context loader (once per process) so that, while
    :func:`fetching_refused` is active on a thread, every fetch it attempts raises instead.

    Every remote or local context, however it is nested, goes through this one method
    (``Context._fetch_context``); other code in the process fetches as before.
    """
    from rdflib.plugins.shared.jsonld import context as jsonld_context

    with _guard_lock:
        original = jsonld_context.Context._fetch_context
        if getattr(original, "kgraph_guard", False):
            return

        def fetch_unless_refused(self, source, base, referenced_contexts):  # noqa: ANN001, ANN202 (rdflib's)
            if getattr(_refusing, "active", False):
                raise _FetchRefused(urljoin(base or "", source) if isinstance(source, str) else repr(source))
            return original(self, source, base, referenced_contexts)

        fetch_unless_refused.kgraph_guard = True  # type: ignore[attr-defined]
        jsonld_context.Context._fetch_context = fetch_unless_refused


@contextlib.contextmanager
def fetching_refused() -> Iterator[None]:
    """Within this block, on this thread, rdflib's JSON-LD parser fetches no context."""
    _guard_json_ld_contexts()
    before = getattr(_refusing, "active", False)
    _refusing.active = True
    try:
        yield
    finally:
        _refusing.active = before


def _parse_rdf_xml(path: Path, graph: Graph) -> None:
    """rdflib's RDF/XML handler fed by defusedxml's expat parser, which refuses every entity
    declaration (internal ones nest into billions of characters, external ones read other files)."""
    from xml.sax import handler
    from xml.sax.handler import ErrorHandler

    from defusedxml.expatreader import create_parser
    from rdflib.parser import create_input_source
    from rdflib.plugins.parsers.rdfxml import RDFXMLHandler

    parser = create_parser(forbid_dtd=False, forbid_entities=True, forbid_external=True)
    with contextlib.suppress(AttributeError):  # the same workaround as rdflib's own parser
        parser.start_namespace_decl("xml", "http://www.w3.org/XML/1998/namespace")
    parser.setFeature(handler.feature_namespaces, 1)
    with open(path, "rb") as file:
        source = create_input_source(file=file, publicID=path.resolve().as_uri())
        content = RDFXMLHandler(graph)
        content.setDocumentLocator(source)
        parser.setContentHandler(content)
        parser.setErrorHandler(ErrorHandler())
        parser.parse(source)


def _parse(path: Path, rdf_format: str) -> Graph:
    from kgraph.graph.terms import OXIGRAPH_FORMATS, read_rdf

    graph = Graph()  # JSON-LD parsing needs a context-aware store
    with warnings.catch_warnings():
        # rdflib's own parsers use its deprecated ConjunctiveGraph internally
        warnings.simplefilter("ignore", DeprecationWarning)
        if rdf_format == "xml":
            _parse_rdf_xml(path, graph)
        elif rdf_format in OXIGRAPH_FORMATS:
            # Oxigraph's parsers, many times quicker than rdflib's; a file of named graphs (one
            # per document) reads as their union, the knowledge graph
            read_rdf(path, rdf_format, graph)
        else:
            with fetching_refused(), open(path, "rb") as file:
                graph.parse(file=file, format=rdf_format, publicID=path.resolve().as_uri())
    return graph


def load_graph_file(path: str | Path, rdf_format: str) -> Graph:
    """Parse a graph file without fetching anything.

    Raises
    ------
    InputError
        If the file is not a regular file, is not valid in its format, is nested too deeply, or
        would make its parser fetch a JSON-LD context or expand XML entities.
    """
    from defusedxml import EntitiesForbidden, ExternalReferenceForbidden

    source = str(path)
    require_regular_file(path)
    try:
        return _parse(Path(path), rdf_format)
    except _FetchRefused as refused:
        raise InputError(source, f"refers to a JSON-LD context elsewhere ({refused.location[:80]}), which kgraph "
                                 "does not fetch; put the context in the file") from None
    except EntitiesForbidden as declared:
        if declared.sysid or declared.pubid:
            raise InputError(source, "declares external XML entities (SYSTEM or PUBLIC), which kgraph does not "
                                     "read") from None
        raise InputError(source, "declares XML entities, which kgraph does not expand (nested ones make a small "
                                 "file huge); write their values out") from None
    except ExternalReferenceForbidden:
        raise InputError(source, "refers to external XML entities, which kgraph does not read") from None
    except RecursionError:
        raise InputError(source, f"is nested too deeply to read as {rdf_format}") from None
    except Exception as exc:  # rdflib raises parser-specific errors
        message = " ".join(str(exc).split())[:160]
        raise InputError(source, f"not a valid {rdf_format} graph ({message})") from None
