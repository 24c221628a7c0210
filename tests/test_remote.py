"""Push to, and query, a real SPARQL 1.1 server: Oxigraph's, started on loopback by the test."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

import kgraph
from kgraph.cli import main
from kgraph.graph.remote import push, query_endpoint

SERVER = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
pytestmark = pytest.mark.skipif(not Path(SERVER).exists(), reason="the oxigraph server (PyPI 'oxigraph', a test extra) is not installed")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture()
def server(tmp_path):
    port = _free_port()
    process = subprocess.Popen([SERVER, "serve", "--location", str(tmp_path / "data"), "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:  # wait until it answers, 30 s at most
        try:
            urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1).read()
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail("the oxigraph server did not start")
            time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(timeout=10)


TEXTS = ["Russia deployed troops in Syria.", "Angela Merkel told reporters that the talks had failed."]


@pytest.mark.parametrize("protocol", ["graph-store", "update"])
def test_push_then_query_the_server(server, protocol):
    graph = kgraph.build(TEXTS)
    assert push(graph.rdf, server, protocol=protocol) == 2
    rows = query_endpoint(f"{server}/query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows
    assert rows[0]["n"] > 0
    union = query_endpoint(f"{server}/query", "SELECT ?g WHERE { GRAPH ?g { ?d a kg:Document } }").rows
    assert len(union) == 2  # one named graph per document
    said = query_endpoint(f"{server}/query", """SELECT ?speaker ?content WHERE {
        { ?e a kg:Statement ; kg:content ?content ; kg:speaker ?s } UNION { GRAPH ?g { ?e a kg:Statement ; kg:content ?content ; kg:speaker ?s } }
        { ?s rdfs:label ?speaker } UNION { GRAPH ?h { ?s rdfs:label ?speaker } } }""").rows
    assert {"speaker": "Angela Merkel", "content": "the talks had failed"} in said


def test_push_and_query_on_the_command_line(server, tmp_path, capsys):
    source = tmp_path / "g.ttl"
    kgraph.build(TEXTS).serialize(source)
    assert main(["push", str(source), "--endpoint", server, "-q"]) == 0
    assert main(["query", "--endpoint", f"{server}/query", "ASK { GRAPH ?g { ?e a kg:Deployment } }"]) == 0
    assert capsys.readouterr().out.strip() == "yes"
    assert main(["push", str(source), "--endpoint", "http://127.0.0.1:9"]) == 2
    assert "cannot reach the server" in capsys.readouterr().err
