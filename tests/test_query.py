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


# -- hostile queries: each ends in bounded time with one line ------------------------------------
BACKTRACKING = 'SELECT * WHERE { BIND("%sb" AS ?s) FILTER(REGEX(?s, "^(a+)+$")) }' % ("a" * 40)
VALUES_PRODUCT = ("SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(
    "VALUES ?%s { %s }" % (v, " ".join(str(i) for i in range(200))) for v in "abcd") + " }")


@pytest.mark.parametrize("query", [BACKTRACKING, VALUES_PRODUCT], ids=["regex-backtracking", "values-product"])
def test_the_deadline_stops_what_the_engine_cannot_interrupt(example_graph, tmp_path, capsys, query):
    import time

    from kgraph.cli import main
    from kgraph.errors import QueryTimeout

    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="longer than 1 s"):
        example_graph.query(query, timeout=1)
    assert time.monotonic() - started < 4
    path = tmp_path / "g.ttl"
    example_graph.serialize(path)
    started = time.monotonic()
    assert main(["query", str(path), query, "--timeout", "1"]) == 2
    assert time.monotonic() - started < 6
    assert capsys.readouterr().err.strip() == "kgraph: the query ran longer than 1 s and was stopped"


@pytest.mark.parametrize("query", [
    "SELECT * WHERE " + "{ " * 40 + "?s ?p ?o" + " }" * 40,
    "SELECT * WHERE { FILTER(" + "(" * 2000 + "1" + ")" * 2000 + ") }",
    "ASK { " + "OPTIONAL { " * 200 + "?s ?p ?o" + " }" * 200 + " }",
], ids=["40-groups", "2000-parentheses", "200-optionals"])
def test_deeply_nested_queries_are_one_line(example_graph, tmp_path, capsys, query):
    from kgraph.cli import main

    with pytest.raises(QueryError, match="nested too deeply"):
        example_graph.query(query)
    path = tmp_path / "g.ttl"
    example_graph.serialize(path)
    assert main(["query", str(path), query]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kgraph: ") and "nested too deeply" in err and err.count("\n") == 1


def test_a_query_must_be_text(example_graph):
    for query in (123, None, b"SELECT * WHERE { ?s ?p ?o }"):
        with pytest.raises(QueryError, match="a query is SPARQL text"):
            example_graph.query(query)


def test_a_query_file_that_is_not_utf8_is_one_line(example_graph, tmp_path, capsys):
    from kgraph.cli import main

    query_file = tmp_path / "q.rq"
    query_file.write_bytes("SELECT ?s WHERE { ?s rdfs:label \"Genève\" }".encode("latin-1"))
    with pytest.raises(QueryError, match="is not UTF-8 text"):
        example_graph.query(str(query_file))
    path = tmp_path / "g.ttl"
    example_graph.serialize(path)
    assert main(["query", str(path), str(query_file)]) == 2
    assert capsys.readouterr().err.strip().startswith(f"kgraph: {query_file}: is not UTF-8 text")


# -- endpoints that are not what they claim ------------------------------------------------------
@pytest.fixture()
def fake_endpoint():
    """A loopback server answering every POST with what the test put in ``answer`` (a status,
    a content type, a body, and whether to drip the body one byte at a time)."""
    import http.server
    import threading
    import time

    answer = {"status": 200, "type": "application/sparql-results+json", "body": b"{}", "drip": False}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (the http.server API)
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.send_response(answer["status"])
            self.send_header("Content-Type", answer["type"])
            self.end_headers()
            try:
                if answer["drip"]:
                    while True:  # a byte every half second, forever
                        self.wfile.write(b" ")
                        self.wfile.flush()
                        time.sleep(0.5)
                self.wfile.write(answer["body"])
            except OSError:
                pass

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/query", answer
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(("kind", "body"), [
    ("text/html", b"<!doctype html><html><body>Welcome</body></html>"),
    ("application/json", b'{"results": {"bindings": []}}'),
    ("application/octet-stream", bytes(range(256)) * 4),
    ("application/sparql-results+json", b'{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": 3}]}}'),
], ids=["html", "json-without-head", "binary", "bad-binding"])
def test_an_endpoint_answering_something_else_is_one_line(fake_endpoint, capsys, kind, body):
    from kgraph.cli import main
    from kgraph.graph.remote import query_endpoint

    url, answer = fake_endpoint
    answer.update(type=kind, body=body)
    with pytest.raises(QueryError, match="not SPARQL JSON results"):
        query_endpoint(url, "SELECT ?x WHERE { ?x ?p ?o }")
    assert main(["query", "--endpoint", url, "SELECT ?x WHERE { ?x ?p ?o }"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"kgraph: {url}: the answer is not SPARQL JSON results") and err.count("\n") == 1


def test_an_endpoint_that_drips_is_stopped_by_the_deadline(fake_endpoint, capsys):
    import time

    from kgraph.cli import main

    url, answer = fake_endpoint
    answer["drip"] = True
    started = time.monotonic()
    assert main(["query", "--endpoint", url, "ASK { ?s ?p ?o }", "--timeout", "2"]) == 2
    assert time.monotonic() - started < 6
    assert capsys.readouterr().err.strip() == f"kgraph: {url}: no whole answer within 2 s"


@pytest.mark.parametrize("argv", [["query", "--endpoint", "not a url", "ASK { ?s ?p ?o }"],
                                  ["query", "--endpoint", "ftp://host/query", "ASK { ?s ?p ?o }"],
                                  ["push", "{graph}", "--endpoint", "not a url"],
                                  ["push", "{graph}", "--endpoint", "http://host:port/"]])
def test_an_address_that_is_not_a_url_is_one_line(example_graph, tmp_path, capsys, argv):
    from kgraph.cli import main

    path = tmp_path / "g.ttl"
    example_graph.serialize(path)
    assert main([a.replace("{graph}", str(path)) for a in argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kgraph: ") and ("not an http:// or https:// address" in err or "port" in err)
    assert err.count("\n") == 1
