"""An interactive view of an event graph: one self-contained HTML file.

The file needs nothing from the network when opened: the layout is computed here (the same as
the pictures'), the data is embedded as JSON, and a few lines of plain JavaScript draw it as SVG.
Nodes can be dragged, hovering an event shows the sentence it was read from (hovering an entity
shows its other names), and the legend's boxes show or hide each class.

Examples
--------
>>> import kgraph, tempfile
>>> from pathlib import Path
>>> graph = kgraph.build(["Russia deployed troops in Syria."])
>>> path = Path(tempfile.mkdtemp()) / "graph.html"
>>> to_html(graph, path)
>>> "http://" in path.read_text(encoding="utf-8").replace("http://www.w3.org/2000/svg", "")
False
"""
from __future__ import annotations

import html
import json
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

if TYPE_CHECKING:
    from kgraph.graph.model import KnowledgeGraph

__all__ = ["to_html"]

_SHAPES = {"o": "circle", "s": "square", "^": "triangle", "D": "diamond"}

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<style>
 body {{ margin: 0; font: 13px/1.35 system-ui, sans-serif; color: #222; background: #fff; }}
 header {{ padding: 8px 14px; border-bottom: 1px solid #ddd; }}
 header h1 {{ font-size: 16px; margin: 0 0 2px; }}
 #legend {{ position: absolute; top: 60px; right: 12px; background: #fffe; border: 1px solid #ddd; padding: 6px 10px; }}
 #legend label {{ display: block; cursor: pointer; }}
 #legend svg {{ vertical-align: middle; margin-right: 4px; }}
 #tip {{ position: absolute; display: none; max-width: 420px; background: #fff; border: 1px solid #888;
        padding: 6px 8px; box-shadow: 0 2px 6px #0003; pointer-events: none; }}
 svg#graph {{ width: 100%; height: calc(100vh - 52px); display: block; }}
 .node {{ cursor: grab; stroke: #222; stroke-width: 1; }}
 .edge {{ stroke: #777; stroke-width: 1.1; }}
 .role {{ fill: #444; font-size: 10px; text-anchor: middle; paint-order: stroke; stroke: #fff; stroke-width: 3px; }}
 .name {{ font-size: 12px; text-anchor: middle; paint-order: stroke; stroke: #fff; stroke-width: 3px; }}
 .entity .name {{ font-weight: bold; }}
</style></head>
<body>
<header><h1>{title}</h1><span id="summary">{summary}</span> &middot; drag nodes, hover for the source sentence, tick classes in the legend</header>
<div id="legend"></div><div id="tip"></div>
<svg id="graph" xmlns="http://www.w3.org/2000/svg"><g id="edges"></g><g id="nodes"></g></svg>
<script id="data" type="application/json">{data}</script>
<script>
"use strict";
const kgraph = (() => {{
  const data = JSON.parse(document.getElementById("data").textContent);
  const NS = "http://www.w3.org/2000/svg";
  const svg = document.getElementById("graph"), tip = document.getElementById("tip");
  const hidden = new Set(), nodes = new Map(), edges = [];
  const el = (name, attrs, parent) => {{
    const e = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (parent) parent.appendChild(e);
    return e;
  }};
  const marker = (shape, size) => {{
    const r = size;
    if (shape === "circle") return ["circle", {{r: r}}];
    if (shape === "square") return ["rect", {{x: -r, y: -r, width: 2 * r, height: 2 * r}}];
    if (shape === "triangle") return ["polygon", {{points: `0,${{-r * 1.2}} ${{r * 1.1}},${{r * 0.8}} ${{-r * 1.1}},${{r * 0.8}}`}}];
    return ["polygon", {{points: `0,${{-r * 1.3}} ${{r * 1.3}},0 0,${{r * 1.3}} ${{-r * 1.3}},0`}}];
  }};
  // scale the layout to the window
  const box = svg.getBoundingClientRect();
  const xs = data.nodes.map(n => n.x), ys = data.nodes.map(n => n.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = Math.min((box.width - 380) / Math.max(x1 - x0, 1), (box.height - 90) / Math.max(y1 - y0, 1));
  const place = n => [100 + (n.x - x0) * scale, 40 + (y1 - n.y) * scale];
  for (const n of data.nodes) {{
    const [x, y] = place(n);
    const g = el("g", {{class: n.kind, transform: `translate(${{x}},${{y}})`, "data-id": n.id, "data-cls": n.cls}}, document.getElementById("nodes"));
    const [tag, attrs] = marker(n.shape, n.kind === "event" ? 9 : 10);
    el(tag, Object.assign({{class: "node", fill: n.colour}}, attrs), g);
    el("text", {{class: "name", y: 26}}, g).textContent = n.kind === "event" ? n.trigger : n.label;
    nodes.set(n.id, {{data: n, g: g, x: x, y: y}});
  }}
  for (const e of data.edges) {{
    const line = el("line", {{class: "edge"}}, document.getElementById("edges"));
    const text = el("text", {{class: "role"}}, document.getElementById("edges"));
    text.textContent = e.role;
    edges.push({{data: e, line: line, text: text}});
  }}
  const redraw = () => {{
    // parallel edges between the same pair get their labels spread along the line
    const seen = new Map();
    for (const e of edges) {{
      const a = nodes.get(e.data.source), b = nodes.get(e.data.target);
      const key = e.data.source + "|" + e.data.target, index = seen.get(key) || 0;
      seen.set(key, index + 1);
      e.line.setAttribute("x1", a.x); e.line.setAttribute("y1", a.y);
      e.line.setAttribute("x2", b.x); e.line.setAttribute("y2", b.y);
      const t = 0.5 + 0.15 * index;
      e.text.setAttribute("x", a.x + (b.x - a.x) * t); e.text.setAttribute("y", a.y + (b.y - a.y) * t);
      const show = !hidden.has(a.data.cls) && !hidden.has(b.data.cls);
      e.line.style.display = e.text.style.display = show ? "" : "none";
    }}
    for (const n of nodes.values()) {{
      n.g.setAttribute("transform", `translate(${{n.x}},${{n.y}})`);
      n.g.style.display = hidden.has(n.data.cls) ? "none" : "";
    }}
  }};
  // dragging
  let dragged = null;
  svg.addEventListener("pointerdown", ev => {{
    const g = ev.target.closest("g[data-id]");
    if (g) {{ dragged = nodes.get(g.dataset.id); svg.setPointerCapture(ev.pointerId); }}
  }});
  svg.addEventListener("pointermove", ev => {{
    if (dragged) {{
      const r = svg.getBoundingClientRect();
      moveNode(dragged.data.id, ev.clientX - r.left, ev.clientY - r.top);
    }}
  }});
  svg.addEventListener("pointerup", () => {{ dragged = null; }});
  // hover: where the event was read, or the entity's other names
  const tooltipFor = id => {{
    const n = nodes.get(id).data;
    return n.kind === "event" ? `${{n.cls}}: \u201c${{n.sentence}}\u201d` : `${{n.cls}}: ${{n.label}}${{n.aliases ? " (also " + n.aliases + ")" : ""}}`;
  }};
  svg.addEventListener("mouseover", ev => {{
    const g = ev.target.closest("g[data-id]");
    if (!g) return;
    tip.textContent = tooltipFor(g.dataset.id);
    tip.style.display = "block";
    tip.style.left = (ev.pageX + 12) + "px"; tip.style.top = (ev.pageY + 12) + "px";
  }});
  svg.addEventListener("mouseout", () => {{ tip.style.display = "none"; }});
  // legend with a box per class
  const legend = document.getElementById("legend");
  for (const c of data.classes) {{
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox"; box.checked = true; box.dataset.cls = c.cls;
    box.addEventListener("change", () => filterClass(c.cls, box.checked));
    const icon = el("svg", {{width: 18, height: 18}});
    const g = el("g", {{transform: "translate(9,9)"}}, icon);
    const [tag, attrs] = marker(c.shape, 6);
    el(tag, Object.assign({{class: "node", fill: c.colour}}, attrs), g);
    label.append(box, icon, (c.kind === "event" ? "event: " : "") + c.cls);
    legend.appendChild(label);
  }}
  function moveNode(id, x, y) {{ const n = nodes.get(id); n.x = x; n.y = y; redraw(); }}
  function filterClass(cls, visible) {{ visible ? hidden.delete(cls) : hidden.add(cls); redraw(); }}
  redraw();
  return {{moveNode, filterClass, tooltipFor, nodes, edges}};
}})();
</script>
</body></html>
"""


def to_html(graph: KnowledgeGraph | nx.MultiDiGraph, path: str | Path, *, title: str | None = None,
            max_nodes: int | None = 300, include_isolated: bool = False, classes: list[str] | set[str] | None = None,
            focus: str | None = None) -> None:
    """Write the graph as one self-contained, interactive HTML file; ``classes``, ``focus`` and
    ``max_nodes`` select what is shown as for :func:`kgraph.draw.draw`."""
    from kgraph.draw import CLASS_STYLE, _layout, _select, _style
    from kgraph.files import write_atomically

    view = graph if isinstance(graph, nx.MultiDiGraph) else graph.to_networkx()
    sub = _select(view, classes=set(classes) if classes else None, focus=focus, max_nodes=max_nodes,
                  include_isolated=include_isolated)
    positions = _layout(sub, seed=7)
    aliases: dict[str, str] = {}
    if not isinstance(graph, nx.MultiDiGraph):
        from rdflib import URIRef

        from kgraph.graph.namespace import KG

        for node in sub:
            names = sorted(str(a) for a in graph.rdf.objects(URIRef(node), KG.alias))
            if names:
                aliases[node] = ", ".join(names[:6])
    nodes, classes = [], {}
    for node, data in sub.nodes(data=True):
        colour, shape = _style(sub, node)
        x, y = positions[node]
        nodes.append({"id": node, "kind": data.get("kind"), "cls": data.get("cls"), "label": data.get("label", ""),
                      "trigger": data.get("trigger", ""), "sentence": data.get("sentence", ""), "colour": colour,
                      "shape": _SHAPES.get(shape, "circle"), "x": round(x, 3), "y": round(y, 3),
                      "aliases": aliases.get(node, "")})
        classes.setdefault(data.get("cls"), {"cls": data.get("cls"), "kind": data.get("kind"), "colour": colour,
                                             "shape": _SHAPES.get(shape, "circle")})
    order = list(CLASS_STYLE)
    ordered = sorted(classes.values(), key=lambda c: (order.index(c["cls"]) if c["cls"] in order else len(order), c["cls"]))
    edges = [{"source": u, "target": v, "role": key} for u, v, key in sub.edges(keys=True)]
    events = sum(1 for n in nodes if n["kind"] == "event")
    payload = json.dumps({"nodes": nodes, "edges": edges, "classes": ordered}, ensure_ascii=False)
    # the JSON sits inside a <script> element, where "</script>", and "<!--" followed by "<script",
    # change how the page's own script is read: no "<" is left for the HTML parser to see
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    page = _PAGE.format(title=html.escape(title or "Event graph"), data=payload,
                        summary=f"{events} events, {len(nodes) - events} entities")
    write_atomically(path, page.encode("utf-8"))
