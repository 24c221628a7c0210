"""Store-mode builds at two corpus sizes: wall time, peak memory, and whether time grows linearly.

    python benchmarks/corpus_scale.py --sizes 1000 10000 --store-dir /tmp/kgraph-stores

Articles are the 924 PolNeAR texts beside the repository (real news, read in place), cycled to
the size asked; each copy gets a first line of its own ("Copy N.") so that every document is new
to the store, as in a real corpus where the same people recur across articles. Each size runs in
a fresh process, so its peak resident memory (ru_maxrss) is its own, into a new store (an old
one of the same size is deleted first). Sizes run one after another; the first and the last
give the time ratio.
"""
from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "dev" / "polnear"


def articles(count: int) -> list:
    from kgraph.text import document_from_text

    texts = [p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*/text/*.txt"))]
    return [document_from_text(f"Copy {i // len(texts)}.\n{texts[i % len(texts)]}", f"article-{i}") for i in range(count)]


def run_one(size: int, store_dir: Path) -> dict:
    from kgraph.store import Store

    documents = articles(size)
    target = store_dir / f"store-{size}"
    if target.exists():
        shutil.rmtree(target)  # a store that has the articles already would skip them all
    before = resource.getrusage(resource.RUSAGE_SELF)
    start = time.perf_counter()
    marks = [start]

    def mark(done: int, total: int, source: str) -> None:
        if done % 1000 == 0:
            marks.append(time.perf_counter())

    with Store(target) as store:
        store.add_texts(documents, progress=mark)
        triples = len(store)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    # CPU time beside wall time: it does not grow when another program shares the cores
    return {"articles": size, "seconds": round(seconds, 1), "cpu_seconds": round(cpu, 1), "triples": triples,
            "peak_rss_mb": round(after.ru_maxrss / 1024),
            # seconds per thousand articles, the first one with the model's loading: flat if linear
            "seconds_per_1000": [round(b - a, 1) for a, b in zip(marks, marks[1:])]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--store-dir", default="/tmp/kgraph-stores")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # run one size in this process
    args = parser.parse_args()
    store_dir = Path(args.store_dir)
    store_dir.mkdir(parents=True, exist_ok=True)
    if args.one:
        print(json.dumps(run_one(args.one, store_dir)))
        return
    results = []
    for size in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(size), "--store-dir", str(store_dir)],
                             capture_output=True, text=True, check=True)
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(results[-1], flush=True)
    if len(results) >= 2:
        small, big = results[0], results[-1]
        print(f"time ratio {big['articles']}/{small['articles']} articles: {big['seconds'] / small['seconds']:.2f} "
              f"wall, {big['cpu_seconds'] / small['cpu_seconds']:.2f} CPU (linear: {big['articles'] / small['articles']:.1f})")


if __name__ == "__main__":
    main()
