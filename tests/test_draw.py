"""Pictures: the right formats, real drawn content, a legend, a title, and clear errors."""
from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure
from PIL import Image

from kgraph.draw import CLASS_STYLE, draw
from kgraph.errors import OutputFormatError


def test_png_shows_the_graph_with_a_legend(example_graph, tmp_path):
    path = tmp_path / "g.png"
    ax = example_graph.draw(path)
    image = np.asarray(Image.open(path).convert("RGB"))
    assert image.shape[0] > 800 and image.shape[1] > 800
    non_white = (image < 245).any(axis=2).mean()
    assert 0.01 < non_white < 0.5  # drawn, and not a solid block
    # the class colours are really on the picture
    for cls in ("Statement", "Deployment", "Person"):
        colour = np.array([int(CLASS_STYLE[cls][0][i:i + 2], 16) for i in (1, 3, 5)])
        assert (np.abs(image.astype(int) - colour).sum(axis=2) < 30).sum() > 100, cls
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert {"Person", "Organization", "Place", "event: Statement", "event: Deployment"} <= set(legend)
    labels = {t.get_text() for t in ax.texts}
    assert {"Charles Mitchell", "Kazakhstan"} <= labels
    assert "Event graph" in ax.get_title()


def test_edges_carry_role_names_and_parallel_edges_get_their_own_label(tmp_path):
    import kgraph

    graph = kgraph.build(["According to Reuters, Reuters said the talks failed."])
    ax = graph.draw(tmp_path / "g.png")
    role_labels = [t.get_text() for t in ax.texts if t.get_text() in {"speaker", "source"}]
    assert sorted(role_labels) == ["source", "speaker"]


@pytest.mark.parametrize("suffix", [".svg", ".pdf"])
def test_vector_formats(example_graph, tmp_path, suffix):
    path = tmp_path / f"g{suffix}"
    example_graph.draw(path)
    head = path.read_bytes()[:200]
    assert (b"<svg" in path.read_bytes()[:2000]) if suffix == ".svg" else head.startswith(b"%PDF")


def test_focus_and_classes_select_part_of_the_graph(example_graph):
    focused = draw(example_graph, focus="Lavrov")
    labels = {t.get_text() for t in focused.texts}
    assert "Sergei Lavrov" in labels and "Charles Mitchell" not in labels
    deployments = draw(example_graph, classes=["Deployment"])
    assert {t.get_text() for t in deployments.get_legend().get_texts()} >= {"event: Deployment"}
    assert "event: Statement" not in {t.get_text() for t in deployments.get_legend().get_texts()}


@pytest.mark.parametrize(("option", "message"), [
    (["--focus", "Nobody"], "focus 'Nobody': no entity's name contains it (the most connected: "),
    (["--classes", "Riot", "Arrest"], "classes Arrest, Riot: the graph has no event of these classes (it has "),
])
def test_a_selection_that_matches_nothing_is_an_error(example_graph, tmp_path, capsys, option, message):
    from kgraph.cli import main

    graph_file = tmp_path / "g.ttl"
    example_graph.serialize(graph_file)
    for picture in ("g.png", "g.html"):
        assert main(["draw", str(graph_file), "-o", str(tmp_path / picture), *option]) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"kgraph: {message}") and err.count("\n") == 1
        assert not (tmp_path / picture).exists()


@pytest.mark.parametrize("option", [["--dpi", "0"], ["--dpi", "x"], ["--width", "nan"], ["--height", "-1"],
                                    ["--width", "inf"], ["--max-nodes", "-3"]])
def test_a_picture_size_no_one_can_draw_is_one_line(example_graph, tmp_path, capsys, option):
    from kgraph.cli import main

    graph_file = tmp_path / "g.ttl"
    example_graph.serialize(graph_file)
    assert main(["draw", str(graph_file), "-o", str(tmp_path / "g.png"), *option]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"kgraph: argument {option[0]}: ") and err.count("\n") == 1
    assert not (tmp_path / "g.png").exists()
    with pytest.raises(ValueError):
        draw(example_graph, **{option[0][2:].replace("-", "_"): float(option[1]) if option[1] != "x" else "x"})


def test_draws_into_given_axes(example_graph):
    figure = Figure()
    ax = figure.subplots()
    assert example_graph.draw(ax=ax) is ax


def test_unknown_picture_format(example_graph, tmp_path):
    with pytest.raises(OutputFormatError, match="unknown picture format '.gif'"):
        example_graph.draw(tmp_path / "g.gif")
    assert not (tmp_path / "g.gif").exists()


def test_timeline_rows_are_the_most_involved_actors(example_graph, tmp_path):
    from kgraph.draw import draw_timeline

    path = tmp_path / "timeline.png"
    ax = draw_timeline(example_graph, path, max_actors=5)
    rows = [t.get_text() for t in ax.get_yticklabels()]
    assert len(rows) == 5 and rows[-1] in {"Qasim Jomart Tokayev", "Kazakhstan"}
    assert "order in which" in ax.get_xlabel()
    assert {"Statement", "Deployment"} <= {t.get_text() for t in ax.get_legend().get_texts()}
    image = np.asarray(Image.open(path).convert("RGB"))
    assert (image < 245).any(axis=2).mean() > 0.01


def test_timeline_uses_dates_when_every_event_has_one():
    import datetime as dt

    import kgraph
    from kgraph.draw import draw_timeline
    from kgraph.text import document_from_text

    graph = kgraph.build([document_from_text("Russia deployed troops in Syria on Monday. Iran sent drones to Russia on Friday.",
                                             created=dt.date(2023, 3, 11))])
    ax = draw_timeline(graph)
    assert ax.get_xlabel() == "date (kg:date)"


def test_picture_of_a_construct_result(example_graph, tmp_path):
    part = example_graph.construct("""CONSTRUCT { ?e kg:agent ?a ; kg:destination ?d } WHERE {
                                        ?e a kg:Deployment ; kg:agent ?a ; kg:destination ?d }""")
    view = part.to_networkx()
    assert {d["cls"] for _, d in view.nodes(data=True)} == {"Deployment", "Organization", "Place"}
    ax = part.draw(tmp_path / "construct.png")
    assert {"event: Deployment", "Organization", "Place"} == {t.get_text() for t in ax.get_legend().get_texts()}
    with pytest.raises(Exception, match="use CONSTRUCT"):
        example_graph.construct("SELECT * WHERE { ?s ?p ?o }")


def test_big_graphs_are_cut_to_whole_connected_events():
    import networkx as nx

    from kgraph.draw import _select

    view = nx.MultiDiGraph()
    for index in range(250):  # 250 events, 300 entities: far more than a picture can hold
        event = f"event{index}"
        view.add_node(event, kind="event", cls="Statement", trigger="said", label="said")
        for role, entity in (("speaker", f"person{index % 40}"), ("addressee", f"person{(index * 7) % 300}")):
            view.add_node(entity, kind="entity", cls="Person", label=entity)
            view.add_edge(event, entity, key=role, role=role)
    sub = _select(view, classes=None, focus=None, max_nodes=80, include_isolated=False)
    assert 40 <= len(sub) <= 80
    assert all(sub.degree(n) > 0 for n in sub)
    for event in (n for n, d in sub.nodes(data=True) if d["kind"] == "event"):
        assert set(sub.successors(event)) == set(view.successors(event))  # events are kept whole
    ax = draw(sub)
    assert len([t for t in ax.texts if t.get_text() == "said"]) == sum(1 for _, d in sub.nodes(data=True) if d["kind"] == "event")
