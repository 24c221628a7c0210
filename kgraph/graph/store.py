"""An embedded, persistent store for corpora: Oxigraph on disk, a named graph per document.

Add articles to an existing store without rebuilding it; each article goes in as one SPARQL
update, which Oxigraph runs as one transaction, so a build interrupted half-way leaves the store
as it was before the interrupted article, and running it again finishes the job (articles
already there are skipped). Everything lives in the store's default graph, which queries read
directly (four to eight times faster than a union of named graphs); the named graph of each
document is derived when exporting (``kgraph export --store DIR -o corpus.nq``). Oxigraph keeps
integers of derived types, such as NIF's xsd:nonNegativeInteger offsets, as xsd:integer.

Examples
--------
>>> import tempfile
>>> from kgraph.records import Entity, Event, Extraction, Role, TextSpan
>>> from kgraph.text import document_from_text
>>> text = "Russia deployed troops in Syria."
>>> russia, syria = Entity("Place/russia", "Place", "Russia"), Entity("Place/syria", "Place", "Syria")
>>> event = Event("Deployment", TextSpan(0, 32, text), TextSpan(7, 15, "deployed"),
...               (Role("agent", entity="Place/russia"), Role("destination", entity="Place/syria")))
>>> store = GraphStore(tempfile.mkdtemp())
>>> store.add(Extraction(document_from_text(text), (russia, syria), (event,)))
True
>>> [(r["agent"], r["destination"]) for r in store.query("who-deployed-where")]
[('Russia', 'Syria')]
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, RDFS, Graph, Literal, URIRef

from kgraph.errors import InputError, QueryError
from kgraph.records import Extraction
from kgraph.graph.identity import EntityIndex
from kgraph.graph.namespace import DEFAULT_BASE, KG, check_base
from kgraph.graph.rdf import add_extraction, entity_node, sparql_term
from kgraph.deadline import call_with_deadline
from kgraph.query import PREFIXES, QueryResult, ask, page, python_value

__all__ = ["GraphStore", "OxigraphEngine", "is_store"]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
# what a new document may replace in an entity's description; the rest (types, aliases, titles,
# mentions) only ever grows, and inserting a triple the store has already changes nothing
_REPLACEABLE_TERMS = (RDFS.label, KG.named, KG.mentionCount)
_REPLACEABLE = tuple(ox.NamedNode(str(p)) for p in _REPLACEABLE_TERMS)
# what the entity index reads: the names and titles an entity goes by, whether it is named at all
_NAMES = tuple(ox.NamedNode(str(p)) for p in (RDFS.label, KG.alias, KG.title, KG.named))
_TYPE = ox.NamedNode(str(RDF.type))


def _from_ox(term: object) -> object:
    """An Oxigraph term as an rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)  # RDF 1.1: a plain string is an xsd:string
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    return term


_NUMBERS = {"http://www.w3.org/2001/XMLSchema#integer": int, "http://www.w3.org/2001/XMLSchema#decimal": float,
            "http://www.w3.org/2001/XMLSchema#double": float, "http://www.w3.org/2001/XMLSchema#nonNegativeInteger": int}


class OxigraphEngine:
    """Oxigraph's SPARQL engine over a store on disk (see :class:`kgraph.query.QueryEngine`).

    With a timeout the query runs in a forked child process (:mod:`kgraph.deadline`; it reads
    the same open store) that is stopped when the time is up, since Oxigraph's engine cannot be
    interrupted from Python.
    """

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def answer(self, text: str, limit: int | None, offset: int) -> QueryResult:
        """Run a checked query here and now, and read its answer (a page of it)."""
        try:
            result = self.store.query(text, prefixes={k: str(v) for k, v in PREFIXES.items()})
            if isinstance(result, ox.QueryBoolean):
                return QueryResult("ASK", boolean=bool(result))
            if isinstance(result, ox.QueryTriples):
                graph = Graph()
                for triple in result:
                    graph.add((_from_ox(triple.subject), _from_ox(triple.predicate), _from_ox(triple.object)))
                return QueryResult("CONSTRUCT", graph=graph)
            columns = [v.value for v in result.variables]
            taken, more = page(result, limit, offset)
            rows = [{c: _value(solution[c]) for c in columns} for solution in taken]
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from None
        except (OSError, RuntimeError, ValueError) as exc:  # a damaged store, an evaluation error
            raise QueryError(f"cannot run the query: {' '.join(str(exc).split())[:200]}") from None
        return QueryResult("SELECT", columns=columns, rows=rows, more=more)

    def run(self, text: str, *, limit: int | None, offset: int, timeout: float | None,
            isolated: bool = False) -> QueryResult:
        if timeout is None and not isolated:
            return self.answer(text, limit, offset)
        return call_with_deadline(self.answer, text, limit, offset, seconds=timeout)


def _value(term: object) -> object:
    """A query answer as a Python value, straight from Oxigraph's term (rows can be many)."""
    if term is None:
        return None
    if isinstance(term, ox.Literal) and term.language is None:
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return term.value
        if datatype in _NUMBERS:
            return _NUMBERS[datatype](term.value)
        return python_value(_from_ox(term))
    return term.value if isinstance(term, (ox.NamedNode, ox.BlankNode)) else python_value(_from_ox(term))


def _triples(triples: Iterable) -> str:
    return " ".join(f"{sparql_term(s)} {sparql_term(p)} {sparql_term(o)} ." for s, p, o in triples)


def is_store(path: Path) -> bool:
    """Whether a folder holds an Oxigraph store (RocksDB keeps its current state in CURRENT)."""
    return (path / "CURRENT").is_file()


def _open(path: Path, read_only: bool) -> ox.Store:
    """Open a store, or say in one line why not: no store there, a folder of other files (kgraph
    writes no database files among someone's documents), damaged, or in use."""
    source = str(path)
    if path.exists() and not path.is_dir():
        raise InputError(source, "is a file, not a store's folder")
    if read_only and not is_store(path):
        raise InputError(source, "is not a kgraph store (make one with: kgraph build FILE... --store DIR)")
    if not read_only and path.is_dir() and any(path.iterdir()) and not is_store(path):
        raise InputError(source, "is a folder of other files, not a kgraph store; give a new or empty folder")
    try:
        return ox.Store.read_only(source) if read_only else ox.Store(source)
    except (OSError, RuntimeError, ValueError) as exc:
        reason = " ".join(str(exc).split())
        if "lock" in reason.lower() or "temporarily unavailable" in reason.lower():
            raise InputError(source, "is in use by another kgraph process (a build must end first)") from None
        if "corrupt" in reason.lower():
            raise InputError(source, f"the store is damaged ({reason[:160]})") from None
        raise InputError(source, f"cannot open the store ({reason[:160]})") from None


class GraphStore:
    """A kgraph graph kept on disk in an Oxigraph store: records in, SPARQL out.

    :class:`kgraph.store.Store` adds reading articles into it.

    Parameters
    ----------
    path : str or Path
        The store's folder: created if missing, refused if it holds other files.
    base : str
        The base IRI of the graph's nodes.
    read_only : bool
        Open an existing store for reading only (queries, exports): nothing is written, and a
        folder that holds no store is an error.
    """

    def __init__(self, path: str | Path, *, base: str = DEFAULT_BASE, read_only: bool = False) -> None:
        self.path = Path(path)
        self.base = check_base(base)
        self.read_only = read_only
        self._store = _open(self.path, read_only)
        self._index: EntityIndex | None = None
        self._replaceable: dict[URIRef, set[tuple]] = {}  # see _entity_triples
        #: Documents this object has added to the store, in all.
        self.added = 0

    def _entity_triples(self, nodes: Iterable[URIRef]) -> set[tuple]:
        """What a new document may replace in some entities' descriptions: their labels (a
        fuller name wins), mention counts and unnamed marks.

        Aliases, titles and ``kg:mentionedIn`` links are not read: they only ever grow. What is
        read is kept (:meth:`_remember`; three values per named entity), since each article
        replaces the mention counts of its entities, and reading a value the store has replaced
        many times got slower with every replacement (RocksDB keeps deleted values until it
        compacts): over 5,000 articles, reading went from 0.9 to 4.2 s per thousand.
        """
        triples = set()
        for node in nodes:
            known = self._replaceable.get(node)
            if known is None:
                subject = ox.NamedNode(str(node))
                known = {(node, _from_ox(quad.predicate), _from_ox(quad.object)) for predicate in _REPLACEABLE
                         for quad in self._store.quads_for_pattern(subject, predicate, None, ox.DefaultGraph())}
            triples |= known
        return triples

    def _remember(self, triples: set[tuple]) -> None:
        """Keep the replaceable values of the named entities an article has just written."""
        written: dict[URIRef, set[tuple]] = {}
        for triple in triples:
            if triple[1] in _REPLACEABLE_TERMS:
                written.setdefault(triple[0], set()).add(triple)
        for node, values in written.items():
            # entities only (they have a mention count), and no unnamed one: it is one article's own
            if (any(predicate == KG.mentionCount for _, predicate, _ in values)
                    and (node, KG.named, Literal(False)) not in values):
                self._replaceable[node] = values

    @property
    def _entity_index(self) -> EntityIndex:
        """The names of the store's entities, read when the first article is added (queries
        never need it), by predicate rather than by reading the whole store."""
        if self._index is None:
            graph = Graph()
            patterns = [(_TYPE, ox.NamedNode(str(KG[cls]))) for cls in ("Person", "Organization", "Place")]
            patterns += [(predicate, None) for predicate in _NAMES]
            for predicate, value in patterns:
                for quad in self._store.quads_for_pattern(None, predicate, value, ox.DefaultGraph()):
                    graph.add((_from_ox(quad.subject), _from_ox(quad.predicate), _from_ox(quad.object)))
            self._index = EntityIndex(graph)
        return self._index

    def __len__(self) -> int:
        return len(self._store)

    def documents(self) -> int:
        """How many documents the store holds."""
        kind = ox.NamedNode(str(KG.Document))
        return sum(1 for _ in self._store.quads_for_pattern(None, ox.NamedNode(str(RDF.type)), kind, ox.DefaultGraph()))

    def add(self, extraction: Extraction) -> bool:
        """Add one document, in one transaction; False if the store already has it."""
        if self.read_only:
            raise InputError(str(self.path), "the store was opened for reading only")
        doc_node = URIRef(f"{self.base}doc/{extraction.document.digest}")
        if any(self._store.quads_for_pattern(ox.NamedNode(str(doc_node)), ox.NamedNode(str(RDF.type)), None,
                                             ox.DefaultGraph())):
            return False
        index = self._entity_index
        # the nodes the document's entities will join: known by name, or by the node's own IRI
        # (unnamed entities, "the Kazakh government", are not in the index)
        known = {index.match(entity) or entity_node(self.base, entity) for entity in extraction.entities}
        before = self._entity_triples(known)
        work = Graph(store="SimpleMemory")  # no contexts: the quickest of rdflib's stores to fill
        for triple in before:
            work.add(triple)
        add_extraction(work, extraction, base=self.base, index=index)
        after = set(work)
        old = before - after
        new = after - before
        update = []
        if old:  # a fuller label replaces a shorter one, a mention count grows
            update.append("DELETE DATA { " + _triples(old) + " }")
        update.append("INSERT DATA { " + _triples(new) + " }")
        # one update request, one transaction: the article is in the store whole, or not at all
        self._store.update(" ;\n".join(update))
        self._remember(after)
        return True

    def query(self, query: str, *, allow_network: bool = False, limit: int | None = None,
              offset: int = 0, timeout: float | None = None, isolated: bool = False) -> QueryResult:
        """Run a read-only SPARQL query over all documents (text, .rq file or shipped name).

        ``limit`` and ``offset`` page a SELECT query's rows: Oxigraph answers lazily, so the first
        page of a large answer comes in milliseconds. With ``timeout`` (seconds) the query runs
        in a forked child process that is stopped when the time is up (Oxigraph cannot be
        interrupted from Python), and :class:`~kgraph.errors.QueryTimeout` is raised;
        ``isolated=True`` runs it in such a child without a time limit, its memory bounded (the
        command line does, for a store from elsewhere may be damaged).
        """
        return ask(OxigraphEngine(self._store), query, allow_network=allow_network, limit=limit, offset=offset,
                   timeout=timeout, isolated=isolated)

    def to_graph(self) -> Graph:
        """Every triple of the store (all documents and the shared entities) as one rdflib graph."""
        graph = Graph()
        try:
            for quad in self._store.quads_for_pattern(None, None, None):
                graph.add((_from_ox(quad.subject), _from_ox(quad.predicate), _from_ox(quad.object)))
        except (OSError, RuntimeError) as exc:
            raise InputError(str(self.path), f"the store is damaged ({' '.join(str(exc).split())[:160]})") from None
        return graph

    def flush(self) -> None:
        """Write what has been added to disk."""
        if self._store is not None and not self.read_only:
            self._store.flush()

    def close(self) -> None:
        """Write everything to disk and release the store, so that another process can open it."""
        if self._store is not None:
            if not self.read_only:
                self._store.flush()
            self._store = None  # Oxigraph releases its lock when the store object goes

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
