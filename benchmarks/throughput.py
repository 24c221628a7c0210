"""Build throughput against spaCy's bare ``nlp.pipe`` over the same articles, in one run.

    python benchmarks/throughput.py [FOLDER] [--limit N] [--repeat R]   (500 articles, 1 round by default)

FOLDER holds ``.txt`` articles (default: the PolNeAR train texts beside the repository, real US
political news; they are read, never copied). Prints articles per second for the bare pipeline,
for kgraph's whole build (parse + extraction + RDF) and for the same build over 2 processes,
the ratio of the first two and the speed-up of the third.
"""
from __future__ import annotations

import argparse
import gc
import statistics
import time
from pathlib import Path

import kgraph
from kgraph.nlp import load_model
from kgraph.text import load_document

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "dev" / "polnear" / "train" / "text"


def _bare(nlp, documents) -> float:
    """Seconds of spaCy's own pipeline over the documents (kgraph's line-break component is
    kgraph's work, counted in the build)."""
    with nlp.select_pipes(disable=["kgraph_line_breaks"]):
        start = time.perf_counter()
        for _ in nlp.pipe((d.text for d in documents), batch_size=16):
            pass
        return time.perf_counter() - start


def _build(documents, jobs: int) -> tuple[float, int]:
    """Seconds of a whole build and its number of triples; the graph is freed before the next
    measurement starts, as a user's next build would (every full collection of Python's cycle
    collector would otherwise scan its millions of objects again)."""
    start = time.perf_counter()
    graph = kgraph.build(documents, jobs=jobs)
    seconds = time.perf_counter() - start
    triples = len(graph)
    del graph
    gc.collect()
    return seconds, triples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(DEFAULT))
    parser.add_argument("--limit", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=1,
                        help="rounds of the three measurements, interleaved; the medians are reported "
                             "(the machine's speed drifts between minutes, and each round sees the same drift)")
    args = parser.parse_args()
    paths = sorted(Path(args.folder).glob("*.txt"))[:args.limit]
    documents = [load_document(p) for p in paths]
    characters = sum(len(d.text) for d in documents)
    nlp = load_model()
    list(nlp.pipe(d.text for d in documents[:5]))  # warm up

    rounds = []
    for number in range(1, args.repeat + 1):
        bare = _bare(nlp, documents)
        full, triples = _build(documents, 1)
        parallel, _ = _build(documents, 2)
        rounds.append((bare, full, parallel))
        if args.repeat > 1:
            print(f"round {number}: bare {bare:.1f} s, build {full:.1f} s, --jobs 2 {parallel:.1f} s: "
                  f"ratio {bare / full:.3f}, speed-up {full / parallel:.3f}", flush=True)
    bare, full, parallel = (statistics.median(times) for times in zip(*rounds))
    ratio = statistics.median(b / f for b, f, _ in rounds)
    speedup = statistics.median(f / p for _, f, p in rounds)

    print(f"{len(documents)} articles, {characters / 1000:.0f}k characters, {triples} triples"
          + (f"; medians of {args.repeat} rounds" if args.repeat > 1 else ""))
    print(f"spaCy nlp.pipe alone : {len(documents) / bare:7.1f} articles/s ({bare:.1f} s)")
    print(f"kgraph build         : {len(documents) / full:7.1f} articles/s ({full:.1f} s)")
    print(f"kgraph build --jobs 2: {len(documents) / parallel:7.1f} articles/s ({parallel:.1f} s)")
    print(f"ratio (build / bare throughput): {ratio:.3f}")
    print(f"speed-up of 2 processes over 1: {speedup:.3f}")


if __name__ == "__main__":
    main()
