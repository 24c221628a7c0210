"""The :class:`KnowledgeGraph`: an RDF event graph with its query, view, drawing and file methods."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Graph
from rdflib.namespace import PROV, RDF, RDFS

from kgraph.collecting import fewer_collections
from kgraph.errors import InputError, OutputFormatError
from kgraph.files import write_atomically
from kgraph.records import Extraction
from kgraph.graph.namespace import DEFAULT_BASE, KG, check_base
from kgraph.graph.networkx import to_networkx
from kgraph.graph.rdf import bind_prefixes, event_classes, graph_triples
from kgraph.identity import resolve
from kgraph.graph.safety import load_graph_file

if TYPE_CHECKING:
    import networkx as nx

    from kgraph.graph.validate import ValidationReport
    from kgraph.query import QueryResult

__all__ = ["KnowledgeGraph", "RDF_FORMATS", "rdf_format_for"]

#: File suffix -> rdflib serialisation format.
RDF_FORMATS = {".ttl": "turtle", ".turtle": "turtle", ".nt": "nt", ".n3": "n3", ".nq": "nquads",
               ".trig": "trig", ".jsonld": "json-ld", ".json": "json-ld", ".rdf": "xml", ".xml": "xml",
               ".owl": "xml"}
#: Suffixes :meth:`KnowledgeGraph.serialize` writes besides RDF (see :mod:`kgraph.graph.export`).
OTHER_FORMATS = (".graphml", ".gexf", ".csv")


def rdf_format_for(path: str | Path) -> str:
    """The rdflib format for a file name, from its suffix.

    >>> rdf_format_for("graph.ttl"), rdf_format_for("graph.jsonld")
    ('turtle', 'json-ld')
    """
    suffix = Path(path).suffix.lower()
    if suffix not in RDF_FORMATS:
        raise OutputFormatError(f"{path}: unknown graph format '{suffix}' "
                                f"(use one of {', '.join(sorted(set(RDF_FORMATS)) + list(OTHER_FORMATS))})")
    return RDF_FORMATS[suffix]


class KnowledgeGraph:
    """An event knowledge graph: an rdflib graph under the kgraph ontology.

    The RDF graph is the single source of truth; the NetworkX view and the pictures are derived
    from it, so a graph loaded from a file behaves exactly like a freshly built one.

    Parameters
    ----------
    rdf : rdflib.Graph, optional
        Triples to start from (empty by default).
    base : str
        The IRI under which documents, entities and events are named.

    Examples
    --------
    >>> import kgraph
    >>> graph = kgraph.build(["Thousands took to the streets in Almaty on Monday."])
    >>> graph.summary()["events"]
    1
    """

    def __init__(self, rdf: Graph | None = None, *, base: str = DEFAULT_BASE) -> None:
        # rdflib's context-free in-memory store: a third faster to fill than its default one
        # (named graphs per document are made on export, see kgraph.graph.export)
        self._rdf = rdf if rdf is not None else Graph(store="SimpleMemory")
        self.base = check_base(base)
        bind_prefixes(self._rdf, base)
        # every document's records, by digest: the identity stage's evidence (read back from the
        # triples on the first add to a graph that came with some)
        self._records: dict[str, Extraction] | None = None if rdf is not None and len(rdf) else {}

    @property
    def rdf(self) -> Graph:
        """The rdflib graph itself."""
        return self._rdf

    def __len__(self) -> int:
        return len(self._rdf)

    def __repr__(self) -> str:
        summary = self.summary()
        return (f"<KnowledgeGraph: {summary['documents']} documents, {summary['entities']} entities, "
                f"{summary['events']} events, {len(self)} triples>")

    def add(self, extraction: Extraction) -> None:
        """Add one document's extraction (re-adding the same text changes nothing); see :meth:`add_all`."""
        self.add_all([extraction])

    def add_all(self, extractions: Iterable[Extraction]) -> None:
        """Add documents' extractions: their entities and events join the nodes of the same
        entities and events from the other documents.

        Which records are one entity or one event is decided over all the graph's documents at
        once (:func:`kgraph.identity.resolve`), and the graph is written anew from them, so the
        result is the same whatever order documents come in and however they are grouped into
        calls. Adding many documents in one call is cheaper than one call each.
        """
        if self._records is None:
            from kgraph.graph.reading import records_from_graph

            self._records = {r.document.digest: r for r in records_from_graph(self._rdf)}
        new = {e.document.digest: e for e in extractions if e.document.digest not in self._records}
        if not new:
            return
        self._records.update(new)
        records = [self._records[digest] for digest in sorted(self._records)]
        with fewer_collections():
            resolution = resolve(records)
            self._rdf.remove((None, None, None))
            # straight into the store: every term is built through the namespace, so the
            # graph's per-triple type checks would only repeat what is known (a tenth of a build)
            add, context = self._rdf.store.add, self._rdf
            for triple in graph_triples(records, resolution, base=self.base):
                add(triple, context)

    def summary(self) -> dict[str, int]:
        """How many documents, entities and events the graph holds."""
        events = {s for cls in event_classes(self._rdf) for s in self._rdf.subjects(RDF.type, cls)}
        entities = {s for cls in (KG.Person, KG.Organization, KG.Place) for s in self._rdf.subjects(RDF.type, cls)}
        documents = set(self._rdf.subjects(RDF.type, KG.Document))
        return {"documents": len(documents), "entities": len(entities), "events": len(events)}

    # -- questions ----------------------------------------------------------------------------
    def query(self, query: str, *, allow_network: bool = False, limit: int | None = None,
              offset: int = 0, timeout: float | None = None, isolated: bool = False) -> QueryResult:
        """Run a SPARQL query: its text, a ``.rq`` file, or a shipped query's name.

        Network access (``SERVICE``, ``FROM <url>``) is refused unless ``allow_network=True``;
        update requests are always refused. ``limit`` and ``offset`` page the rows of a SELECT
        query (``result.more`` tells whether more follow); ``timeout`` (seconds) stops a query
        that runs longer with :class:`~kgraph.errors.QueryTimeout` (it runs in a child process
        that is killed when the time is up); ``isolated=True`` runs it in such a child, its
        memory bounded, without a time limit.
        """
        from kgraph.query import RdflibEngine, ask

        return ask(RdflibEngine(self._rdf), query, allow_network=allow_network, limit=limit, offset=offset,
                   timeout=timeout, isolated=isolated)

    def validate(self) -> ValidationReport:
        """Check the graph against kgraph's SHACL shapes (``ontology/shapes.ttl``).

        >>> import kgraph
        >>> kgraph.build(["Gunmen attacked a bus in Oslo."]).validate().conforms
        True
        """
        from kgraph.graph.validate import validate

        return validate(self._rdf)

    def construct(self, query: str, *, allow_network: bool = False) -> KnowledgeGraph:
        """The graph a SPARQL CONSTRUCT query builds, ready to draw or export.

        The types, labels and trigger words of the nodes it mentions are carried over, so the
        result is drawn with the same shapes, colours and names as the whole graph.

        Raises
        ------
        QueryError
            If the query is not a CONSTRUCT (or DESCRIBE) query, or cannot run.
        """
        from kgraph.errors import QueryError

        result = self.query(query, allow_network=allow_network)
        if result.graph is None:
            raise QueryError(f"a {result.kind} query gives rows, not a graph: use CONSTRUCT")
        part = Graph()
        for triple in result.graph:
            part.add(triple)
        nodes = {term for triple in result.graph for term in (triple[0], triple[2])}
        for node in nodes:
            for predicate in (RDF.type, RDFS.label, KG.trigger, PROV.wasDerivedFrom):
                for value in self._rdf.objects(node, predicate):
                    part.add((node, predicate, value))
        return KnowledgeGraph(part, base=self.base)

    def to_networkx(self) -> nx.MultiDiGraph:
        """The NetworkX view: entities and events as nodes, roles as keyed edges."""
        return to_networkx(self._rdf)

    def draw(self, path: str | Path | None = None, **options: Any) -> Any:
        """Draw the graph with matplotlib; see :func:`kgraph.draw.draw` for the options.

        With a path (``.png``, ``.svg`` or ``.pdf``) the picture is written there.
        """
        from kgraph.draw import draw

        return draw(self, path, **options)

    def to_html(self, path: str | Path, **options: Any) -> None:
        """Write an interactive, self-contained HTML view; see :func:`kgraph.interactive.to_html`."""
        from kgraph.interactive import to_html

        to_html(self, path, **options)

    # -- files --------------------------------------------------------------------------------
    def serialize(self, path: str | Path | None = None, *, format: str | None = None) -> str | None:
        """Write the graph to a file (format from the suffix) or, without a path, return it as
        text (Turtle unless ``format`` says otherwise). Files are written atomically."""
        from kgraph.graph.export import writable
        from kgraph.graph.terms import OXIGRAPH_FORMATS, write_rdf

        if path is None:
            if (format or "turtle") in OXIGRAPH_FORMATS and format not in {"nquads", "trig"}:
                return write_rdf(writable(self._rdf), format or "turtle").decode("utf-8")
            return writable(self._rdf).serialize(format=format or "turtle")
        if format is not None:
            write_atomically(path, writable(self._rdf).serialize(format=format, encoding="utf-8"))
            return None
        from kgraph.graph.export import export

        export(self._rdf, path)
        return None

    def export(self, path: str | Path) -> None:
        """Write the graph for another tool, the format from the suffix: ``.ttl``, ``.nt``,
        ``.nq`` / ``.trig`` (a named graph per document), ``.jsonld`` (with kgraph's context),
        ``.rdf``, ``.graphml`` / ``.gexf`` (the NetworkX view, for Gephi or Cytoscape) or
        ``.csv`` (tables of events, roles and entities)."""
        from kgraph.graph.export import export

        export(self._rdf, path)

    @classmethod
    def load(cls, path: str | Path, *, base: str = DEFAULT_BASE) -> KnowledgeGraph:
        """Read a graph file written by :meth:`serialize` (or any RDF file).

        Raises
        ------
        InputError
            If the file is missing or is not RDF in the format its suffix names.
        """
        source = str(path)
        try:
            rdf_format = rdf_format_for(path)
        except OutputFormatError:
            raise InputError(source, f"unknown graph format '{Path(path).suffix}'") from None
        graph = load_graph_file(path, rdf_format)  # nothing fetched, no entity expanded
        return cls(graph, base=base)
