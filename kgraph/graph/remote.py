"""Beyond one machine: push a graph into any SPARQL 1.1 server, and query one.

Pushing uses the SPARQL 1.1 Graph Store HTTP Protocol: each document's named graph is sent as
N-Triples to ``{store}?graph=<document IRI>`` and the shared entity descriptions to
``{store}?default``; servers that speak only SPARQL Update get ``INSERT DATA`` requests at
``{update}`` instead. Queries go to ``{query}`` as ``application/sparql-query`` and come back
as SPARQL JSON results. Only the standard library's ``http.client`` is used.

Every exchange with a server has one deadline for the whole of it (connecting, sending, and
reading the answer however slowly it drips), and every answer is checked before it is read:
a server that answers with a web page, with JSON of another shape or with bytes is named in
one line.

Examples
--------
Against a server on this machine (``oxigraph serve --location data --bind 127.0.0.1:7878``)::

    push(graph.rdf, "http://127.0.0.1:7878")
    query_endpoint("http://127.0.0.1:7878/query", "who-said-what-to-whom")

>>> check_url("not a url")
Traceback (most recent call last):
...
kgraph.errors.InputError: not a url: is not an http:// or https:// address (such as http://127.0.0.1:7878/query)
"""
from __future__ import annotations

import http.client
import json
import socket
import threading
import urllib.parse
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef

from kgraph.errors import InputError, QueryError, QueryTimeout
from kgraph.graph.export import to_dataset
from kgraph.graph.rdf import sparql_term
from kgraph.query import PREFIXES, QueryResult, ask, page, python_value

__all__ = ["push", "query_endpoint", "check_url", "EndpointEngine", "TIMEOUT_SECONDS"]

#: How long one exchange with a server may take, unless the caller says otherwise.
TIMEOUT_SECONDS = 60
#: The largest answer read from an endpoint.
MAX_ANSWER_BYTES = 512 * 1024 * 1024


def check_url(url: str) -> str:
    """The URL, if it is an http(s) address with a host; else an :class:`InputError`."""
    if not isinstance(url, str) or any(c.isspace() for c in url):
        raise InputError(str(url), "is not an http:// or https:// address (such as http://127.0.0.1:7878/query)")
    parts = urllib.parse.urlsplit(url)
    try:
        parts.port  # noqa: B018 (raises ValueError for a port that is not a number)
    except ValueError:
        raise InputError(url, "has a port that is not a number") from None
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise InputError(url, "is not an http:// or https:// address (such as http://127.0.0.1:7878/query)")
    return url


@dataclass
class _Answer:
    status: int
    content_type: str
    body: bytes


def _exchange(url: str, method: str, body: bytes | None, headers: dict[str, str], seconds: float) -> _Answer:
    """One HTTP request and its whole answer, within ``seconds`` in all.

    The talking happens on a helper thread; when the time is up the socket is shut down, which
    ends any read that is still waiting, so nothing is left behind.
    """
    parts = urllib.parse.urlsplit(check_url(url))
    kind = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    connection = kind(parts.hostname, parts.port, timeout=seconds)
    target = urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, ""))
    outcome: dict[str, object] = {}
    sockets: list[socket.socket] = []  # kept: http.client lets go of it once the answer's body is read

    def talk() -> None:
        try:
            connection.connect()
            sockets.append(connection.sock)
            connection.request(method, target, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read(MAX_ANSWER_BYTES + 1)
            outcome["answer"] = _Answer(response.status, response.getheader("Content-Type", "") or "", data)
        except BaseException as exc:  # handed to the caller's thread
            outcome["error"] = exc

    helper = threading.Thread(target=talk, name="kgraph-http", daemon=True)
    helper.start()
    helper.join(seconds)
    if helper.is_alive():
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)  # wakes the read that is waiting
            except OSError:
                pass
        connection.close()
        helper.join(5)
        raise QueryTimeout(f"{url}: no whole answer within {seconds:g} s")
    connection.close()
    if "error" in outcome:
        exc = outcome["error"]
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        raise InputError(url, f"cannot reach the server ({reason})")
    answer = outcome["answer"]
    assert isinstance(answer, _Answer)
    if len(answer.body) > MAX_ANSWER_BYTES:
        raise QueryError(f"{url}: the answer is larger than kgraph reads ({MAX_ANSWER_BYTES >> 20} MB); "
                         "ask for a page of it (--limit)")
    return answer


def _refused(answer: _Answer) -> str:
    text = answer.body[:200].decode("utf-8", errors="replace")
    return f"HTTP {answer.status}: {' '.join(text.split())}"


def _send(url: str, data: bytes, content_type: str) -> None:
    answer = _exchange(url, "POST", data, {"Content-Type": content_type}, TIMEOUT_SECONDS)
    if not 200 <= answer.status < 300:
        raise InputError(url, f"the server refused the data ({_refused(answer)})")


def push(graph: Graph, endpoint: str, *, protocol: str = "graph-store", store_path: str = "/store",
         update_path: str = "/update") -> int:
    """Load a graph into a SPARQL server; returns how many named graphs were sent.

    Parameters
    ----------
    graph : rdflib.Graph
        The graph (a named graph per document is made from it, as for N-Quads).
    endpoint : str
        The server's base URL, such as ``http://127.0.0.1:7878``.
    protocol : {"graph-store", "update"}
        The Graph Store HTTP Protocol (POST N-Triples per graph), or SPARQL Update (INSERT DATA).
    """
    if protocol not in {"graph-store", "update"}:
        raise ValueError(f"unknown protocol {protocol!r}: use 'graph-store' or 'update'")
    base = check_url(endpoint).rstrip("/")
    dataset = to_dataset(graph)
    sent = 0
    for named in dataset.graphs():
        if len(named) == 0:
            continue
        is_default = not isinstance(named.identifier, URIRef) or str(named.identifier).startswith("urn:x-rdflib:")
        if protocol == "graph-store":
            target = f"{base}{store_path}?" + ("default" if is_default else "graph=" + urllib.parse.quote(str(named.identifier), safe=""))
            plain = Graph()
            for triple in named:
                plain.add(triple)
            _send(target, plain.serialize(format="nt", encoding="utf-8"), "application/n-triples")
        else:
            body = " ".join(f"{sparql_term(s)} {sparql_term(p)} {sparql_term(o)} ." for s, p, o in named)
            request = f"INSERT DATA {{ {body} }}" if is_default else f"INSERT DATA {{ GRAPH {named.identifier.n3()} {{ {body} }} }}"
            _send(f"{base}{update_path}", request.encode("utf-8"), "application/sparql-update")
        sent += not is_default
    return sent


def _term(binding: object, url: str) -> object:
    if not isinstance(binding, dict) or "value" not in binding:
        raise QueryError(f"{url}: the answer is not SPARQL JSON results (a value without 'type' and 'value')")
    kind, value = binding.get("type"), binding["value"]
    if kind == "uri":
        return str(value)
    if kind in {"literal", "typed-literal"}:
        datatype = binding.get("datatype")
        return python_value(Literal(value, datatype=URIRef(datatype) if datatype else None, lang=binding.get("xml:lang")))
    return value


def _read_results(answer: _Answer, url: str, limit: int | None, offset: int) -> QueryResult:
    """SPARQL JSON results, checked: an endpoint that is no SPARQL endpoint says so in one line."""
    not_results = (f"{url}: the answer is not SPARQL JSON results ({answer.content_type or 'no content type'}); "
                   "is this the server's query address (such as http://127.0.0.1:7878/query)?")
    try:
        results = json.loads(answer.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise QueryError(not_results) from None
    if not isinstance(results, dict):
        raise QueryError(not_results)
    if isinstance(results.get("boolean"), bool):
        return QueryResult("ASK", boolean=results["boolean"])
    head, body = results.get("head"), results.get("results")
    if not isinstance(head, dict) or not isinstance(body, dict) or not isinstance(body.get("bindings"), list):
        raise QueryError(not_results)
    columns = head.get("vars", [])
    if not isinstance(columns, list) or not all(isinstance(c, str) for c in columns):
        raise QueryError(not_results)
    taken, more = page(iter(body["bindings"]), limit, offset)
    rows = []
    for row in taken:
        if not isinstance(row, dict):
            raise QueryError(not_results)
        rows.append({c: _term(row[c], url) if c in row else None for c in columns})
    return QueryResult("SELECT", columns=columns, rows=rows, more=more)


class EndpointEngine:
    """A SPARQL 1.1 endpoint over HTTP (see :class:`kgraph.query.QueryEngine`): every exchange has
    a deadline for the whole of it, :data:`TIMEOUT_SECONDS` unless the caller gives another."""

    def __init__(self, url: str) -> None:
        self.url = check_url(url)

    def run(self, text: str, *, limit: int | None, offset: int, timeout: float | None,
            isolated: bool = False) -> QueryResult:
        prologue = "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items() if f"{prefix}:" in text
                           and f"PREFIX {prefix}:" not in text)
        answer = _exchange(self.url, "POST", (prologue + text).encode("utf-8"),
                           {"Content-Type": "application/sparql-query",
                            "Accept": "application/sparql-results+json"}, timeout or TIMEOUT_SECONDS)
        if not 200 <= answer.status < 300:
            raise QueryError(f"{self.url}: the endpoint refused the query ({_refused(answer)})")
        return _read_results(answer, self.url, limit, offset)


def query_endpoint(url: str, query: str, *, limit: int | None = None, offset: int = 0,
                   timeout: float | None = None) -> QueryResult:
    """Ask a SPARQL endpoint a SELECT or ASK query (text, .rq file or shipped name).

    ``limit`` and ``offset`` page the rows the endpoint sends back; ``timeout`` (seconds) bounds
    the whole exchange (:data:`TIMEOUT_SECONDS` by default).

    Update requests are refused as everywhere in kgraph; the endpoint itself is reached
    because the user named it.
    """
    return ask(EndpointEngine(url), query, allow_network=True, limit=limit, offset=offset, timeout=timeout)
