"""The interactive HTML view: self-contained, and working in a real browser (headless Chromium)."""
from __future__ import annotations

import json
import re
import shutil
import subprocess

import numpy as np
import pytest
from PIL import Image

from kgraph.draw import CLASS_STYLE
from kgraph.interactive import to_html

CHROMIUM = next((shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome") if shutil.which(name)), None)
needs_browser = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium here; .ci/run installs Debian's chromium package")
# a browser that reaches for nothing: no network, no first-run work, a fresh profile
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars"]


@pytest.fixture(scope="module")
def page(example_graph, tmp_path_factory):
    path = tmp_path_factory.mktemp("html") / "graph.html"
    to_html(example_graph, path, title="Unrest in Kazakhstan")
    return path


def _browser(tmp_path, *args):
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
                          capture_output=True, text=True, timeout=120, check=True)


def test_page_is_self_contained(page):
    text = page.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?https?:""", text)
    assert "@import" not in text and "url(http" not in text
    assert "default-src 'none'" in text  # the page may load nothing from anywhere
    data = json.loads(re.search(r'<script id="data" type="application/json">(.*?)</script>', text, re.S).group(1))
    assert {n["cls"] for n in data["nodes"]} >= {"Person", "Statement", "Deployment"}
    assert all(n["sentence"] for n in data["nodes"] if n["kind"] == "event")


@needs_browser
def test_screenshot_shows_the_drawn_nodes(page, tmp_path):
    shot = tmp_path / "shot.png"
    _browser(tmp_path, "--window-size=1400,1000", f"--screenshot={shot}", page.as_uri())
    image = np.asarray(Image.open(shot).convert("RGB")).astype(int)
    for cls in ("Statement", "Person", "Place", "Deployment"):
        colour = np.array([int(CLASS_STYLE[cls][0][i:i + 2], 16) for i in (1, 3, 5)])
        assert (np.abs(image - colour).sum(axis=2) < 20).sum() > 150, cls


@needs_browser
def test_drag_hover_and_filter_work_in_the_browser(page, tmp_path):
    probe = tmp_path / "probe.html"
    script = """<script>
      const first = [...kgraph.nodes.values()].find(n => n.data.kind === "event" && n.data.cls === "Deployment");
      kgraph.moveNode(first.data.id, 123, 45);
      const moved = first.g.getAttribute("transform");
      const tip = kgraph.tooltipFor(first.data.id);
      kgraph.filterClass("Statement", false);
      const statements = [...kgraph.nodes.values()].filter(n => n.data.cls === "Statement");
      const result = {moved, tip, hidden: statements.every(n => n.g.style.display === "none"),
                      shown: [...kgraph.nodes.values()].filter(n => n.g.style.display !== "none").length,
                      boxes: document.querySelectorAll("#legend input").length};
      document.body.setAttribute("data-result", JSON.stringify(result));
    </script></body>"""
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", script), encoding="utf-8")
    dom = _browser(tmp_path, "--window-size=1400,1000", "--dump-dom", probe.as_uri()).stdout
    raw = re.search(r'data-result="([^"]*)"', dom).group(1)
    result = json.loads(raw.replace("&quot;", '"').replace("&amp;", "&"))
    assert result["moved"] == "translate(123,45)"
    assert result["tip"].startswith("Deployment: “") and "troops" in result["tip"]
    assert result["hidden"] and result["shown"] > 5
    assert result["boxes"] >= 8


def test_text_that_html_would_read_as_markup_cannot_break_the_page(tmp_path):
    import kgraph

    # "<!--" then "<script" inside a script element makes the HTML parser swallow what follows
    graph = kgraph.build(['Russia deployed troops in Syria, the ministry said in a note "<!--<script>alert(1)</script>".'])
    path = tmp_path / "view.html"
    to_html(graph, path)
    text = path.read_text(encoding="utf-8")
    data_script = re.search(r'<script id="data" type="application/json">(.*?)</script>', text, re.S).group(1)
    assert "<" not in data_script and ">" not in data_script
    assert any("<!--<script>" in n["sentence"] for n in json.loads(data_script)["nodes"] if n["kind"] == "event")
    assert text.count("<script") == 2 and text.count("</script>") == 2  # the data and the page's own code


@needs_browser
def test_a_page_with_markup_in_its_sentences_still_draws(tmp_path):
    import kgraph

    graph = kgraph.build(['Russia deployed troops in Syria, the ministry said in a note "<!--<script>x</script>".'])
    path = tmp_path / "view.html"
    to_html(graph, path)
    dom = _browser(tmp_path, "--dump-dom", path.as_uri()).stdout
    assert dom.count('class="entity"') >= 2 and dom.count('class="event"') >= 1
