"""Graph building: records -> RDF under the kgraph ontology, and the views derived from it."""
from __future__ import annotations

from kgraph.graph.model import KnowledgeGraph, rdf_format_for
from kgraph.graph.namespace import DEFAULT_BASE, KG, NIF, SEM
from kgraph.graph.networkx import actor_graph, central_actors, to_networkx
from kgraph.graph.rdf import graph_triples, ontology_graph

__all__ = ["KnowledgeGraph", "KG", "NIF", "SEM", "DEFAULT_BASE", "graph_triples", "ontology_graph",
           "rdf_format_for", "to_networkx", "actor_graph", "central_actors"]
