"""Questions for the NetworkX view of the example article: who is most central, who is linked
to whom through events, and along which chains.

    python examples/analytics.py
"""
from __future__ import annotations

from pathlib import Path

import networkx as nx

import kgraph
from kgraph.graph import actor_graph, central_actors

HERE = Path(__file__).resolve().parent


def main() -> None:
    graph = kgraph.build([HERE / "kazakhstan-unrest.txt"])
    view = graph.to_networkx()

    print("Most central actors (share of all event links):")
    for label, share in central_actors(view, 5):
        print(f"  {label:40} {share:.3f}")

    actors = actor_graph(view)
    label = nx.get_node_attributes(actors, "label")
    print("\nStrongest links between entities (number of shared events):")
    for first, second, data in sorted(actors.edges(data=True), key=lambda e: -e[2]["weight"])[:5]:
        print(f"  {label[first]} -- {label[second]}: {data['weight']}")

    speech = actor_graph(view, roles={"speaker", "addressee"})
    print("\nLinked through statements (speakers and addressees):")
    for first, second in speech.edges:
        print(f"  {speech.nodes[first]['label']} <-> {speech.nodes[second]['label']}")

    by_label = {data["label"]: node for node, data in actors.nodes(data=True)}
    path = nx.shortest_path(actors, by_label["Sergei Lavrov"], by_label["Charles Mitchell"])
    print("\nHow Sergei Lavrov connects to Charles Mitchell:", " -> ".join(label[n] for n in path))

    betweenness = nx.betweenness_centrality(actors)
    broker = max(betweenness, key=betweenness.get)
    print("Main broker between the others:", label[broker])


if __name__ == "__main__":
    main()
