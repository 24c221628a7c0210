"""Extract a folder of articles on a local Dask cluster and write one graph.

    pip install 'kgraph[dask]'
    python examples/dask_build.py tests/data/dev -o out/dev.ttl --workers 2

On a real cluster, connect a ``dask.distributed.Client`` to its scheduler instead of starting a
``LocalCluster``: each worker loads the spaCy model once and extracts whole partitions.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from dask.distributed import Client, LocalCluster

from kgraph.distributed import build_distributed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("-o", "--output", default="out/distributed.ttl")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    articles = sorted(Path(args.folder).rglob("*.txt"))
    with LocalCluster(n_workers=args.workers, threads_per_worker=1, dashboard_address=None) as cluster, Client(cluster):
        graph = build_distributed(articles, npartitions=4 * args.workers)
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    graph.serialize(args.output)
    print(f"{graph} -> {args.output}")


if __name__ == "__main__":
    main()
