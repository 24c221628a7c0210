"""Build the example article's graph, ask it the two headline questions, and draw it.

    python examples/run_example.py [OUTPUT_FOLDER]

Writes kazakhstan-unrest.ttl and kazakhstan-unrest.png into OUTPUT_FOLDER (default: out/).
"""
from __future__ import annotations

import sys
from pathlib import Path

import kgraph

HERE = Path(__file__).resolve().parent


def main(output: Path) -> None:
    output.mkdir(parents=True, exist_ok=True)
    graph = kgraph.build([HERE / "kazakhstan-unrest.txt"])
    print(graph)
    graph.serialize(output / "kazakhstan-unrest.ttl")

    print("\nWho said what to whom:")
    print(graph.query(kgraph.queries.WHO_SAID_WHAT_TO_WHOM).to_table(max_width=45))
    print("\nWho deployed what where:")
    print(graph.query(kgraph.queries.WHO_DEPLOYED_WHERE).to_table(max_width=45))

    # the most active actors: entities with the most event roles
    view = graph.to_networkx()
    actors = sorted((n for n, d in view.nodes(data=True) if d["kind"] == "entity"), key=view.in_degree, reverse=True)
    print("\nMost involved:", ", ".join(f"{view.nodes[n]['label']} ({view.in_degree(n)})" for n in actors[:5]))

    graph.draw(output / "kazakhstan-unrest.png", title="Unrest in Kazakhstan")
    print(f"\nGraph and picture written to {output}/")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("out"))
