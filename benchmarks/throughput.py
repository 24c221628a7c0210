"""Build throughput against spaCy's bare ``nlp.pipe`` over the same articles, in one run.

    python benchmarks/throughput.py [FOLDER] [--limit N]   (500 articles by default)

FOLDER holds ``.txt`` articles (default: the PolNeAR train texts beside the repository, real US
political news; they are read, never copied). Prints articles per second for the bare pipeline,
for kgraph's whole build (parse + extraction + RDF) and for the same build over 2 processes,
the ratio of the first two and the speed-up of the third.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

import kgraph
from kgraph.nlp import load_model
from kgraph.text import load_document

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "dev" / "polnear" / "train" / "text"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(DEFAULT))
    parser.add_argument("--limit", type=int, default=500)
    args = parser.parse_args()
    paths = sorted(Path(args.folder).glob("*.txt"))[:args.limit]
    documents = [load_document(p) for p in paths]
    characters = sum(len(d.text) for d in documents)
    nlp = load_model()
    list(nlp.pipe(d.text for d in documents[:5]))  # warm up

    # spaCy's own pipeline: kgraph's line-break component is kgraph's work, counted below
    with nlp.select_pipes(disable=["kgraph_line_breaks"]):
        start = time.perf_counter()
        for _ in nlp.pipe((d.text for d in documents), batch_size=16):
            pass
        bare = time.perf_counter() - start

    start = time.perf_counter()
    graph = kgraph.build(documents)
    full = time.perf_counter() - start

    start = time.perf_counter()
    kgraph.build(documents, jobs=2)
    parallel = time.perf_counter() - start

    print(f"{len(documents)} articles, {characters / 1000:.0f}k characters, {len(graph)} triples")
    print(f"spaCy nlp.pipe alone : {len(documents) / bare:7.1f} articles/s ({bare:.1f} s)")
    print(f"kgraph build         : {len(documents) / full:7.1f} articles/s ({full:.1f} s)")
    print(f"kgraph build --jobs 2: {len(documents) / parallel:7.1f} articles/s ({parallel:.1f} s)")
    print(f"ratio (build / bare throughput): {bare / full:.3f}")
    print(f"speed-up of 2 processes over 1: {full / parallel:.3f}")


if __name__ == "__main__":
    main()
