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


def test_a_lexicon_class_keeps_its_parent_on_a_cluster(tmp_path):
    # the class's parent travels in the records: the client that builds the graph reads no lexicon
    from kgraph.distributed import build_distributed

    lexicon = tmp_path / "riot.toml"
    lexicon.write_text('[frames.riot]\nclass = "Riot"\nparent = "Protest"\nlabel = "riot"\nverbs = ["riot"]\n'
                       '[frames.riot.roles]\nplace = ["place"]\n', encoding="utf-8")
    texts = ["Youths rioted in London on Friday.", "Russia deployed troops in Syria."]
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            distributed.Client(cluster):
        graph = build_distributed(texts, npartitions=2, lexicon=str(lexicon))
    assert [(r["class"], r["place"]) for r in graph.query("casualties")] == [("Protest", "London")]
    assert graph.query("ASK { kg:Riot rdfs:subClassOf kg:Protest ; rdfs:label 'riot'@en }").boolean
