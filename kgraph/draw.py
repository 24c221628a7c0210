"""Diagrams of an event graph with matplotlib: PNG, SVG or PDF.

Entities and events are told apart by shape (circles, squares and triangles for people,
organisations and places; diamonds for events) and by colour per class, from the Okabe-Ito
palette, which stays distinct for colour-blind readers. Edges carry their role names; parallel
edges between the same two nodes are drawn as separate arcs with their own labels. Every picture
has a legend and a title.

matplotlib is imported only inside these functions, so ``import kgraph`` stays light.

Examples
--------
>>> import kgraph, tempfile, os
>>> graph = kgraph.build(["The CSTO has deployed troops in Kazakhstan."])
>>> path = os.path.join(tempfile.mkdtemp(), "graph.png")
>>> ax = graph.draw(path)
>>> os.path.getsize(path) > 10_000
True
"""
from __future__ import annotations

import math
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from kgraph.errors import InputError, OutputFormatError

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from kgraph.graph.model import KnowledgeGraph

__all__ = ["draw", "draw_timeline", "check_picture_path", "check_size", "PICTURE_FORMATS", "CLASS_STYLE"]

PICTURE_FORMATS = (".png", ".svg", ".pdf")

# Okabe-Ito colours; shapes tell entities from events even in grey print.
CLASS_STYLE: dict[str, tuple[str, str]] = {
    "Person": ("#56B4E9", "o"),
    "Organization": ("#F0E442", "s"),
    "Place": ("#009E73", "^"),
    "Statement": ("#0072B2", "D"),
    "Contact": ("#CC79A7", "D"),
    "Deployment": ("#D55E00", "D"),
    "Attack": ("#E69F00", "D"),
    "Death": ("#000000", "D"),
    "Protest": ("#999999", "D"),
}
_OTHER_ENTITY = ("#FFFFFF", "o")
_OTHER_EVENT = ("#FFFFFF", "D")
# Layout units between the closest nodes, and the size of a unit on paper.
MIN_SPACING = 1.7
INCHES_PER_UNIT = 0.75
# A timeline with more events than this shows markers only: their words would pile up.
MAX_TIMELINE_LABELS = 80
# Components up to this many nodes get the Kamada-Kawai layout.
KAMADA_KAWAI_LIMIT = 150
_CORE_EVENTS = ("Statement", "Contact", "Deployment", "Attack", "Death", "Protest")


def check_picture_path(path: str | Path, *, also: tuple[str, ...] = ()) -> None:
    """Refuse, before any work, a picture file whose suffix names no format kgraph draws."""
    if Path(path).suffix.lower() not in PICTURE_FORMATS + also:
        extra = f", or {', '.join(also)}" if also else ""
        raise OutputFormatError(f"{path}: unknown picture format '{Path(path).suffix}' (use {', '.join(PICTURE_FORMATS)}{extra})")


def check_size(*, width: float | None = None, height: float | None = None, dpi: int = 150) -> None:
    """Refuse a picture size no one can draw: a ``ValueError`` for a size that is not a finite
    number of inches in [0.5, 200] or a resolution outside [10, 2400] dots per inch."""
    for name, value in (("width", width), ("height", height)):
        if value is not None and not (isinstance(value, (int, float)) and 0.5 <= value <= 200):
            raise ValueError(f"{name} must be a number of inches from 0.5 to 200, not {value!r}")
    if not (isinstance(dpi, int) and 10 <= dpi <= 2400):
        raise ValueError(f"dpi must be a whole number of dots per inch from 10 to 2400, not {dpi!r}")


def _style(view: nx.MultiDiGraph, node: str) -> tuple[str, str]:
    data = view.nodes[node]
    default = _OTHER_EVENT if data.get("kind") == "event" else _OTHER_ENTITY
    return CLASS_STYLE.get(data.get("cls", ""), default)


def _select(view: nx.MultiDiGraph, *, classes: set[str] | None, focus: str | None,
            max_nodes: int | None, include_isolated: bool) -> nx.MultiDiGraph:
    """The part of the view to draw: chosen event classes, one entity's neighbourhood, the most
    connected nodes."""
    if max_nodes is not None and not (isinstance(max_nodes, int) and max_nodes >= 0):
        raise ValueError(f"max_nodes must be a whole number of nodes, 0 or more, not {max_nodes!r}")
    keep = set(view)
    if classes:
        present = {view.nodes[n].get("cls") for n in view if view.nodes[n].get("kind") == "event"}
        if not present & set(classes):
            raise InputError(f"classes {', '.join(sorted(classes))}", "the graph has no event of these classes "
                             f"(it has {', '.join(sorted(c for c in present if c)) or 'no events'})")
        keep = {n for n in keep if view.nodes[n].get("kind") != "event" or view.nodes[n].get("cls") in classes}
    if focus:
        wanted = focus.lower()
        centres = [n for n in keep if view.nodes[n].get("kind") == "entity"
                   and (wanted in view.nodes[n].get("label", "").lower() or n == focus)]
        if not centres:
            busiest = sorted((n for n in view if view.nodes[n].get("kind") == "entity"),
                             key=lambda n: (-view.degree(n), view.nodes[n].get("label", "")))[:3]
            known = ", ".join(view.nodes[n].get("label", n) for n in busiest) or "none"
            raise InputError(f"focus {focus!r}", f"no entity's name contains it (the most connected: {known})")
        around = set(centres)
        for centre in centres:
            events = set(view.predecessors(centre)) & keep
            around |= events
            for event in events:
                around |= set(view.successors(event)) & keep
        keep = around
    sub = view.subgraph(keep)
    if not include_isolated:
        # an entity in no event, or an event with no entity, says nothing in a picture
        sub = sub.subgraph([n for n in sub if sub.degree(n) > 0])
    if max_nodes is not None and len(sub) > max_nodes:
        sub = sub.subgraph(_busiest(sub, max_nodes))
        sub = sub.subgraph([n for n in sub if sub.degree(n) > 0])
    return nx.MultiDiGraph(sub)


def _busiest(view: nx.MultiDiGraph, budget: int) -> set[str]:
    """At most ``budget`` nodes that stay connected: events taken whole (with all their
    fillers), those whose fillers take part in most events first."""
    events = [n for n, d in view.nodes(data=True) if d.get("kind") == "event"]
    weight = {e: sum(view.in_degree(f) for f in set(view.successors(e))) for e in events}
    chosen: set[str] = set()
    for event in sorted(events, key=lambda e: (-weight[e], e)):
        grown = chosen | set(view.successors(event)) | {event}
        if len(grown) <= budget:
            chosen = grown
    return chosen


def _component_layout(component: nx.Graph, seed: int) -> dict[str, tuple[float, float]]:
    """A force layout of one connected component, scaled so that neighbours sit about one unit
    apart whatever the component's size."""
    if len(component) == 1:
        return {next(iter(component)): (0.0, 0.0)}
    if len(component) == 2:
        first, second = sorted(component)
        return {first: (0.0, 0.0), second: (2.0, 0.0)}
    # Kamada-Kawai keeps graph distances as drawing distances: two events between the same two
    # entities stay apart instead of falling on one spot, and a hub's neighbours spread around it
    if len(component) <= KAMADA_KAWAI_LIMIT:
        positions = nx.kamada_kawai_layout(component)
    else:  # Kamada-Kawai grows with the square of the nodes; a force layout scales further
        positions = nx.spring_layout(component, k=1.5 / math.sqrt(len(component)), iterations=200, seed=seed)
    import numpy as np

    nodes = list(positions)
    points = np.array([positions[n] for n in nodes])
    distances = np.linalg.norm(points[:, None, :] - points[None, :, :], axis=-1)
    np.fill_diagonal(distances, np.inf)
    nearest = distances.min(axis=1)
    # scale so that nearly every node has room for its label: the closest pairs end up
    # MIN_SPACING apart, unless that would make the component absurdly large
    scale = min(MIN_SPACING / max(float(np.percentile(nearest, 10)), 1e-6),
                4.0 * math.sqrt(len(nodes)) / max(float(np.ptp(points, axis=0).max()), 1e-6))
    points = (points - points.min(axis=0)) * scale
    return {n: (float(x), float(y)) for n, (x, y) in zip(nodes, points)}


def _layout(view: nx.MultiDiGraph, seed: int) -> dict[str, tuple[float, float]]:
    """Events sit between the entities they connect (a force layout per connected component);
    components are packed in rows, largest first, instead of drifting apart."""
    simple = nx.Graph(view.to_undirected())
    components = sorted((simple.subgraph(c) for c in nx.connected_components(simple)),
                        key=lambda c: (-len(c), sorted(c)[0]))
    boxes = []
    for component in components:
        positions = _component_layout(component, seed)
        width = max(p[0] for p in positions.values())
        height = max(p[1] for p in positions.values())
        boxes.append((positions, width, height))
    total_area = sum((w + 1.5) * (h + 1.5) for _, w, h in boxes)
    row_limit = max(max((w for _, w, _ in boxes), default=0.0), math.sqrt(total_area) * 1.3)
    placed: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    gap = 2.5  # room for the labels of neighbouring parts
    for positions, width, height in boxes:
        if x > 0 and x + width > row_limit:
            x, y, row_height = 0.0, y - row_height - gap, 0.0
        for node, (px, py) in positions.items():
            placed[node] = (x + px, y - height + py)
        x += width + gap
        row_height = max(row_height, height)
    return placed


def _wrap(text: str, width: int = 18) -> str:
    text = " ".join(str(text).split())
    lines = textwrap.wrap(text, width=width)[:3]
    return "\n".join(lines) if lines else text


def draw(graph: KnowledgeGraph | nx.MultiDiGraph, path: str | Path | None = None, *, ax: Axes | None = None,
         title: str | None = None, classes: list[str] | set[str] | None = None, focus: str | None = None,
         max_nodes: int | None = 80, include_isolated: bool = False, width: float | None = None,
         height: float | None = None, dpi: int = 150, seed: int = 7, font_size: float = 9.0) -> Axes:
    """Draw an event graph.

    Parameters
    ----------
    graph : KnowledgeGraph or networkx.MultiDiGraph
        The graph, or its NetworkX view.
    path : str or Path, optional
        Where to save the picture; the suffix (.png, .svg, .pdf) gives the format.
    ax : matplotlib Axes, optional
        Draw into these axes instead of a new figure.
    title : str, optional
        The picture's title (by default the article title, or a count of events and entities).
    classes : set of str, optional
        Draw only events of these classes ("Statement", "Deployment", ...).
    focus : str, optional
        Draw only the events around the entities whose label contains this text.
    max_nodes : int, optional
        Keep at most this many nodes, the most connected first (None: all).
    include_isolated : bool
        Also draw entities that take part in no event.
    width, height, dpi : picture size in inches and resolution (size grows with the graph by default).
    seed : int
        The layout's random seed: the same graph gives the same picture.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn into. The figure is never shown.
    """
    # a Figure of its own, not pyplot: no global state, no window, whatever the backend
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    if path is not None:
        check_picture_path(path)
    check_size(width=width, height=height, dpi=dpi)

    view = graph if isinstance(graph, nx.MultiDiGraph) else graph.to_networkx()
    default_title = None
    if not isinstance(graph, nx.MultiDiGraph):
        from rdflib.namespace import DCTERMS

        titles = [str(t) for t in graph.rdf.objects(None, DCTERMS.title)]
        default_title = titles[0] if len(titles) == 1 else None
    sub = _select(view, classes=set(classes) if classes else None, focus=focus, max_nodes=max_nodes,
                  include_isolated=include_isolated)
    positions = _layout(sub, seed)
    xs = [p[0] for p in positions.values()] or [0.0]
    ys = [p[1] for p in positions.values()] or [0.0]
    # about an inch per layout unit, so labels keep their size as the graph grows
    natural_width = min(max(8.0, (max(xs) - min(xs)) * INCHES_PER_UNIT + 3.5), 24.0)
    natural_height = min(max(6.0, (max(ys) - min(ys)) * INCHES_PER_UNIT + 2.0), 24.0)
    own_figure = ax is None
    if own_figure:
        fig = Figure(figsize=(width or natural_width, height or natural_height), dpi=dpi)
        ax = fig.subplots()
    else:
        fig = ax.figure

    # edges first, so nodes sit on top; parallel edges become separate arcs
    parallel: dict[tuple[str, str], list[str]] = {}
    for u, v, key in sub.edges(keys=True):
        parallel.setdefault((u, v), []).append(key)
    for (u, v), keys in parallel.items():
        for index, key in enumerate(sorted(keys)):
            rad = 0.0 if len(keys) == 1 else 0.25 * (index - (len(keys) - 1) / 2)
            style = f"arc3,rad={rad}"
            nx.draw_networkx_edges(sub, positions, edgelist=[(u, v, key)], ax=ax, arrows=True, arrowsize=10,
                                   edge_color="#555555", width=1.0, connectionstyle=style, node_size=500,
                                   alpha=0.8)
            nx.draw_networkx_edge_labels(sub, positions, edge_labels={(u, v, key): key}, ax=ax,
                                         connectionstyle=style, font_size=font_size - 1.5, font_color="#333333",
                                         bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85},
                                         rotate=False)

    present: dict[str, tuple[str, str, str]] = {}
    for node in sub:
        colour, shape = _style(sub, node)
        kind = sub.nodes[node].get("kind", "entity")
        size = 650 if kind == "event" else 520
        nx.draw_networkx_nodes(sub, positions, nodelist=[node], node_color=colour, node_shape=shape,
                               node_size=size, edgecolors="#222222", linewidths=0.8, ax=ax)
        present.setdefault(sub.nodes[node].get("cls", kind), (colour, shape, kind))

    for node, (x, y) in positions.items():
        data = sub.nodes[node]
        text = data.get("trigger") if data.get("kind") == "event" else data.get("label", node)
        weight = "bold" if data.get("kind") == "entity" else "normal"
        # just under the marker, whatever the picture's scale
        ax.annotate(_wrap(text or ""), (x, y), xytext=(0, -15), textcoords="offset points", ha="center",
                    va="top", fontsize=font_size, fontweight=weight, zorder=5,
                    bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.8})

    order = [c for c in ("Person", "Organization", "Place", *_CORE_EVENTS) if c in present]
    order += sorted(c for c in present if c not in order)
    handles = [Line2D([], [], linestyle="", marker=present[c][1], markersize=10, markerfacecolor=present[c][0],
                      markeredgecolor="#222222", label=("event: " if present[c][2] == "event" else "") + c)
               for c in order]
    if handles:
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False,
                  fontsize=font_size, title="classes", title_fontsize=font_size)
    events = sum(1 for n in sub if sub.nodes[n].get("kind") == "event")
    entities = len(sub) - events
    subtitle = f"{events} events, {entities} entities"
    if len(view) > len(sub):
        subtitle += f" (of {len(view)} nodes)"
    ax.set_title(f"{title or default_title or 'Event graph'}\n{subtitle}", fontsize=font_size + 3)
    ax.set_axis_off()
    ax.margins(0.08)
    if own_figure:
        fig.tight_layout()
    if path is not None:
        _save(fig, path, dpi)
    return ax


def _save(fig: Any, path: str | Path, dpi: int) -> None:
    """Save through a temporary file so that a failed write leaves no half picture."""
    import io

    from kgraph.files import write_atomically

    buffer = io.BytesIO()
    fig.savefig(buffer, format=Path(path).suffix.lower().lstrip("."), dpi=dpi, bbox_inches="tight")
    write_atomically(path, buffer.getvalue())


def draw_timeline(graph: KnowledgeGraph | nx.MultiDiGraph, path: str | Path | None = None, *, ax: Axes | None = None,
                  title: str | None = None, max_actors: int = 12, dpi: int = 150, width: float | None = None,
                  font_size: float = 9.0) -> Axes:
    """Events along a time axis, one row per actor.

    The axis is the calendar (``kg:date``) when every drawn event has a date; otherwise it is
    the order in which the articles tell the events (sentence by sentence), since news often
    gives no date at all. An event appears on the row of each of the ``max_actors`` entities
    that take part in most events, as its class's marker, labelled with its trigger word.

    Returns
    -------
    matplotlib.axes.Axes
    """
    import datetime as dt

    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    if path is not None:
        check_picture_path(path)
    check_size(width=width, dpi=dpi)
    view = graph if isinstance(graph, nx.MultiDiGraph) else graph.to_networkx()
    events = [n for n, d in view.nodes(data=True) if d.get("kind") == "event" and view.out_degree(n) > 0]
    involvement = {n: view.in_degree(n) for n, d in view.nodes(data=True) if d.get("kind") == "entity"}
    actors = sorted(involvement, key=lambda n: (-involvement[n], view.nodes[n]["label"]))[:max_actors]
    dated = all(view.nodes[e].get("date") for e in events) and bool(events)
    if dated:
        position = {e: dt.date.fromisoformat(str(view.nodes[e]["date"]).split(";")[0].strip()) for e in events}
    else:
        # article by article, sentence by sentence
        order = sorted(events, key=lambda e: (view.nodes[e].get("document", ""), view.nodes[e].get("begin", 0), e))
        position = {e: index for index, e in enumerate(order)}
    own_figure = ax is None
    if own_figure:
        fig = Figure(figsize=(width or min(max(8.0, 0.45 * len(events) + 4), 30.0), 1.0 + 0.55 * max(len(actors), 3)),
                     dpi=dpi)
        ax = fig.subplots()
    else:
        fig = ax.figure
    rows = {actor: index for index, actor in enumerate(reversed(actors))}
    present: dict[str, tuple[str, str]] = {}
    for event in events:
        cls = view.nodes[event].get("cls", "")
        colour, shape = CLASS_STYLE.get(cls, _OTHER_EVENT)
        present.setdefault(cls, (colour, shape))
        involved = sorted({t for _, t in view.out_edges(event) if t in rows}, key=rows.get)
        ys = [rows[a] for a in involved]
        if len(ys) > 1:  # one event, several actors: a line joins their markers
            ax.plot([position[event]] * 2, [min(ys), max(ys)], color=colour, linewidth=1.2, alpha=0.6, zorder=1)
        for y in ys:
            ax.scatter([position[event]], [y], marker=shape, s=90, c=colour, edgecolors="#222222", linewidths=0.7, zorder=3)
        if ys and len(events) <= MAX_TIMELINE_LABELS:
            ax.annotate(view.nodes[event].get("trigger", ""), (position[event], max(ys)), xytext=(0, 8),
                        textcoords="offset points", ha="center", fontsize=font_size - 1.5, rotation=35)
    ax.set_yticks(list(rows.values()), [view.nodes[a]["label"] for a in rows], fontsize=font_size)
    ax.set_ylim(-0.7, len(rows) - 0.3 + 0.6)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if dated:
        fig.autofmt_xdate()
        ax.set_xlabel("date (kg:date)", fontsize=font_size)
    else:
        ax.set_xticks([])
        ax.set_xlabel("order in which the articles tell the events (no dates given)", fontsize=font_size)
    handles = [Line2D([], [], linestyle="", marker=present[c][1], markersize=9, markerfacecolor=present[c][0],
                      markeredgecolor="#222222", label=c) for c in _CORE_EVENTS if c in present]
    handles += [Line2D([], [], linestyle="", marker=present[c][1], markersize=9, markerfacecolor=present[c][0],
                       markeredgecolor="#222222", label=c) for c in sorted(present) if c not in _CORE_EVENTS]
    if handles:
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=font_size,
                  title="events", title_fontsize=font_size)
    ax.set_title(f"{title or 'Timeline'}\n{len(events)} events of the {len(actors)} most involved actors",
                 fontsize=font_size + 3)
    if own_figure:
        fig.tight_layout()
    if path is not None:
        _save(fig, path, dpi)
    return ax
