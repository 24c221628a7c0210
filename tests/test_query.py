"""SPARQL: shipped queries by name, any SELECT / ASK / CONSTRUCT, and refusals for unsafe queries."""
from __future__ import annotations

import csv
import io
import json

import pytest

import kgraph
from kgraph.errors import QueryError


def test_who_said_what_to_whom_lists_tokayev_to_mitchell(example_graph):
    rows = [r for r in example_graph.query(kgraph.queries.WHO_SAID_WHAT_TO_WHOM)
            if r["speaker"] == "Qasim Jomart Tokayev" and r["addressee"] == "Charles Mitchell"]
    contents = " | ".join(r["content"] for r in rows)
    assert len(rows) == 3
    assert "terrorist attack" in contents and "billion dollars" in contents and "strategic installations" in contents
    phone = next(r for r in rows if "terrorist" in r["content"])
    assert (phone["medium"], phone["time"], phone["source"]) == ("telephone conversation", "Monday", "AFP")


def test_who_deployed_where(example_graph):
    rows = example_graph.query("who-deployed-where").rows
    assert {(r["agent"], r["theme"], r["destination"]) for r in rows} == {
        ("Collective Security Treaty Organization", "troops", "Kazakhstan"),
        ("Collective Security Treaty Organization", "military equipment", "Kazakhstan")}
    assert any(r["requester"] == "Qasim Jomart Tokayev" for r in rows)


def test_every_shipped_query_runs(example_graph):
    for name in kgraph.queries.names():
        result = example_graph.query(name)
        assert result.rows, name


def test_ask_and_construct(example_graph):
    assert example_graph.query("ASK { ?e a kg:Deployment }").boolean is True
    constructed = example_graph.query("CONSTRUCT { ?p a kg:Person } WHERE { ?p a kg:Person }")
    assert constructed.graph is not None and len(constructed.graph) >= 4


def test_output_formats(example_graph):
    result = example_graph.query("SELECT ?label WHERE { ?p a kg:Place ; rdfs:label ?label } ORDER BY ?label")
    rows = list(csv.reader(io.StringIO(result.to_csv())))
    assert rows[0] == ["label"] and ["Kazakhstan"] in rows
    assert {"label": "Almaty"} in json.loads(result.to_json())
    table = result.to_table().splitlines()
    assert table[0].strip() == "label" and set(table[1]) == {"-"} and table[-1].endswith("rows)")


@pytest.mark.parametrize(("query", "message"), [
    ("SELEC ?s WHERE { ?s ?p ?o }", "syntax error at line 1, column 1"),
    ("SELECT ?s WHERE {\n ?s ?p \n}", "line"),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "update queries"),
    ("DELETE WHERE { ?s ?p ?o }", "update queries"),
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
    ("SELECT * FROM <http://example.org/data.ttl> WHERE { ?s ?p ?o }", "FROM"),
    ("no-such-query", "neither a shipped query"),
    ("missing.rq", "query file not found"),
])
def test_bad_or_unsafe_queries_are_refused(example_graph, query, message):
    size = len(example_graph)
    with pytest.raises(QueryError, match=message):
        example_graph.query(query)
    assert len(example_graph) == size


def test_query_from_a_file(example_graph, tmp_path):
    path = tmp_path / "people.rq"
    path.write_text("SELECT (COUNT(?p) AS ?n) WHERE { ?p a kg:Person }", encoding="utf-8")
    (row,) = example_graph.query(str(path)).rows
    assert row["n"] >= 4


def test_paging_the_rows_of_an_in_memory_graph(example_graph):
    everything = example_graph.query("events").rows
    first = example_graph.query("events", limit=5)
    rest = example_graph.query("events", limit=1000, offset=5)
    assert len(first.rows) == 5 and first.more and not rest.more
    # pages of a shipped query come unsorted (sorting needs every row first), together all rows once
    assert sorted(map(repr, first.rows + rest.rows)) == sorted(map(repr, everything))
    # a query's own ORDER BY is kept when the user writes it
    ordered = example_graph.query("SELECT ?t WHERE { ?e kg:trigger ?t } ORDER BY ?t", limit=3).rows
    assert ordered == sorted(ordered, key=lambda r: r["t"])
    with pytest.raises(ValueError):
        example_graph.query("events", limit=-2)
