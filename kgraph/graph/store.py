"""An embedded, persistent store for corpora: Oxigraph on disk, a named graph per document.

Add articles to an existing store without rebuilding it. A batch of articles goes in as a few
transactions: a note of the documents coming (with their records), their texts and mentions a
hundred documents a transaction (a transaction is held in memory until it commits), then one
that adds the nodes as they are now and the records and notes what the batch makes stale, and a
last one that deletes the stale triples and the notes. A store opened for writing finishes what
it finds: a batch whose records never got in is taken back, the stale triples of one that did
go. So a build interrupted half-way leaves the store as it was before the interrupted batch, and
running it again finishes the job (articles already there are skipped). Everything lives in the store's default graph, which queries read
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

import base64
import json
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, Graph

from kgraph.collecting import fewer_collections, give_back_memory
from kgraph.errors import InputError, QueryError
from kgraph.records import Extraction, extraction_from_plain, extraction_to_plain, lean
from kgraph.graph.namespace import DEFAULT_BASE, KG, NIF, DataIRIs, check_base
from kgraph.identity import EventNode, Resolution, resolve
from kgraph.graph.rdf import (document_triples, entity_head_triples, entity_member_triples, entity_triples,
                             event_head_triples, event_member_triples, event_triples, sparql_term)
from kgraph.graph.terms import from_ox, to_ox
from kgraph.deadline import call_with_deadline
from kgraph.query import PREFIXES, QueryResult, ask, page, python_value

__all__ = ["GraphStore", "OxigraphEngine", "is_store"]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_TYPE = ox.NamedNode(str(RDF.type))


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
                    graph.add((from_ox(triple.subject), from_ox(triple.predicate), from_ox(triple.object)))
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
        return python_value(from_ox(term))
    return term.value if isinstance(term, (ox.NamedNode, ox.BlankNode)) else python_value(from_ox(term))


# Each document's records, kept beside the graph (in a named graph of their own, which queries of
# the default graph never see) so that identity is resolved anew from the same evidence as a
# build of everything at once, not from the graph it produced.
_RECORDS_GRAPH = ox.NamedNode("urn:kgraph:records")
_RECORDS = ox.NamedNode("urn:kgraph:records")
# the note a batch leaves of the triples it made stale, deleted with them
_PENDING = ox.NamedNode("urn:kgraph:pending")
_DELETE = ox.NamedNode("urn:kgraph:delete")
_IS_STRING = ox.NamedNode(str(NIF.isString))
# the note a batch leaves of each document it is adding, with its records, until the batch is in
_ADDING = ox.NamedNode("urn:kgraph:adding")
#: The documents whose text and stretches one transaction writes: a transaction holds what it
#: writes in memory until it commits (a thousand articles' 850,000 quads cost a gigabyte).
DOCUMENTS_PER_TRANSACTION = 100


def _packed(extraction: Extraction) -> str:
    """A document's records as one string: JSON, compressed, in base64."""
    data = zlib.compress(json.dumps(extraction_to_plain(extraction), separators=(",", ":")).encode("utf-8"), 6)
    return base64.b64encode(data).decode("ascii")


def _unpacked(packed: str, text: str) -> Extraction:
    return extraction_from_plain(json.loads(zlib.decompress(base64.b64decode(packed))), text)


def _changed(before: dict, after: dict) -> set[str]:
    """The keys of nodes that are new, gone, or not what they were."""
    return {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}


def _fills_moved(node: EventNode, records: dict[str, Extraction], moved: dict[str, set[str]]) -> bool:
    """Whether a report of an event has a role filled by a record now of another entity node
    (``moved``: document digest -> keys of its records that moved)."""
    return any(digest in moved and any(role.entity in moved[digest] for role in records[digest].events[index].roles)
               for digest, index in node.members)


def _node_changes(before: Resolution, after: Resolution, records: dict[str, Extraction],
                  everything: dict[str, Extraction], entities: set[str], events: set[str], refilled: set[str],
                  iris: DataIRIs) -> tuple[set[tuple], set[tuple]]:
    """The triples a batch adds to the nodes it changes, and those it makes stale.

    A node that keeps its IRI and all its members only grows: what it says of itself (label,
    names, counts) is compared, and the new members' links are added, so a node that a
    thousand articles mention costs a batch what the batch brings, not what the node holds.
    Any other change (a node renamed, merged, split, or an event in ``refilled``, whose role
    fillers moved to other entity nodes) rewrites the node: what it had, made again from the
    records, less what it has now, is stale (a node's old label, its old counts, the links of
    a node now merged)."""
    written: set[tuple] = set()
    stale: set[tuple] = set()
    had: set[tuple] = set()  # the rewritten nodes' triples as they were
    rewritten: set[tuple] = set()

    def change(now, was, grows: bool, head: Callable, member: Callable, whole: Callable) -> None:
        if grows:
            head_now, head_was = set(head(now, everything)), set(head(was, records))
            written.update(head_now - head_was)
            stale.update(head_was - head_now)
            old = set(was.members)
            for added in now.members:
                if added not in old:
                    written.update(member(now, added))
            return
        if now is not None:
            rewritten.update(whole(now, everything, after))
        if was is not None:
            had.update(whole(was, records, before))

    for key in sorted(entities):
        now, was = after.entities.get(key), before.entities.get(key)
        change(now, was, now is not None and was is not None and set(was.members) <= set(now.members),
               lambda node, known: entity_head_triples(node, known, iris),
               lambda node, added: entity_member_triples(node, added, everything, iris),
               lambda node, known, resolution: entity_triples(node, known, iris))
    for key in sorted(events):
        now, was = after.events.get(key), before.events.get(key)
        change(now, was, now is not None and was is not None and set(was.members) <= set(now.members)
               and key not in refilled,
               lambda node, known: event_head_triples(node, known, iris),
               lambda node, added: event_member_triples(node, added, everything, after, iris),
               lambda node, known, resolution: event_triples(node, known, resolution, iris))
    # (what a rewritten node has again unchanged is in the store already: only what is new goes)
    stale |= had - rewritten
    written |= rewritten - had
    # an event class a lexicon declares may still be another event's, which this batch did not
    # rewrite: declarations stay
    vocabulary = str(KG)
    return written, {triple for triple in stale if not str(triple[0]).startswith(vocabulary)}


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
        if not read_only:
            self._finish_pending()
        # every document's records and their resolution, read back from the store on the first
        # add (queries never need them)
        self._records: dict[str, Extraction] | None = None
        self._resolution: Resolution | None = None
        #: Documents this object has added to the store, in all.
        self.added = 0

    def _known(self) -> tuple[dict[str, Extraction], Resolution]:
        """Every document's records, as the store keeps them beside its graph (a store written
        before it kept them: read back from the graph), and their resolution."""
        if self._records is None:
            records = self._kept_records()
            if records is None:
                from kgraph.graph.reading import records_from_graph

                records = records_from_graph(self.to_graph()) if len(self._store) else []
            # (without the words of their spans: the documents' texts hold them)
            self._records = {r.document.digest: lean(r) for r in records}
            self._resolution = resolve(records)
        assert self._resolution is not None
        return self._records, self._resolution

    def _kept_records(self) -> list[Extraction] | None:
        """The records kept in the store's records graph, each with its document's text."""
        kept = list(self._store.quads_for_pattern(None, _RECORDS, None, _RECORDS_GRAPH))
        if not kept and len(self._store):
            return None
        records = []
        for quad in kept:
            text = next(self._store.quads_for_pattern(quad.subject, _IS_STRING, None, ox.DefaultGraph()), None)
            records.append(_unpacked(quad.object.value, text.object.value if text else ""))
        return records

    def __len__(self) -> int:
        """How many triples the graph has (the records kept beside it not counted)."""
        return len(self._store) - sum(1 for _ in self._store.quads_for_pattern(None, None, None, _RECORDS_GRAPH))

    def documents_known(self) -> int:
        """How many documents the store held when first read, plus those added since."""
        return len(self._known()[0])

    def documents(self) -> int:
        """How many documents the store holds, whole (those of a batch that did not get in, which
        the next writer takes back, not counted)."""
        kind = ox.NamedNode(str(KG.Document))
        held = sum(1 for _ in self._store.quads_for_pattern(None, _TYPE, kind, ox.DefaultGraph()))
        unfinished = sum(1 for quad in self._store.quads_for_pattern(None, _ADDING, None, _RECORDS_GRAPH)
                         if next(self._store.quads_for_pattern(quad.subject, _RECORDS, None, _RECORDS_GRAPH), None) is None
                         and next(self._store.quads_for_pattern(quad.subject, _TYPE, kind, ox.DefaultGraph()), None) is not None)
        return held - unfinished

    def add(self, extraction: Extraction) -> bool:
        """Add one document; False if the store already has it. See :meth:`add_all`."""
        return self.add_all([extraction]) == 1

    def add_all(self, extractions: Iterable[Extraction]) -> int:
        """Add documents as one batch; returns how many were new.

        Which records are one entity or one event is decided over every document of the store
        and the new ones together (:func:`kgraph.identity.resolve`), exactly as for a graph in
        memory; what that changes is written: the new documents, what grown nodes now say of
        themselves and their new members' links, and every node renamed, merged or split
        anew (see :func:`_node_changes`). The documents' texts and mentions go in a hundred
        documents a transaction under a note of the documents coming; one transaction then
        adds the nodes with the records and a note of the stale triples, a last one deletes
        those and the notes: the documents are in the store whole, or not at all (a writer
        takes back a batch whose records never got in).
        """
        if self.read_only:
            raise InputError(str(self.path), "the store was opened for reading only")
        with fewer_collections():
            added = self._add_all(extractions)
        # what the batch held, given back: the next batch's identity and triples are of other
        # sizes, and glibc would otherwise keep it (a 5,000-document store: 1,479 -> 773 MB)
        give_back_memory()
        return added

    def _add_all(self, extractions: Iterable[Extraction]) -> int:
        self._finish_pending()  # (a batch this object began and did not finish, taken back)
        records, before = self._known()
        new = {}
        for extraction in extractions:
            digest = extraction.document.digest
            if digest not in records and digest not in new:
                new[digest] = lean(extraction)  # what the store keeps of it, made once
        if not new:
            return 0
        everything = {**records, **new}
        after = resolve([everything[digest] for digest in sorted(everything)])
        give_back_memory()  # (what resolution freed, before the batch's triples are made)
        iris = DataIRIs(self.base)
        # the records now of another entity node: the events they fill a role of are rewritten
        moved: dict[str, set[str]] = {}
        for (digest, key), node in before.entity_of.items():
            if after.entity_of.get((digest, key)) != node:
                moved.setdefault(digest, set()).add(key)
        entities = _changed(before.entities, after.entities)
        # (moved records are of documents the store held: an event that only grew fills a moved
        # role now exactly when it did before)
        refilled = {key for key, node in after.events.items() if _fills_moved(node, everything, moved)}
        events = _changed(before.events, after.events) | refilled
        written, stale = _node_changes(before, after, records, everything, entities, events, refilled, iris)
        default = ox.DefaultGraph()
        digests = sorted(new)
        packed = {digest: ox.Literal(_packed(new[digest])) for digest in digests}
        document = {digest: ox.NamedNode(str(iris.document(digest))) for digest in digests}

        def nodes() -> Iterable[ox.Quad]:
            for s, p, o in written:
                yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), default)
            for digest in digests:
                yield ox.Quad(document[digest], _RECORDS, packed[digest], _RECORDS_GRAPH)
            if stale:
                yield ox.Quad(_PENDING, _DELETE, ox.Literal(_triples(sorted(stale))), _RECORDS_GRAPH)

        # first, a note of the documents coming, with their records: a writer that finds it
        # where the batch did not finish takes their triples out again (_finish_pending)
        self._store.extend(ox.Quad(document[digest], _ADDING, packed[digest], _RECORDS_GRAPH) for digest in digests)
        # the documents, a chunk of them per transaction
        for start in range(0, len(digests), DOCUMENTS_PER_TRANSACTION):
            self._store.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), default)
                               for digest in digests[start:start + DOCUMENTS_PER_TRANSACTION]
                               for s, p, o in document_triples(new[digest], iris))
        # and to disk before the nodes' transaction: RocksDB holds writes in memory tables until
        # they fill, and the two would add up (a batch of 1,000 documents of a 4,000-document
        # store peaked 220 MB higher)
        self._store.flush()
        # the batch is in with this transaction: the nodes as they are now, the records, the
        # note of the stale triples
        self._store.extend(nodes())
        # and the stale triples and the notes go
        self._finish_pending()
        # and to disk
        self._store.flush()
        records.update(new)
        self._resolution = after
        return len(new)

    def _finish_pending(self) -> None:
        """Finish what a batch left: take back the documents of a batch that did not get in
        (its note of documents coming, with no records kept for them), then delete the stale
        triples a batch that got in noted, and the notes, a transaction each."""
        iris = DataIRIs(self.base)
        for quad in list(self._store.quads_for_pattern(None, _ADDING, None, _RECORDS_GRAPH)):
            if next(self._store.quads_for_pattern(quad.subject, _RECORDS, None, _RECORDS_GRAPH), None) is None:
                text = next(self._store.quads_for_pattern(quad.subject, _IS_STRING, None, ox.DefaultGraph()), None)
                if text is not None:  # (else the chunk of this document was never written)
                    for s, p, o in document_triples(_unpacked(quad.object.value, text.object.value), iris):
                        self._store.remove(ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.DefaultGraph()))
            self._store.remove(quad)
        for quad in list(self._store.quads_for_pattern(_PENDING, _DELETE, None, _RECORDS_GRAPH)):
            note = sparql_term(from_ox(quad.object))
            self._store.update(f"DELETE DATA {{ {quad.object.value} }} ;\n"
                               f"DELETE DATA {{ GRAPH {_RECORDS_GRAPH} {{ {_PENDING} {_DELETE} {note} }} }}")

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
            for quad in self._store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
                graph.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
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
