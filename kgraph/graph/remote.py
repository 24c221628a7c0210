"""Beyond one machine: push a graph into any SPARQL 1.1 server, and query one.

Pushing uses the SPARQL 1.1 Graph Store HTTP Protocol: each document's named graph is sent as
Turtle to ``{store}?graph=<document IRI>`` and the shared entity descriptions to
``{store}?default``; servers that speak only SPARQL Update get ``INSERT DATA`` requests at
``{update}`` instead. Queries go to ``{query}`` as ``application/sparql-query`` and come back
as SPARQL JSON results. Only the standard library's ``urllib`` is used.

Examples
--------
Against a server on this machine (``oxigraph serve --location data --bind 127.0.0.1:7878``)::

    push(graph.rdf, "http://127.0.0.1:7878")
    query_endpoint("http://127.0.0.1:7878/query", "who-said-what-to-whom")
"""
from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

from rdflib import Graph, Literal, URIRef

from kgraph.errors import InputError, QueryError, QueryTimeout
from kgraph.graph.export import to_dataset
from kgraph.graph.rdf import sparql_term
from kgraph.query import PREFIXES, QueryResult, check_query, page, python_value, resolve_query

__all__ = ["push", "query_endpoint"]

TIMEOUT_SECONDS = 60


def _send(url: str, data: bytes, content_type: str, method: str = "POST") -> None:
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            response.read()
    except urllib.error.HTTPError as exc:
        raise InputError(url, f"the server refused the data (HTTP {exc.code}: {exc.read()[:200].decode(errors='replace')})") from None
    except (urllib.error.URLError, OSError) as exc:
        raise InputError(url, f"cannot reach the server ({getattr(exc, 'reason', exc)})") from None


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
        The Graph Store HTTP Protocol (POST Turtle per graph), or SPARQL Update (INSERT DATA).
    """
    dataset = to_dataset(graph)
    base = endpoint.rstrip("/")
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
        elif protocol == "update":
            body = " ".join(f"{sparql_term(s)} {sparql_term(p)} {sparql_term(o)} ." for s, p, o in named)
            request = f"INSERT DATA {{ {body} }}" if is_default else f"INSERT DATA {{ GRAPH {named.identifier.n3()} {{ {body} }} }}"
            _send(f"{base}{update_path}", request.encode("utf-8"), "application/sparql-update")
        else:
            raise ValueError(f"unknown protocol {protocol!r}: use 'graph-store' or 'update'")
        sent += not is_default
    return sent


def _term(binding: dict) -> object:
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return str(value)
    if kind in {"literal", "typed-literal"}:
        datatype = binding.get("datatype")
        return python_value(Literal(value, datatype=URIRef(datatype) if datatype else None, lang=binding.get("xml:lang")))
    return value


def query_endpoint(url: str, query: str, *, limit: int | None = None, offset: int = 0,
                   timeout: float | None = None) -> QueryResult:
    """Ask a SPARQL endpoint a SELECT or ASK query (text, .rq file or shipped name).

    ``limit`` and ``offset`` page the rows the endpoint sends back; ``timeout`` (seconds) is how
    long to wait for it (:data:`TIMEOUT_SECONDS` by default).

    Update requests are refused as everywhere in kgraph; the endpoint itself is reached
    because the user named it.
    """
    text = resolve_query(query, paged=limit is not None)
    check_query(text, allow_network=True)
    prologue = "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items() if f"{prefix}:" in text
                       and f"PREFIX {prefix}:" not in text)
    request = urllib.request.Request(url, data=(prologue + text).encode("utf-8"), method="POST",
                                     headers={"Content-Type": "application/sparql-query",
                                              "Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout or TIMEOUT_SECONDS) as response:
            answer = json.loads(response.read().decode("utf-8"))
    except TimeoutError:
        raise QueryTimeout(f"{url}: no answer within {timeout or TIMEOUT_SECONDS:g} s") from None
    except urllib.error.HTTPError as exc:
        raise QueryError(f"{url}: the endpoint refused the query (HTTP {exc.code}: "
                         f"{exc.read()[:200].decode(errors='replace')})") from None
    except (urllib.error.URLError, OSError) as exc:
        raise QueryError(f"{url}: cannot reach the endpoint ({getattr(exc, 'reason', exc)})") from None
    if "boolean" in answer:
        return QueryResult("ASK", boolean=bool(answer["boolean"]))
    columns = answer["head"]["vars"]
    taken, more = page(iter(answer["results"]["bindings"]), limit, offset)
    rows = [{c: _term(row[c]) if c in row else None for c in columns} for row in taken]
    return QueryResult("SELECT", columns=columns, rows=rows, more=more)
