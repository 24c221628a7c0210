"""Latency of the shipped queries on a store, against rdflib's in-memory graph, in one run.

    python benchmarks/query_latency.py /tmp/kgraph-stores/store-3000 [--repeat 15] [--page 100] [--rdflib-whole]

The store is one made by ``kgraph build --store`` (or benchmarks/corpus_scale.py). rdflib gets
the same triples in memory (up to --rdflib-triples of them, since it needs far more memory).
For every shipped query it prints the median (p50) and 90th percentile, in milliseconds, of
the first page of rows (``kgraph query --limit 100``, ``store.query(name, limit=100)``) and of
the whole answer.
"""
from __future__ import annotations

import argparse
import statistics
import time

from rdflib import Graph

from kgraph import queries
from kgraph.graph.terms import from_ox
from kgraph.store import Store
from kgraph.query import run_query


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
    parser.add_argument("--page", type=int, default=100, help="rows in a first page (default 100)")
    parser.add_argument("--rdflib-triples", type=int, default=1_000_000)
    parser.add_argument("--rdflib-whole", action="store_true",
                        help="also time rdflib's whole answers (once each: minutes at a million triples)")
    args = parser.parse_args()
    store = Store(args.store)
    print(f"store: {len(store)} triples, {store.documents()} documents", flush=True)
    graph = Graph(store="SimpleMemory")  # the store kgraph builds in memory
    for count, quad in enumerate(store._store.quads_for_pattern(None, None, None), start=1):
        graph.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
        if count >= args.rdflib_triples:
            break
    print(f"rdflib in memory: {len(graph)} triples", flush=True)
    print(f"{'':24} {'first page of ' + str(args.page) + ' rows':^29}|{'whole answer':^42}")
    print(f"{'query':24} {'store p50':>10} {'p90':>8} {'rdflib p50':>10} | {'rows':>7} {'store p50':>10} {'p90':>8}"
          f" {'rdflib p50':>11}")
    for name in queries.names():
        page50, page90, _ = timed(lambda: store.query(name, limit=args.page).rows, args.repeat)
        rpage50, _, _ = timed(lambda: run_query(graph, name, limit=args.page).rows, max(3, args.repeat // 5))
        all50, all90, rows = timed(lambda: store.query(name).rows, max(3, args.repeat // 3))
        rall50 = timed(lambda: run_query(graph, name).rows, 1)[0] if args.rdflib_whole else float("nan")
        print(f"{name:24} {page50:8.1f}ms {page90:6.1f}ms {rpage50:8.1f}ms | {rows:7} {all50:8.1f}ms {all90:6.1f}ms"
              f" {rall50:9.1f}ms", flush=True)


if __name__ == "__main__":
    main()
