"""Extraction on the partitions of a local Dask cluster gives the same graph as a local build."""
from __future__ import annotations

import pytest
from rdflib.compare import isomorphic

import kgraph

distributed = pytest.importorskip("dask.distributed", reason="Dask is a test extra: pip install '.[test]'")

TEXTS = ["Russia deployed troops in Syria.", "Iran sent drones to Russia, officials said.",
         "Protests erupted in Lima on Monday.", "Angela Merkel met Emmanuel Macron in Paris.",
         "Three soldiers died in the attack.", "Chancellor Olaf Scholz met Emmanuel Macron in Paris."]


def test_local_cluster_builds_the_same_graph():
    from kgraph.distributed import build_distributed

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        graph = build_distributed(TEXTS, npartitions=3)
        # the model loaded once per worker process, not once per partition
        loads = client.run(lambda: __import__("kgraph.nlp", fromlist=["_load_model"])._load_model.cache_info().misses)
    assert isomorphic(graph.rdf, kgraph.build(TEXTS).rdf)
    assert all(misses <= 1 for misses in loads.values())
