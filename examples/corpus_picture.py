"""Build one graph from many articles and draw its busiest part, a timeline and an interactive page.

    python examples/corpus_picture.py FOLDER_OR_JSONL... [-o OUTPUT_FOLDER]

Inputs are folders of .txt/.html articles, or JSON-lines files with one {"doc_id", "text"} object
per line (the WikiEvents format). The pictures in this folder were made with

    python examples/corpus_picture.py examples/kazakhstan-unrest.txt tests/data/dev \\
        ../shared/data/dev/wikievents/dev.jsonl -o examples

that is the example article, kgraph's 16 development articles and the 20 WikiEvents dev
documents (MIT licence): 37 articles.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import kgraph
from kgraph.draw import draw_timeline
from kgraph.text import document_from_text


def inputs(names: list[str]) -> list:
    found: list = []
    for name in names:
        path = Path(name)
        if path.suffix == ".jsonl":
            with path.open(encoding="utf-8") as lines:
                for line in lines:
                    record = json.loads(line)
                    found.append(document_from_text(record["text"], f"{path.name}#{record['doc_id']}"))
        elif path.is_dir():
            found.extend(sorted(p for p in path.glob("*.txt")))
        else:
            found.append(path)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("-o", "--output", default="out")
    args = parser.parse_args()
    output = Path(args.output)
    output.mkdir(parents=True, exist_ok=True)
    documents = inputs(args.inputs)
    graph = kgraph.build(documents)
    print(graph)
    title = f"{len(documents)} news articles"
    graph.draw(output / "corpus.png", title=title, max_nodes=70)
    draw_timeline(graph, output / "corpus-timeline.png", title=title, max_actors=14)
    graph.to_html(output / "corpus.html", title=title, max_nodes=250)
    print(f"pictures written to {output}/")


if __name__ == "__main__":
    main()
