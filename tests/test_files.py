"""Inputs and outputs on the disk: only regular files are read, with a size bound; outputs are
complete or absent, whatever the disk says."""
from __future__ import annotations

import errno
import os
import subprocess
import sys
import time

import pytest

import kgraph
from kgraph.cli import main
from kgraph.errors import InputError, OutputError
from kgraph.files import MAX_INPUT_BYTES, read_regular_file, write_all_atomically, write_atomically


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path, capsys):
    fifo = tmp_path / "news.txt"
    os.mkfifo(fifo)
    started = time.monotonic()
    assert main(["build", str(fifo), "-o", str(tmp_path / "g.ttl")]) == 2
    assert time.monotonic() - started < 5
    assert capsys.readouterr().err.strip() == (f"kgraph: {fifo}: is not a regular file (a pipe, a device or a socket); "
                                               "kgraph reads files")


def test_a_device_is_refused_without_reading_it(tmp_path, capsys):
    # /dev/zero never ends: reading it whole would take all the memory there is
    with pytest.raises(InputError, match="not a regular file"):
        read_regular_file("/dev/zero")
    assert main(["build", "/dev/zero", "-o", str(tmp_path / "g.ttl")]) == 2
    assert capsys.readouterr().err.strip() == "kgraph: /dev/zero: is not a regular file (a pipe, a device or a socket); kgraph reads files"
    with pytest.raises(InputError, match="not a regular file"):
        kgraph.build([__import__("pathlib").Path("/dev/zero")])


def test_a_file_over_the_size_bound_is_refused_before_it_is_read(tmp_path):
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as out:
        out.truncate(MAX_INPUT_BYTES + 1)  # sparse: nothing is written
    started = time.monotonic()
    with pytest.raises(InputError, match="is larger than kgraph reads"):
        kgraph.build([huge])
    assert time.monotonic() - started < 2


def test_standard_input_is_read_like_a_file():
    def run(data: bytes) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "kgraph", "build", "-", "-o", "-"], input=data,
                              capture_output=True, check=False, timeout=120)

    utf16 = run("Protests erupted in Lima on Monday, officials said.".encode("utf-16"))
    assert utf16.returncode == 0 and b"Lima" in utf16.stdout
    # not UTF-8: decoded in the encoding charset-normalizer finds, as for a file
    latin = run(b"Protests erupted in Gen\xe8ve on Monday after the ministers met, officials said.")
    assert latin.returncode == 0 and b"Traceback" not in latin.stderr and b"Protests erupted in Gen" in latin.stdout
    empty = run(b"")
    assert empty.returncode == 2 and empty.stderr.decode().strip() == "kgraph: <stdin>: contains no text"
    binary = run(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert binary.returncode == 2 and b"Traceback" not in binary.stderr and b"binary" in binary.stderr
    page = run(b"<!doctype html><html><head><title>Talks</title></head><body><nav>Home | World</nav><article><p>"
               b"Ministers met in Geneva on Monday to discuss the ceasefire, officials said.</p></article></body></html>")
    assert page.returncode == 0 and b"Geneva" in page.stdout and b"Home | World" not in page.stdout


@pytest.mark.parametrize("command", ["build", "draw", "export"])
def test_an_output_that_is_a_folder_is_one_line(example_graph, tmp_path, capsys, command):
    from conftest import EXAMPLE

    graph_file = tmp_path / "g.ttl"
    example_graph.serialize(graph_file)
    folder = tmp_path / "out.ttl"
    folder.mkdir()
    argv = {"build": ["build", str(EXAMPLE), "-o", str(folder)], "draw": ["draw", str(graph_file), "-o", str(folder)],
            "export": ["export", str(graph_file), "-o", str(folder)]}[command]
    assert main(argv) == 2
    assert capsys.readouterr().err.strip() == f"kgraph: {folder}: is a folder; give the name of a file to write"
    assert list(folder.iterdir()) == []


def _failing_disk(monkeypatch, code: int, after: int = 0) -> None:
    """The disk refuses the ``after``-th write and every later one (ENOSPC: full, EROFS: read-only)."""
    real = os.fdopen
    calls = []

    class Refusing:
        def __init__(self, handle):
            self.file = real(handle, "wb")

        def write(self, data):
            raise OSError(code, os.strerror(code))

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.file.close()

    def fdopen(handle, mode="r", *args, **kwargs):
        calls.append(handle)
        return Refusing(handle) if len(calls) > after else real(handle, mode, *args, **kwargs)

    monkeypatch.setattr("kgraph.files.os.fdopen", fdopen)


def test_a_full_disk_leaves_no_file_not_even_one_of_three_tables(example_graph, tmp_path, monkeypatch, capsys):
    graph_file = tmp_path / "g.ttl"
    example_graph.serialize(graph_file)
    _failing_disk(monkeypatch, errno.ENOSPC, after=1)  # the first table is written, the second is not
    assert main(["export", str(graph_file), "-o", str(tmp_path / "t.csv")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("kgraph: ") and "No space left on device" in err and "nothing was written" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.ttl"]  # no table, no temporary file


def test_a_read_only_disk_is_one_line(example_graph, tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr("kgraph.files.tempfile.mkstemp", refuse)
    with pytest.raises(OutputError, match="Read-only file system"):
        example_graph.serialize(tmp_path / "g.ttl")
    with pytest.raises(OutputError, match="Read-only file system"):
        example_graph.draw(tmp_path / "g.png")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs Linux's /proc, where no one may create a file")
def test_a_folder_where_files_cannot_be_made(example_graph):
    # /proc refuses new files even to root, for whom file permissions do not count
    with pytest.raises(OutputError, match="cannot be written there"):
        example_graph.serialize("/proc/kgraph-test.ttl")


def test_several_files_are_written_together_or_not_at_all(tmp_path, monkeypatch):
    write_all_atomically({tmp_path / "a.csv": b"a", tmp_path / "b.csv": b"b"})
    assert (tmp_path / "a.csv").read_bytes() == b"a" and (tmp_path / "b.csv").read_bytes() == b"b"
    _failing_disk(monkeypatch, errno.ENOSPC, after=1)
    with pytest.raises(OutputError):
        write_all_atomically({tmp_path / "a.csv": b"new a", tmp_path / "b.csv": b"new b"})
    assert (tmp_path / "a.csv").read_bytes() == b"a"  # untouched: the second one failed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "b.csv"]


def test_write_atomically_names_a_missing_folder(tmp_path):
    with pytest.raises(OutputError, match="does not exist"):
        write_atomically(tmp_path / "no" / "g.ttl", b"x")
