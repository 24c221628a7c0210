"""Bad input, interrupted builds, hostile queries and graph files: kgraph names the problem in one
line, keeps what it can, and never leaves a half-written output."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

import kgraph
from kgraph.cli import main
from kgraph.errors import InputError, InputWarning
from kgraph.extract import extract_many
from kgraph.extract import parts as parts_module
from kgraph.store import Store
from kgraph.text import document_from_text

GERMAN = ("Die Bundesregierung hat am Montag angekündigt, dass die Verhandlungen mit Russland in Genf "
          "fortgesetzt werden. Der Außenminister sagte, man sei zuversichtlich, dass eine Einigung möglich "
          "ist. Die Opposition kritisierte den Plan scharf und forderte eine Abstimmung im Parlament, bevor "
          "die Delegation nach Genf reist. Tausende Menschen demonstrierten am Wochenende in Berlin.")


def _articles(folder, count, sentences=1):
    folder.mkdir()
    for i in range(count):
        text = " ".join([f"Minister Anna Berg{i} said the talks in Oslo would resume."]
                        + ["Officials met in Oslo to prepare the talks."] * (sentences - 1))
        (folder / f"a{i:03}.txt").write_text(text, encoding="utf-8")


def test_one_bad_file_among_a_hundred_is_named_and_the_rest_is_built(tmp_path, capsys):
    _articles(tmp_path / "news", 99)
    (tmp_path / "news" / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    out = tmp_path / "g.ttl"
    assert main(["build", str(tmp_path / "news"), "-o", str(out), "-q"]) == 1
    errors = capsys.readouterr().err.strip().splitlines()
    assert errors == [f"kgraph: {tmp_path / 'news' / 'broken.txt'}: looks like a binary file, not text or HTML"]
    assert kgraph.load(out).summary()["documents"] == 99


def test_when_no_input_can_be_read_nothing_is_written(tmp_path, capsys):
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    out = tmp_path / "g.ttl"
    assert main(["build", str(tmp_path / "empty.txt"), str(tmp_path / "missing.txt"), "-o", str(out)]) == 2
    errors = capsys.readouterr().err.strip().splitlines()
    assert errors == [f"kgraph: {tmp_path / 'empty.txt'}: contains no text",
                      f"kgraph: {tmp_path / 'missing.txt'}: file not found",
                      "kgraph: none of the 2 inputs could be read; nothing was written"]
    assert not out.exists()


def test_the_same_goes_for_a_store(tmp_path, capsys):
    _articles(tmp_path / "news", 3)
    (tmp_path / "news" / "blank.txt").write_text("\n\n", encoding="utf-8")
    assert main(["build", str(tmp_path / "news"), "--store", str(tmp_path / "store"), "-q"]) == 1
    assert "blank.txt: contains no text" in capsys.readouterr().err
    assert Store(tmp_path / "store").documents() == 3


def test_python_callers_choose_between_raising_and_collecting():
    with pytest.raises(InputError, match="contains no text"):
        kgraph.build(["Talks resumed in Oslo.", " "])
    problems = []
    graph = kgraph.build(["Talks resumed in Oslo.", " "], on_error=problems.append)
    assert graph.summary()["documents"] == 1 and [p.source for p in problems] == ["<text 2>"]


def test_text_in_another_language_gives_a_warning_and_no_events(tmp_path, capsys):
    with pytest.warns(InputWarning, match="does not look like English"):
        graph = kgraph.build([GERMAN])
    assert graph.summary() == {"documents": 1, "entities": 0, "events": 0}
    german = tmp_path / "de.txt"
    german.write_text(GERMAN, encoding="utf-8")
    assert main(["build", str(german), "-o", str(tmp_path / "g.ttl"), "-q"]) == 0
    assert capsys.readouterr().err.strip() == (f"kgraph: warning: {german}: does not look like English text; "
                                                "kgraph reads English only, so nothing was read from it")


def test_a_long_article_is_read_in_parts_with_offsets_into_the_whole(nlp):
    paragraph = ("Minister Anna Berg said on Monday that the talks in Oslo would resume. "
                 "Thousands protested outside the parliament in Oslo.\n\n")
    text = paragraph * 40  # about 5,000 characters
    document = document_from_text(text, "long.txt")
    extraction = next(extract_many([document], nlp=nlp, part_size=1_000))
    whole = next(extract_many([document], nlp=nlp))
    assert [e.cls for e in extraction.events] == [e.cls for e in whole.events] == ["Statement", "Protest"] * 40
    for event in extraction.events:
        assert text[event.sentence.begin:event.sentence.end] == event.sentence.text
        assert text[event.trigger.begin:event.trigger.end] == event.trigger.text
    berg = [e for e in extraction.entities if e.label == "Anna Berg"]
    assert len(berg) == 1 and len(berg[0].mentions) == 40
    assert all(text[m.begin:m.end] == m.text for m in berg[0].mentions)


def test_the_parts_of_a_long_article_are_parsed_one_at_a_time(nlp):
    # the parser holds a whole batch's memory at once: 16 parts of 100,000 characters took 5 GB
    batches = []

    class Recording:
        max_length = nlp.max_length

        def pipe(self, texts, batch_size):
            texts = list(texts)
            batches.append((len(texts), batch_size))
            return nlp.pipe(texts, batch_size=batch_size)

    short = [document_from_text(f"Minister Anna Berg spoke in Oslo on day {i}.", f"{i}.txt") for i in range(3)]
    long = document_from_text("Thousands protested in Oslo on Monday.\n\n" * 100, "long.txt")
    extractions = list(extract_many([*short, long, *short], nlp=Recording(), part_size=1_000))
    assert [e.document.source for e in extractions] == ["0.txt", "1.txt", "2.txt", "long.txt", "0.txt", "1.txt", "2.txt"]
    assert batches[0] == (3, 16) and batches[2] == (3, 16)  # whole articles in batches
    assert batches[1][1] == 1 and batches[1][0] > 1  # the long one's parts one by one
    assert len(extractions[3].events) == 100


def test_part_bounds_cover_the_text_at_good_breaks():
    text = "A sentence here. " * 300 + "\n" + "word " * 500 + "x" * 3_000
    bounds = parts_module.part_bounds(text, 1_000)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(end == next_begin for (_, end), (next_begin, _) in zip(bounds, bounds[1:]))
    assert all(end - begin <= 1_000 for begin, end in bounds)
    assert text[:bounds[0][1]].endswith(". ")  # after a full stop, not inside a word


def test_a_text_longer_than_spacys_limit_is_read(nlp, monkeypatch):
    # spaCy refuses texts over nlp.max_length; kgraph parts stay below it
    monkeypatch.setattr(nlp, "max_length", 2_000)
    text = "Thousands protested in Oslo on Monday. " * 150  # 5,850 characters
    extraction = next(extract_many([document_from_text(text)], nlp=nlp))
    assert len(extraction.events) == 150


def test_a_sentence_of_five_thousand_words_and_unbalanced_quotes(nlp):
    words = " ".join(["officials", "said", "that", "the", "talks", "went", "well", "and"] * 625)
    texts = [f"Minister Anna Berg said that {words} ended.", 'Berg said: "The talks failed. He left.',
             'The talks ended." Berg left Oslo on “Monday.', '""" " “ ” "']
    for extraction in extract_many([document_from_text(t) for t in texts], nlp=nlp):
        for event in extraction.events:
            assert extraction.document.text[event.sentence.begin:event.sentence.end] == event.sentence.text


def _interrupt(command: list[str], after_cpu_seconds: float) -> str:
    """Run a command, press Ctrl-C once it has worked ``after_cpu_seconds``, and return its
    standard error, once it has exited 130 without a traceback."""
    # Ctrl-C reaches the build as on a terminal, even when the tests run where SIGINT is ignored
    # (a background job of a script), which the child would inherit
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    # wait by the build's own CPU time, not the clock (machines differ in speed and load): past
    # the imports and the model, into the articles
    while process.poll() is None and _cpu_seconds(process.pid) < after_cpu_seconds:
        time.sleep(0.1)
    assert process.poll() is None, "the build ended before it could be interrupted"
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130 and "Traceback" not in err
    return err


def test_an_interrupted_build_leaves_no_output_and_a_rerun_finishes(tmp_path):
    _articles(tmp_path / "news", 300, sentences=30)  # about 25 s of work
    out = tmp_path / "g.ttl"
    command = [sys.executable, "-m", "kgraph", "build", str(tmp_path / "news"), "-o", str(out), "-q"]
    err = _interrupt(command, after_cpu_seconds=5)
    assert err.strip() == "kgraph: interrupted; no output was written"
    assert not out.exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    subprocess.run(command, check=True, timeout=300)
    assert kgraph.load(out).summary()["documents"] == 300


def _cpu_seconds(pid: int) -> float:
    """The user and system CPU time a process has used so far (Linux /proc)."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_an_interrupted_store_build_says_what_is_in_and_a_rerun_finishes(tmp_path):
    import re

    _articles(tmp_path / "news", 300, sentences=10)
    store = tmp_path / "store"
    command = [sys.executable, "-m", "kgraph", "build", str(tmp_path / "news"), "--store", str(store)]
    err = _interrupt(command, after_cpu_seconds=6)
    found = re.fullmatch(rf"kgraph: interrupted; (\d+) new document\(s\) are in {re.escape(str(store))}, each whole; "
                         r"run the same command again to add the rest", err.strip())
    assert found, err
    with Store(store, read_only=True) as reopened:
        assert reopened.documents() == int(found.group(1)) > 0
    subprocess.run([*command, "-q"], check=True, timeout=300)
    with Store(store, read_only=True) as reopened:
        assert reopened.documents() == 300


def test_a_killed_store_build_leaves_a_store_that_a_rerun_completes(tmp_path):
    _articles(tmp_path / "news", 300, sentences=10)
    store = tmp_path / "store"
    command = [sys.executable, "-m", "kgraph", "build", str(tmp_path / "news"), "--store", str(store), "-q"]
    process = subprocess.Popen(command)
    while process.poll() is None and _cpu_seconds(process.pid) < 5:
        time.sleep(0.1)  # some articles are in
    assert process.poll() is None, "the build ended before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    subprocess.run(command, check=True, timeout=300)
    with Store(store) as reopened:
        assert reopened.documents() == 300
        assert len(reopened.query("who-said-what-to-whom").rows) == 300


# -- hostile queries -----------------------------------------------------------------------------
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def test_a_runaway_query_is_stopped_in_memory(example_graph):
    from kgraph.errors import QueryTimeout

    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="longer than 0.5 s"):
        example_graph.query(RUNAWAY, timeout=0.5)
    assert time.monotonic() - started < 3
    assert example_graph.query("who-deployed-where", timeout=30).rows  # a quick one answers


def test_a_runaway_query_is_stopped_in_a_store_and_on_the_command_line(tmp_path, capsys):
    store_dir = tmp_path / "store"
    with Store(store_dir) as store:
        store.add_texts([f"Minister Anna Berg{i} said the talks in Oslo would resume on Monday." for i in range(30)])
        started = time.monotonic()
        with pytest.raises(kgraph.QueryError, match="longer than 1 s"):
            store.query(RUNAWAY, timeout=1)
        assert time.monotonic() - started < 5
        assert len(store.query("who-said-what-to-whom", timeout=30).rows) == 30
    assert main(["query", "--store", str(store_dir), RUNAWAY, "--timeout", "1"]) == 2
    assert capsys.readouterr().err.strip() == "kgraph: the query ran longer than 1 s and was stopped"
