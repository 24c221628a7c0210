"""Corpora on disk: read articles into an Oxigraph store, a batch at a time, and query it.

Add articles to an existing store without rebuilding it; a build interrupted half-way leaves the
store as it was before the interrupted batch (see :mod:`kgraph.graph.store`), and running it
again finishes the job (articles already there are skipped). :class:`Store` is :class:`kgraph.graph.store.GraphStore` (records
in, SPARQL out) with the path from articles to records of :mod:`kgraph.pipeline`.

Examples
--------
>>> import tempfile
>>> from kgraph.store import Store
>>> store = Store(tempfile.mkdtemp())
>>> store.add_texts(["Russia deployed troops in Syria.", "Iran sent drones to Russia."])
2
>>> sorted((r["agent"], r["destination"]) for r in store.query("who-deployed-where"))
[('Iran', 'Russia'), ('Russia', 'Syria')]
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path

from kgraph.errors import InputError
from kgraph.extract.lexicon import Lexicon
from kgraph.graph.store import GraphStore
from kgraph.records import Extraction, lean
from kgraph.pipeline import read_inputs

__all__ = ["Store", "MIN_BATCH", "MAX_BATCH"]

#: The fewest articles a store build writes in one batch.
MIN_BATCH = 32
#: The most articles one batch takes: its records and what it changes are held in memory until it is in.
MAX_BATCH = 1000


class Store(GraphStore):
    """A kgraph graph kept on disk, that reads articles (see :class:`~kgraph.graph.store.GraphStore`).

    Parameters
    ----------
    path : str or Path
        The store's folder: created if missing, refused if it holds other files.
    base : str
        The base IRI of the graph's nodes.
    read_only : bool
        Open an existing store for reading only (queries, exports).
    """

    def add_texts(self, inputs: Iterable, *, model: str | None = None, lexicon: Lexicon | str | Path | None = None,
                  date: dt.date | None = None, jobs: int = 1, progress: Callable[[int, int, str], None] | None = None,
                  on_error: Callable[[InputError], None] | None = None) -> int:
        """Read articles (paths, texts, Documents or spaCy Docs) into the store; returns how many
        were new.

        ``date``, ``jobs``, ``progress`` and ``on_error`` work as in :func:`kgraph.build`: the
        same path from inputs to records; then the articles go into the store in batches, each
        whole or not at all (:meth:`add_all`), so an interrupted build loses at most the batch
        it was reading (:attr:`added` counts the articles that are in). Batches grow with the
        store (as many articles as it holds, from 32 to :data:`MAX_BATCH`): each one resolves
        identity over the whole store, and batches that double keep that work in proportion to
        the corpus, while the cap bounds the memory a batch holds.
        """
        total, found = read_inputs(inputs, model=model, lexicon=lexicon, date=date, jobs=jobs, on_error=on_error)
        before = self.added
        batch: list[Extraction] = []
        try:
            for done, extraction in enumerate(found, start=1):
                batch.append(lean(extraction))  # what the store keeps of it; the text holds the words
                if len(batch) >= min(MAX_BATCH, max(MIN_BATCH, self.documents_known())):
                    self.added += self.add_all(batch)
                    batch = []
                if progress is not None:
                    progress(done, total, extraction.document.source)
            if batch:
                self.added += self.add_all(batch)
        finally:
            self.flush()
        return self.added - before
