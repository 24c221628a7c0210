"""Latency of the shipped queries on a store, against rdflib's in-memory graph, in one run.

    python benchmarks/query_latency.py /tmp/kgraph-stores/store-10000 [--repeat 15]

The store is one made by ``kgraph build --store`` (or benchmarks/corpus_scale.py). rdflib gets
the same triples in memory (up to --rdflib-triples of them, since it needs far more memory).
Prints the median (p50) and 90th percentile per query, in milliseconds.
"""
from __future__ import annotations

import argparse
import statistics
import time

from rdflib import Graph

from kgraph.graph.store import Store, _from_ox
from kgraph.query import run_query

QUERIES = ["who-said-what-to-whom", "who-deployed-where", "who-met-whom", "casualties"]


def timed(function, repeat: int) -> tuple[float, float, int]:
    times, rows = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        rows = len(function())
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.9 * (len(times) - 1))], rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--rdflib-triples", type=int, default=1_000_000)
    args = parser.parse_args()
    store = Store(args.store)
    print(f"store: {len(store)} triples, {store.documents()} documents")
    graph = Graph()
    for quad in store._store.quads_for_pattern(None, None, None):
        graph.add((_from_ox(quad.subject), _from_ox(quad.predicate), _from_ox(quad.object)))
        if len(graph) >= args.rdflib_triples:
            break
    print(f"rdflib in memory: {len(graph)} triples")
    print(f"{'query':24} {'rows':>7} {'store p50':>10} {'p90':>8} {'rdflib p50':>11} {'rows':>7}")
    for name in QUERIES:
        p50, p90, rows = timed(lambda: store.query(name).rows, args.repeat)
        r50, _, rrows = timed(lambda: run_query(graph, name).rows, max(3, args.repeat // 5))
        print(f"{name:24} {rows:7} {p50:9.1f}ms {p90:7.1f}ms {r50:10.1f}ms {rrows:7}")


if __name__ == "__main__":
    main()
