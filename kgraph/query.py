"""Running SPARQL on an event graph, safely, and formatting the answers.

Queries are read-only and local unless the caller says otherwise: update requests (INSERT,
DELETE, LOAD, ...) are refused, and so are ``SERVICE`` clauses and ``FROM`` / ``FROM NAMED``
IRIs, which rdflib would fetch over the network.

Examples
--------
>>> import kgraph
>>> graph = kgraph.build(["The CSTO has deployed troops in Kazakhstan."])
>>> result = graph.query("who-deployed-where")
>>> [(row["agent"], row["theme"], row["destination"]) for row in result]
[('CSTO', 'troops', 'Kazakhstan')]
"""
from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import itertools
import json
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

from pyparsing import ParseException, ParseResults
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

from kgraph import queries
from kgraph.errors import QueryError, QueryTimeout
from kgraph.graph.namespace import KG, NIF, SEM

__all__ = ["QueryResult", "page", "run_query", "resolve_query", "check_query", "python_value", "PREFIXES"]

T = TypeVar("T")

#: Prefixes every query may use without declaring them.
PREFIXES = {"kg": KG._NS, "sem": SEM, "prov": PROV, "nif": NIF, "rdf": RDF, "rdfs": RDFS, "owl": OWL,
            "xsd": XSD, "skos": SKOS, "dcterms": DCTERMS}


def resolve_query(query: str, *, paged: bool = False) -> str:
    """Turn a shipped query's name or a ``.rq`` file's path into SPARQL text; other text is
    returned as it is. ``paged``: a shipped query without its ORDER BY (see
    :func:`kgraph.queries.unordered`).

    >>> resolve_query("who-met-whom").lstrip().startswith("#")
    True
    """
    text = query.strip()
    if text in queries.names():
        return queries.unordered(queries.get(text)) if paged else queries.get(text)
    if text.endswith((".rq", ".sparql")) and "\n" not in text:
        path = Path(text)
        if not path.is_file():
            raise QueryError(f"{text}: query file not found")
        return path.read_text(encoding="utf-8")
    if " " not in text and "{" not in text:
        raise QueryError(f"'{text}' is neither a shipped query ({', '.join(queries.names())}) nor SPARQL")
    return query


def python_value(term: object) -> object:
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, Decimal):
            return float(value)
        return value if isinstance(value, (int, float, bool, dt.date, dt.datetime, str)) else str(term)
    return str(term)


def _contains(node: object, name: str) -> bool:
    """Whether a parsed query or algebra tree holds a part with this name."""
    if getattr(node, "name", None) == name:
        return True
    if isinstance(node, dict):
        return any(_contains(v, name) for v in node.values())
    if isinstance(node, (list, tuple, ParseResults)):
        return any(_contains(v, name) for v in node)
    return False


@functools.lru_cache(maxsize=256)
def check_query(text: str, allow_network: bool) -> None:
    """Refuse what may not run; parsing is slow, so each query text is checked once."""
    try:
        parsed = parseQuery(text)
    except ParseException as exc:
        try:
            parseUpdate(text)
        except ParseException:
            raise QueryError(f"SPARQL syntax error at line {exc.lineno}, column {exc.col}: "
                             f"{exc.msg} near {exc.line.strip()[:60]!r}") from None
        raise QueryError("update queries (INSERT, DELETE, LOAD, CLEAR, ...) are not allowed here; "
                         "kgraph query only reads") from None
    if allow_network:
        return
    if _contains(parsed, "ServiceGraphPattern"):
        raise QueryError("the query uses SERVICE, which reaches the network; allow it explicitly "
                         "(--allow-network, or allow_network=True)")
    if any(_contains(part, "datasetClause") or getattr(part, "datasetClause", None) for part in parsed):
        raise QueryError("the query names FROM graphs, which rdflib fetches over the network; allow "
                         "it explicitly (--allow-network, or allow_network=True)")


@dataclass
class QueryResult:
    """The answer to a query: rows for SELECT, a boolean for ASK, a graph for CONSTRUCT/DESCRIBE.

    Iterating gives the rows as dicts from column name to a Python value (or None).
    """

    kind: str
    columns: list[str] = field(default_factory=list)
    rows: list[dict[str, object]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None
    #: Whether rows beyond this page exist (a query run with ``limit``).
    more: bool = False

    def __iter__(self) -> Iterator[dict[str, object]]:
        return iter(self.rows)

    def __len__(self) -> int:
        if self.kind == "ASK":
            return 1
        return len(self.graph) if self.graph is not None else len(self.rows)

    def to_csv(self) -> str:
        """The rows as CSV with a header line."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        if self.kind == "ASK":
            writer.writerow(["result"])
            writer.writerow([str(self.boolean).lower()])
        elif self.graph is not None:
            writer.writerow(["subject", "predicate", "object"])
            writer.writerows(sorted((str(s), str(p), str(o)) for s, p, o in self.graph))
        else:
            writer.writerow(self.columns)
            for row in self.rows:
                writer.writerow(["" if row[c] is None else row[c] for c in self.columns])
        return out.getvalue()

    def to_json(self) -> str:
        """The rows as a JSON list of objects (ASK: ``{"result": true}``)."""
        if self.kind == "ASK":
            return json.dumps({"result": self.boolean})
        if self.graph is not None:
            return self.graph.serialize(format="json-ld")
        return json.dumps(self.rows, default=str, ensure_ascii=False, indent=1)

    def to_table(self, *, max_width: int = 60) -> str:
        """The rows as an aligned text table; long cells are cut with an ellipsis."""
        if self.kind == "ASK":
            return "yes" if self.boolean else "no"
        if self.graph is not None:
            return self.graph.serialize(format="turtle")

        def cell(value: object) -> str:
            text = "" if value is None else " ".join(str(value).split())
            return text if len(text) <= max_width else text[:max_width - 1] + "…"

        table = [self.columns] + [[cell(row[c]) for c in self.columns] for row in self.rows]
        widths = [max(len(r[i]) for r in table) for i in range(len(self.columns))]
        lines = ["  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() for r in table]
        lines.insert(1, "  ".join("-" * w for w in widths))
        more = ", more with a larger --limit or an --offset" if self.more else ""
        lines.append(f"({len(self.rows)} row{'s' if len(self.rows) != 1 else ''}{more})")
        return "\n".join(lines)


def check_paging(limit: int | None, offset: int) -> None:
    """Refuse a negative limit or offset (before any work is done)."""
    if (limit is not None and limit < 0) or offset < 0:
        raise ValueError("limit and offset count rows: they cannot be negative")


def page(rows: Iterable[T], limit: int | None, offset: int) -> tuple[list[T], bool]:
    """One page of a lazy sequence of rows, and whether rows follow it.

    Only the rows up to the page's end are produced: a query engine that answers lazily (rdflib
    and Oxigraph both do, for queries without ORDER BY or aggregates) stops there.

    >>> page(iter(range(10)), 3, 2)
    ([2, 3, 4], True)
    >>> page(iter(range(4)), None, 1)
    ([1, 2, 3], False)
    """
    check_paging(limit, offset)
    stop = None if limit is None else offset + limit + 1
    taken = list(itertools.islice(rows, offset, stop))
    if limit is not None and len(taken) > limit:
        return taken[:limit], True
    return taken, False


class _GraphWithDeadline(Graph):
    """The same triples, but every pattern lookup checks the clock: rdflib evaluates SPARQL in
    Python by asking the graph for triples, so a runaway query stops within a few thousand of
    them once its time is up."""

    def __init__(self, graph: Graph, seconds: float) -> None:
        super().__init__(store=graph.store, identifier=graph.identifier, namespace_manager=graph.namespace_manager)
        self._deadline = time.monotonic() + seconds
        self._seconds = seconds

    def _check(self) -> None:
        if time.monotonic() > self._deadline:
            raise QueryTimeout(f"the query ran longer than {self._seconds:g} s and was stopped")

    def triples(self, pattern):  # noqa: ANN001, ANN201 (rdflib's signature)
        self._check()
        for count, triple in enumerate(super().triples(pattern)):
            if count % 1024 == 1023:
                self._check()
            yield triple


def run_query(graph: Graph, query: str, *, allow_network: bool = False, limit: int | None = None,
              offset: int = 0, timeout: float | None = None) -> QueryResult:
    """Run a read-only SPARQL query (text, ``.rq`` path or shipped name) on an rdflib graph.

    ``limit`` and ``offset`` page the rows of a SELECT query (``QueryResult.more`` tells whether
    rows follow), so that the first rows of a large answer come without computing the rest.
    ``timeout`` (seconds) stops a query that runs longer, raising :class:`QueryTimeout`.

    Raises
    ------
    QueryError
        On a syntax error (with its position), an update request, or network access not allowed.
    """
    check_paging(limit, offset)
    text = resolve_query(query, paged=limit is not None)
    check_query(text, allow_network)
    try:
        prepared = prepareQuery(text, initNs=PREFIXES)
        if timeout is not None:
            graph = _GraphWithDeadline(graph, timeout)
        result = graph.query(prepared)
        return _collect(graph, result, limit, offset)
    except ParseException as exc:
        raise QueryError(f"SPARQL syntax error at line {exc.lineno}, column {exc.col}: {exc.msg}") from None
    except QueryError:
        raise
    except Exception as exc:  # rdflib raises plain Exceptions for unknown prefixes and the like
        raise QueryError(f"cannot run the query: {' '.join(str(exc).split())[:200]}") from None


def _collect(graph: Graph, result: object, limit: int | None = None, offset: int = 0) -> QueryResult:
    """Read rdflib's lazy result into a :class:`QueryResult` (evaluation happens here)."""
    if result.type == "ASK":
        return QueryResult("ASK", boolean=bool(result.askAnswer))
    if result.type in {"CONSTRUCT", "DESCRIBE"}:
        constructed = Graph()
        for prefix, namespace in graph.namespaces():
            constructed.bind(prefix, namespace)
        for triple in result:
            constructed.add(triple)
        return QueryResult(result.type, graph=constructed)
    columns = [str(v) for v in result.vars or []]
    taken, more = page(iter(result), limit, offset)
    rows = []
    for row in taken:
        values = row if isinstance(row, tuple) else (row,)
        rows.append({c: python_value(v) for c, v in zip(columns, values)})
    return QueryResult("SELECT", columns=columns, rows=rows, more=more)
