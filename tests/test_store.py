"""The on-disk store: add without rebuilding, one transaction per article, queries like a graph."""
from __future__ import annotations

import pytest
from rdflib import RDFS
from rdflib.compare import isomorphic

import kgraph
from conftest import integers_as_integer
from kgraph.cli import main
from kgraph.store import Store

TEXTS = ["Chancellor Olaf Scholz met Emmanuel Macron in Paris on Monday.", "Scholz said the talks went well.",
         "Russia deployed troops in Syria."]


def test_store_answers_like_the_in_memory_graph(tmp_path):
    store = Store(tmp_path / "store")
    assert store.add_texts(TEXTS) == 3
    memory = kgraph.build(TEXTS)
    assert isomorphic(integers_as_integer(store.to_graph()), integers_as_integer(memory.rdf))
    for name in ("who-said-what-to-whom", "who-deployed-where", "who-met-whom", "casualties"):
        assert sorted(map(repr, store.query(name).rows)) == sorted(map(repr, memory.query(name).rows)), name
    # GROUP_CONCAT's order is the engine's own: compare the entities without it
    entities = {(r["label"], r["type"], r["mentions"]) for r in store.query("entities")}
    assert entities == {(r["label"], r["type"], r["mentions"]) for r in memory.query("entities")}


def test_labels_and_mention_counts_add_up_over_calls_and_reopenings(tmp_path):
    # the store keeps the labels and counts it wrote; they must match a build of everything at once
    from kgraph.text import document_from_text

    texts = [document_from_text(text, f"article-{i}") for i, text in enumerate([
        "Macron met Scholz in Paris.", "Chancellor Olaf Scholz met Emmanuel Macron in Paris on Monday.",
        "Olaf Scholz said Macron was right.", "Emmanuel Macron said he would visit Berlin.",
        "Scholz and Macron spoke again on Friday."])]
    with Store(tmp_path / "store") as store:
        store.add_texts(texts[:2])
        store.add_texts(texts[2:4])
    with Store(tmp_path / "store") as store:
        store.add_texts(texts[4:])
        graph = store.to_graph()
    assert isomorphic(integers_as_integer(graph), integers_as_integer(kgraph.build(texts).rdf))


def test_adding_again_changes_nothing_and_a_reopened_store_keeps_merging(tmp_path):
    store = Store(tmp_path / "store")
    store.add_texts(TEXTS[:1])
    size = len(store)
    assert store.add_texts(TEXTS[:1]) == 0 and len(store) == size
    store.close()
    reopened = Store(tmp_path / "store")
    reopened.add_texts(TEXTS[1:2])
    people = {r["label"]: r["mentions"] for r in reopened.query("entities") if r["type"] == "Person"}
    assert people == {"Olaf Scholz": 2, "Emmanuel Macron": 1}
    labels = reopened.query("SELECT ?e (COUNT(?l) AS ?n) WHERE { ?e rdfs:label ?l } GROUP BY ?e HAVING (COUNT(?l) > 1)")
    assert labels.rows == []  # exactly one label per entity, across documents


def test_an_article_that_fails_leaves_the_store_as_it_was(tmp_path, monkeypatch):
    store = Store(tmp_path / "store")
    store.add_texts(TEXTS[:1])
    before = store.to_graph()

    monkeypatch.setattr(store, "_store", _Failing(store._store))
    with pytest.raises(KeyboardInterrupt):  # as if the build were interrupted while writing
        store.add_texts(TEXTS[1:])
    monkeypatch.undo()
    assert isomorphic(store.to_graph(), before)  # nothing of the interrupted articles
    assert store.add_texts(TEXTS[1:]) == 2  # running it again finishes the job


class _Failing:
    """An Oxigraph store whose writes are interrupted before they commit (``extend=False``:
    only the second transaction of a batch, its deletions, is)."""

    def __init__(self, store, *, extend: bool = True):
        self._inner = store
        self._fail_extend = extend

    def __getattr__(self, name):
        return getattr(self._inner, name)

    def update(self, request):
        raise KeyboardInterrupt

    def extend(self, quads):
        if self._fail_extend:
            raise KeyboardInterrupt
        self._inner.extend(quads)


def test_a_batch_interrupted_between_its_two_transactions_is_finished_on_reopening(tmp_path, monkeypatch):
    # the second text renames the first one's entity ("Olaf Scholz"), so the batch makes a
    # node stale; interrupted before the stale triples go, the next writer deletes them
    texts = ["Chancellor Scholz spoke in Berlin on Monday.", "Chancellor Olaf Scholz spoke in Paris on Tuesday."]
    store = Store(tmp_path / "store")
    store.add_texts(texts[:1])
    monkeypatch.setattr(store, "_store", _Failing(store._store, extend=False))
    with pytest.raises(KeyboardInterrupt):
        store.add_texts(texts[1:])
    monkeypatch.undo()
    labels = {str(label) for label in store.to_graph().objects(None, RDFS.label)}
    assert "Scholz" in labels  # the stale node is still there
    store.close()
    with Store(tmp_path / "store") as reopened:
        finished = reopened.to_graph()
        assert "Scholz" not in {r["label"] for r in reopened.query("entities")}
    with Store(tmp_path / "uninterrupted") as uninterrupted:
        uninterrupted.add_texts(texts[:1])
        uninterrupted.add_texts(texts[1:])
        assert isomorphic(finished, uninterrupted.to_graph())


def test_store_on_the_command_line(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text(TEXTS[2], encoding="utf-8")
    assert main(["build", str(article), "--store", str(tmp_path / "store"), "-q"]) == 0
    assert main(["query", "--store", str(tmp_path / "store"), "who-deployed-where", "-f", "csv"]) == 0
    assert "Russia,troops,Syria" in capsys.readouterr().out
    assert main(["query", "--store", str(tmp_path / "nothing"), "events"]) == 2
    assert "is not a kgraph store" in capsys.readouterr().err
    assert main(["build", str(article)]) == 2
    assert "give an output file" in capsys.readouterr().err


def test_a_store_build_reports_what_it_holds(tmp_path, capsys):
    # the summary read the store after closing it: every build without -q ended in a traceback
    articles = tmp_path / "news"
    articles.mkdir()
    for i, text in enumerate(TEXTS):
        (articles / f"{i}.txt").write_text(text, encoding="utf-8")
    store = tmp_path / "store"
    assert main(["build", str(articles), "--store", str(store), "--jobs", "2"]) == 0
    assert capsys.readouterr().err.strip() == (f"kgraph: {len(TEXTS)} new document(s); the store holds {len(TEXTS)} "
                                               f"documents, {len(Store(store, read_only=True))} triples -> {store}")
    assert main(["build", str(articles), "--store", str(store)]) == 0
    assert capsys.readouterr().err.startswith("kgraph: 0 new document(s); the store holds")


def test_the_jobs_of_a_store_build_give_the_same_store(tmp_path):
    from rdflib.compare import isomorphic

    with Store(tmp_path / "one") as one, Store(tmp_path / "two") as two:
        assert one.add_texts(TEXTS) == two.add_texts(TEXTS, jobs=2) == len(TEXTS)
        assert isomorphic(one.to_graph(), two.to_graph())


def test_reading_commands_write_nothing_into_a_folder_that_is_no_store(tmp_path, capsys):
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / "notes.txt").write_text("my notes", encoding="utf-8")
    for argv in (["query", "--store", str(folder), "events"], ["validate", "--store", str(folder)],
                 ["export", "--store", str(folder), "-o", str(tmp_path / "g.nq")]):
        assert main(argv) == 2
        assert capsys.readouterr().err.strip() == (f"kgraph: {folder}: is not a kgraph store (make one with: kgraph "
                                                   "build FILE... --store DIR)")
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["query", "--store", str(empty), "events"]) == 2
    capsys.readouterr()
    assert [p.name for p in folder.iterdir()] == ["notes.txt"] and list(empty.iterdir()) == []
    # nor does a build: it makes a store in a new or empty folder only
    article = folder / "notes.txt"
    assert main(["build", str(article), "--store", str(folder)]) == 2
    assert "is a folder of other files, not a kgraph store" in capsys.readouterr().err
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


def test_a_damaged_store_is_one_line(tmp_path, capsys):
    store = tmp_path / "store"
    with Store(store) as writing:
        writing.add_texts(TEXTS)
    for table in store.glob("*.sst"):
        data = bytearray(table.read_bytes())
        for i in range(len(data) // 4, len(data), max(1, len(data) // 40)):
            data[i] ^= 0xFF
        table.write_bytes(bytes(data))
    for argv in (["query", "--store", str(store), "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"],
                 ["validate", "--store", str(store)], ["export", "--store", str(store), "-o", str(tmp_path / "g.nq")]):
        status = main(argv)
        err = capsys.readouterr().err
        assert status == 2 and err.startswith("kgraph: ") and err.count("\n") == 1 and "Traceback" not in err, argv


def test_store_exports_a_named_graph_per_document(tmp_path):
    from rdflib import Dataset

    with Store(tmp_path / "store") as store:
        store.add_texts(TEXTS)
    assert main(["export", "--store", str(tmp_path / "store"), "-o", str(tmp_path / "corpus.nq"), "-q"]) == 0
    dataset = Dataset()
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # rdflib's own N-Quads parser
        dataset.parse(str(tmp_path / "corpus.nq"), format="nquads")
    names = {str(g.identifier) for g in dataset.graphs() if str(g.identifier).startswith("https://w3id.org/kgraph/id/doc/")}
    assert len(names) == 3


def test_pages_of_a_large_answer_cover_it_once(tmp_path):
    store = Store(tmp_path / "store")
    store.add_texts([f"Minister Anna Berg{i} said on Monday that talks with Norway would resume." for i in range(7)])
    everything = store.query("who-said-what-to-whom")
    assert len(everything.rows) == 7 and not everything.more
    pages = [store.query("who-said-what-to-whom", limit=3, offset=start) for start in (0, 3, 6)]
    assert [len(p.rows) for p in pages] == [3, 3, 1]
    assert [p.more for p in pages] == [True, True, False]
    assert sorted(map(repr, (row for p in pages for row in p.rows))) == sorted(map(repr, everything.rows))


def test_paging_on_the_command_line(tmp_path, capsys):
    store_dir = str(tmp_path / "store")
    with Store(store_dir) as store:
        store.add_texts([f"Minister Anna Berg{i} said the talks would resume." for i in range(4)])
    assert main(["query", "--store", store_dir, "who-said-what-to-whom", "--limit", "2"]) == 0
    out = capsys.readouterr().out
    assert "(2 rows, more with a larger --limit or an --offset)" in out
    assert main(["query", "--store", store_dir, "who-said-what-to-whom", "--limit", "2", "--offset", "3", "-f", "csv"]) == 0
    assert len(capsys.readouterr().out.strip().splitlines()) == 2  # the header and the last row
    assert main(["query", "--store", store_dir, "events", "--limit", "-1"]) == 2
    assert "not a number of rows" in capsys.readouterr().err


class _FailingLater(_Failing):
    """An Oxigraph store whose ``n``-th write is interrupted before it commits."""

    def __init__(self, store, n: int):
        super().__init__(store)
        self._left = n

    def extend(self, quads):
        self._left -= 1
        if self._left == 0:
            raise KeyboardInterrupt
        self._inner.extend(quads)


@pytest.mark.parametrize("fail_at", [2, 3, 4])
def test_a_batch_interrupted_while_its_documents_are_written_is_taken_back(tmp_path, monkeypatch, fail_at):
    # one document a transaction: the note of the documents coming, two documents' texts, the
    # nodes; interrupted after the note, after one document, or before the nodes
    import kgraph.graph.store as graph_store

    monkeypatch.setattr(graph_store, "DOCUMENTS_PER_TRANSACTION", 1)
    store = Store(tmp_path / "store")
    store.add_texts(TEXTS[:1])
    before = store.to_graph()
    failing = _FailingLater(store._store, fail_at)
    store._store = failing
    with pytest.raises(KeyboardInterrupt):
        store.add_texts(TEXTS[1:])
    store._store = failing._inner
    assert store.documents() == 1  # what is in whole: the documents half written do not count
    del failing  # (the store is released when nothing holds it)
    store.close()
    with Store(tmp_path / "store") as reopened:  # a writer takes the unfinished batch back
        assert isomorphic(reopened.to_graph(), before)
        assert reopened.add_texts(TEXTS[1:]) == 2
        finished = reopened.to_graph()
    with Store(tmp_path / "uninterrupted") as uninterrupted:
        uninterrupted.add_texts(TEXTS[:1])
        uninterrupted.add_texts(TEXTS[1:])
        assert isomorphic(finished, uninterrupted.to_graph())
