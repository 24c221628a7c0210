"""The NetworkX view of an event graph, derived from the RDF alone.

Entities and events are nodes; every entity-valued role is an edge from the event to the entity,
keyed and labelled by the role's name. Literal roles (content, theme, count, ...) and provenance
(the sentence, its offsets) are attributes of the event node. Because the view reads only the
RDF, a graph loaded from a Turtle file gives the same view as a freshly built one.

Examples
--------
>>> import kgraph
>>> view = kgraph.build(["The CSTO has deployed troops in Kazakhstan."]).to_networkx()
>>> sorted(data["role"] for _, _, data in view.edges(data=True))
['agent', 'destination']
"""
from __future__ import annotations

import networkx as nx
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import PROV

from kgraph.graph.namespace import KG, NIF
from kgraph.graph.rdf import entity_classes, event_classes

__all__ = ["to_networkx", "local_name", "actor_graph", "central_actors"]


def local_name(iri: URIRef | str) -> str:
    """The last part of an IRI: ``kg:Statement`` -> ``Statement``.

    >>> local_name("https://w3id.org/kgraph/ontology#Statement")
    'Statement'
    """
    text = str(iri)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _most_specific(classes: list[URIRef], graph: Graph) -> URIRef:
    # a node typed both kg:Statement and a subclass of it is shown as the subclass
    for cls in classes:
        if not any(other != cls and (other, RDFS.subClassOf, cls) in graph for other in classes):
            return cls
    return classes[0]


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """Build the NetworkX view of an RDF event graph.

    Node attributes: ``kind`` (``"entity"`` or ``"event"``), ``cls`` (``Person``, ``Statement``,
    ...), ``label``; for events also ``trigger``, ``sentence``, ``begin``, ``end``,
    ``confidence`` and one attribute per literal role (lists joined with ``"; "``). Edge
    attributes: ``role`` (also the edge key) and ``label``.
    """
    view = nx.MultiDiGraph()
    entity_types = entity_classes(graph)
    event_types = event_classes(graph)
    for node in set(graph.subjects(RDF.type, None)):
        types = [t for t in graph.objects(node, RDF.type) if isinstance(t, URIRef)]
        entity_like = [t for t in types if t in entity_types and t != KG.Entity]
        if entity_like:
            label = graph.value(node, RDFS.label)
            view.add_node(str(node), kind="entity", cls=local_name(_most_specific(entity_like, graph)),
                          label=str(label) if label is not None else local_name(node))
    for node in set(graph.subjects(RDF.type, None)):
        types = [t for t in graph.objects(node, RDF.type) if isinstance(t, URIRef) and t in event_types]
        if not types:
            continue
        cls = local_name(_most_specific(types, graph))
        attributes: dict[str, object] = {"kind": "event", "cls": cls}
        trigger = graph.value(node, KG.trigger)
        attributes["trigger"] = str(trigger) if trigger is not None else ""
        attributes["label"] = f"{cls}: {trigger}" if trigger is not None else cls
        span = next(iter(graph.objects(node, PROV.wasDerivedFrom)), None)
        if span is not None:
            attributes["sentence"] = str(graph.value(span, NIF.anchorOf) or "")
            for key, predicate in (("begin", NIF.beginIndex), ("end", NIF.endIndex)):
                value = graph.value(span, predicate)
                if value is not None:
                    attributes[key] = int(value)
            document = graph.value(span, NIF.referenceContext)
            if document is not None:
                attributes["document"] = str(document)
        literals: dict[str, list[str]] = {}
        edges = []
        for predicate, value in graph.predicate_objects(node):
            if not str(predicate).startswith(str(KG._NS)) or predicate in {KG.trigger}:
                continue
            role = local_name(predicate)
            if isinstance(value, Literal):
                literals.setdefault(role, []).append(str(value))
            elif str(value) in view and view.nodes[str(value)].get("kind") == "entity":
                edges.append((role, str(value)))
        for role, values in literals.items():
            attributes[role] = "; ".join(sorted(values))
        if "confidence" in attributes:
            attributes["confidence"] = float(str(attributes["confidence"]).split(";")[0])
        view.add_node(str(node), **attributes)
        for role, target in sorted(edges):
            view.add_edge(str(node), target, key=role, role=role, label=role)
    return view


def actor_graph(view: nx.MultiDiGraph, *, roles: set[str] | None = None) -> nx.Graph:
    """Who is linked to whom through events: entities joined when they fill roles of the same
    event, with ``weight`` (how many events) and ``events`` (their node ids) on each link.

    Parameters
    ----------
    view : networkx.MultiDiGraph
        The view from :func:`to_networkx`.
    roles : set of str, optional
        Count only these roles (for instance ``{"speaker", "addressee"}``); all by default.

    Examples
    --------
    >>> import kgraph
    >>> view = kgraph.build(["Joe Biden met Xi Jinping in Bali."]).to_networkx()
    >>> sorted(view.nodes[n]["label"] for n in actor_graph(view))
    ['Bali', 'Joe Biden', 'Xi Jinping']
    """
    actors = nx.Graph()
    for event, data in view.nodes(data=True):
        if data.get("kind") != "event":
            continue
        fillers = sorted({target for _, target, role in view.out_edges(event, keys=True) if roles is None or role in roles})
        for node in fillers:
            actors.add_node(node, **view.nodes[node])
        for index, first in enumerate(fillers):
            for second in fillers[index + 1:]:
                if actors.has_edge(first, second):
                    actors[first][second]["weight"] += 1
                    actors[first][second]["events"].append(event)
                else:
                    actors.add_edge(first, second, weight=1, events=[event])
    return actors


def central_actors(view: nx.MultiDiGraph, n: int = 10) -> list[tuple[str, float]]:
    """The ``n`` most central entities by weighted degree in :func:`actor_graph`, as
    (label, centrality) pairs, most central first."""
    actors = actor_graph(view)
    if len(actors) < 2:
        return [(actors.nodes[node]["label"], 0.0) for node in actors]
    strength = dict(actors.degree(weight="weight"))
    total = max(sum(strength.values()), 1)
    ranked = sorted(actors, key=lambda node: (-strength[node], actors.nodes[node]["label"]))[:n]
    return [(actors.nodes[node]["label"], round(strength[node] / total, 3)) for node in ranked]
