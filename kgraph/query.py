"""Running SPARQL on an event graph, safely, and formatting the answers.

Queries are read-only and local unless the caller says otherwise: update requests (INSERT,
DELETE, LOAD, ...) are refused, and so are ``SERVICE`` clauses and ``FROM`` / ``FROM NAMED``
IRIs, which rdflib would fetch over the network.

Three engines answer queries: rdflib over an in-memory graph (:class:`RdflibEngine`), Oxigraph
over a store on disk (``kgraph.graph.store``, read into by ``kgraph.store``) and any SPARQL 1.1 endpoint
(``kgraph.graph.remote``). They sit behind one interface, :class:`QueryEngine`, and every query
goes through :func:`ask`: the shipped query's name resolved, the guard, the page and the
deadline are the same whichever engine answers.

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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol, TypeVar

from pyparsing import ParseException, ParseResults
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

from kgraph import queries
from kgraph.errors import QueryError
from kgraph.graph.namespace import KG, NIF, SEM

__all__ = ["QueryResult", "QueryEngine", "RdflibEngine", "ask", "page", "run_query", "resolve_query", "check_query",
           "python_value", "PREFIXES"]

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
    if not isinstance(query, str):
        raise QueryError(f"a query is SPARQL text, a .rq file or a shipped query's name, not {type(query).__name__}")
    text = query.strip()
    if text in queries.names():
        return queries.unordered(queries.get(text)) if paged else queries.get(text)
    if text.endswith((".rq", ".sparql")) and "\n" not in text:
        from kgraph.errors import InputError
        from kgraph.files import read_regular_file

        try:
            return read_regular_file(text, limit=1 << 20).decode("utf-8")
        except InputError as exc:
            problem = "query file not found" if exc.problem == "file not found" else exc.problem
            raise QueryError(f"{text}: {problem}") from None
        except UnicodeDecodeError as exc:
            raise QueryError(f"{text}: is not UTF-8 text (byte {exc.start}); save the query as UTF-8") from None
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
        except (ParseException, RecursionError):
            raise QueryError(f"SPARQL syntax error at line {exc.lineno}, column {exc.col}: "
                             f"{exc.msg} near {exc.line.strip()[:60]!r}") from None
        raise QueryError("update queries (INSERT, DELETE, LOAD, CLEAR, ...) are not allowed here; "
                         "kgraph query only reads") from None
    except RecursionError:  # the grammar is recursive: a few dozen nested groups exhaust Python's stack
        raise QueryError("the query is nested too deeply for kgraph's SPARQL parser (at most about 20 nested "
                         "groups or parentheses)") from None
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

    def __getstate__(self) -> dict:
        # a CONSTRUCT answer crosses from a query's child process as its triples
        state = dict(self.__dict__)
        if self.graph is not None:
            state["graph"] = (tuple(self.graph), tuple(self.graph.namespaces()))
        return state

    def __setstate__(self, state: dict) -> None:
        if state.get("graph") is not None:
            triples, namespaces = state["graph"]
            graph = Graph()
            for prefix, namespace in namespaces:
                graph.bind(prefix, namespace)
            for triple in triples:
                graph.add(triple)
            state["graph"] = graph
        self.__dict__.update(state)

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


class QueryEngine(Protocol):
    """What answers a checked query: it is given SPARQL text that :func:`ask` has resolved and
    checked, and a page; with ``timeout`` it must stop within that many seconds, whatever the
    query does, raising :class:`QueryTimeout`; ``isolated`` asks a local engine to answer in a
    child process whose memory is bounded, even without a time limit."""

    def run(self, text: str, *, limit: int | None, offset: int, timeout: float | None,
            isolated: bool = False) -> QueryResult: ...


class RdflibEngine:
    """rdflib's SPARQL engine over an in-memory graph.

    A query with a timeout runs in a forked child process (:mod:`kgraph.deadline`) that is killed
    when the time is up: rdflib's evaluation, and the regular expressions of its FILTERs, cannot
    be interrupted in the process itself.
    """

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    def answer(self, text: str, limit: int | None, offset: int) -> QueryResult:
        """Run a checked query here and now."""
        try:
            prepared = prepareQuery(text, initNs=PREFIXES)
            return _collect(self.graph, self.graph.query(prepared), limit, offset)
        except ParseException as exc:
            raise QueryError(f"SPARQL syntax error at line {exc.lineno}, column {exc.col}: {exc.msg}") from None
        except QueryError:
            raise
        except RecursionError:
            raise QueryError("the query is nested too deeply to run") from None
        except Exception as exc:  # rdflib raises plain Exceptions for unknown prefixes and the like
            raise QueryError(f"cannot run the query: {' '.join(str(exc).split())[:200]}") from None

    def run(self, text: str, *, limit: int | None, offset: int, timeout: float | None,
            isolated: bool = False) -> QueryResult:
        if timeout is None and not isolated:
            return self.answer(text, limit, offset)
        from kgraph.deadline import call_with_deadline

        return call_with_deadline(self.answer, text, limit, offset, seconds=timeout)


def ask(engine: QueryEngine, query: str, *, allow_network: bool = False, limit: int | None = None,
        offset: int = 0, timeout: float | None = None, isolated: bool = False) -> QueryResult:
    """Run a read-only SPARQL query (text, ``.rq`` path or shipped name) on any engine.

    ``limit`` and ``offset`` page the rows of a SELECT query (``QueryResult.more`` tells whether
    rows follow), so that the first rows of a large answer come without computing the rest.
    ``timeout`` (seconds) stops a query that runs longer, raising :class:`QueryTimeout`;
    ``isolated`` runs a local query in a child process with bounded memory (see
    :class:`QueryEngine`).

    Raises
    ------
    QueryError
        On a syntax error (with its position), an update request, network access not allowed,
        or a query that is not a string.
    """
    check_paging(limit, offset)
    if timeout is not None and not timeout > 0:
        raise ValueError("timeout is a number of seconds above 0")
    text = resolve_query(query, paged=limit is not None)
    check_query(text, allow_network)
    return engine.run(text, limit=limit, offset=offset, timeout=timeout, isolated=isolated)


def run_query(graph: Graph, query: str, *, allow_network: bool = False, limit: int | None = None,
              offset: int = 0, timeout: float | None = None) -> QueryResult:
    """Run a read-only SPARQL query on an rdflib graph: :func:`ask` with :class:`RdflibEngine`."""
    return ask(RdflibEngine(graph), query, allow_network=allow_network, limit=limit, offset=offset, timeout=timeout)


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
