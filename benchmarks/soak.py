"""Soak run: thousands of generated documents through build, Turtle and back, in one process.

    python benchmarks/soak.py [--documents 10000] [--batch 100] [--seed 1]

Nine documents in ten are news-like articles (tests/newslike.py: made-up people and places,
quotations, dates, numbers, stray symbols); one in ten is random Unicode (any code point but
surrogates). Each batch is built into a fresh graph, written as Turtle and read back; every
tenth graph is also checked against the SHACL shapes. A document that makes kgraph raise
anything but a one-line InputError is a crash. Prints crashes, invalid graphs, and resident
memory at the start (after the first batch) and the end, to show growth.
"""
from __future__ import annotations

import argparse
import random
import resource
import sys
import time
import traceback
import warnings
from pathlib import Path

from rdflib import Graph

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import kgraph  # noqa: E402 (after the path to the generator)
from kgraph.errors import InputError, InputWarning  # noqa: E402
from kgraph.text import document_from_text  # noqa: E402
from newslike import article  # noqa: E402


def resident_mb() -> float:
    """Current resident memory of this process (Linux), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def random_unicode(rng: random.Random) -> str:
    characters = []
    while len(characters) < rng.randint(1, 300):
        code = rng.randint(1, 0x10FFFF)
        if not 0xD800 <= code <= 0xDFFF:
            characters.append(chr(code))
    return "".join(characters)


def documents(rng: random.Random, count: int) -> list:
    out = []
    for index in range(count):
        text = random_unicode(rng) if rng.random() < 0.1 else article(rng)
        out.append(document_from_text(text, f"<soak {index}>"))
    return out


def build_batch(batch: list, validate: bool) -> tuple[int, int]:
    """Build, round-trip and maybe validate one batch; returns (crashes, invalid graphs)."""
    try:
        graph = kgraph.build(batch)
    except InputError:
        return 0, 0
    except Exception:  # find the documents at fault one by one
        crashes = 0
        for document in batch:
            try:
                kgraph.build([document])
            except InputError:
                pass
            except Exception:
                crashes += 1
                print(f"crash on {document.source}: {document.text[:80]!r}", file=sys.stderr)
                traceback.print_exc(limit=3)
        return crashes, 0
    Graph().parse(data=graph.serialize(), format="turtle")
    if validate and not graph.validate().conforms:
        return 0, 1
    return 0, 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    warnings.simplefilter("ignore", InputWarning)  # random Unicode is rarely English
    rng = random.Random(args.seed)
    crashes = invalid = done = 0
    start_mb = None
    started = time.perf_counter()
    for number in range(0, args.documents, args.batch):
        batch = documents(rng, min(args.batch, args.documents - number))
        batch_crashes, batch_invalid = build_batch(batch, validate=(number // args.batch) % 10 == 0)
        crashes, invalid, done = crashes + batch_crashes, invalid + batch_invalid, done + len(batch)
        if start_mb is None:
            start_mb = resident_mb()
        if done % (args.batch * 10) == 0 or done == args.documents:
            print(f"{done:6} documents  crashes {crashes}  invalid graphs {invalid}  "
                  f"memory {resident_mb():7.1f} MB  {time.perf_counter() - started:7.1f} s", flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"documents {done}, crashes {crashes}, invalid graphs {invalid}, memory at start {start_mb:.1f} MB, "
          f"at end {resident_mb():.1f} MB, peak {peak:.1f} MB, {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
