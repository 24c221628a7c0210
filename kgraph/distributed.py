"""Extraction on Dask partitions, for corpora spread over a cluster.

:func:`extract_partition` is the function to map over partitions: it takes a partition's
articles (texts, paths or Documents) and returns their extraction records, which are plain
picklable dataclasses. The spaCy model is loaded once per worker process (and cached there),
not once per partition. :func:`build_distributed` does the whole job with a ``dask.bag`` and adds
the records to one graph on the client.

Examples
--------
With a local cluster (``pip install 'kgraph[dask]'``)::

    from dask.distributed import Client, LocalCluster
    with LocalCluster(n_workers=2, threads_per_worker=1) as cluster, Client(cluster):
        graph = build_distributed(paths, npartitions=8)
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from kgraph.extract import extract_many
from kgraph.extract.lexicon import load_lexicon
from kgraph.records import Extraction
from kgraph.graph import DEFAULT_BASE, KnowledgeGraph
from kgraph.nlp import load_model

__all__ = ["extract_partition", "build_distributed"]


def extract_partition(articles: Iterable, model: str | None = None, lexicon: str | None = None) -> list[Extraction]:
    """Extract one partition's articles on a worker; the model loads once per worker process.

    Parameters
    ----------
    articles : iterable of paths, texts or Documents
    model : str, optional
        The spaCy model to load on the worker.
    lexicon : str, optional
        A frame lexicon file readable on the worker.
    """
    from kgraph.pipeline import to_documents

    documents = to_documents(list(articles))
    return list(extract_many(documents, nlp=load_model(model), lexicon=load_lexicon(lexicon) if lexicon else load_lexicon()))


def build_distributed(articles: Sequence[str | Path], *, npartitions: int = 8, model: str | None = None,
                      lexicon: str | None = None, base: str = DEFAULT_BASE) -> KnowledgeGraph:
    """Build one graph from articles extracted on the current Dask scheduler (a cluster when a
    ``dask.distributed.Client`` is active)."""
    import dask.bag as db

    from kgraph.pipeline import _looks_like_path
    from kgraph.text import document_from_text

    # texts become documents here, so that "<text N>" numbers the whole build, not a partition
    items = [document_from_text(a, f"<text {i}>") if isinstance(a, str) and not _looks_like_path(a) else a
             for i, a in enumerate(articles, start=1)]
    bag = db.from_sequence([str(a) if isinstance(a, Path) else a for a in items],
                           npartitions=max(1, min(npartitions, len(items))))
    extractions = bag.map_partitions(extract_partition, model=model, lexicon=lexicon).compute()
    graph = KnowledgeGraph(base=base)
    graph.add_all(extractions)
    return graph
