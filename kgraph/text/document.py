"""The :class:`Document` record and the loader that turns a path or a string into one."""
from __future__ import annotations

import codecs
import datetime as dt
import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer

from kgraph.errors import InputError
from kgraph.text.boilerplate import find_boilerplate

__all__ = ["Document", "document_from_text", "load_document"]

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
TEXT_SUFFIXES = frozenset({".txt", ".text", ""})


@dataclass(frozen=True)
class Document:
    """One input, ready for analysis.

    Attributes
    ----------
    text : str
        The exact text that is analysed; all character offsets index into it.
    source : str
        The input as the user named it (a path or ``<text N>`` for a string).
    title : str or None
        The article's title, where the input gives one.
    created : datetime.date or None
        The article's publication date, where the input gives one.
    author : str or None
        The article's author, where a byline or the page's metadata names one.
    ignored : tuple of (begin, end)
        Character ranges of page furniture left in a plain text (share buttons, photo credits,
        author bios, comment forms); extraction reads nothing there.
    """

    text: str
    source: str
    title: str | None = None
    created: dt.date | None = None
    author: str | None = None
    ignored: tuple[tuple[int, int], ...] = ()

    def is_ignored(self, position: int) -> bool:
        r"""Whether a character offset lies in page furniture (share buttons, credits, bios...).

        >>> document_from_text("Spread the love\nTroops left.").is_ignored(3)
        True
        """
        # called for many tokens of every document: most documents have no furniture at all
        return bool(self.ignored) and any(begin <= position < end for begin, end in self.ignored)

    @functools.cached_property  # read for every node the document adds to a graph
    def digest(self) -> str:
        """A short stable fingerprint of the text, used to name the document in the graph.

        >>> Document("abc", "x").digest
        'a9993e364706'
        """
        return hashlib.sha1(self.text.encode("utf-8")).hexdigest()[:12]


def document_from_text(text: str, source: str = "<text>", *, title: str | None = None,
                       created: dt.date | None = None, author: str | None = None) -> Document:
    """Make a document from a string, normalising line endings only, and mark its boilerplate.

    >>> document_from_text("a\\r\\nb").text
    'a\\nb'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    furniture = find_boilerplate(text)
    return Document(text, source, title, created, author or furniture.author, furniture.spans)


def _decode(raw: bytes, source: str) -> str:
    """A file's text: UTF-8 (most of the web), UTF-16 with its byte-order mark, else whatever
    encoding charset-normalizer finds (Windows-1252, Latin-2, KOI8-R, Shift JIS...)."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(source, "starts as UTF-16 text but is not valid UTF-16") from None
    if b"\x00" in raw[:4096]:
        raise InputError(source, "looks like a binary file, not text or HTML")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(raw).best()
    if best is None:
        raise InputError(source, "is not text in any encoding kgraph recognises (a binary file?)")
    return str(best)


def load_document(path: str | Path) -> Document:
    """Read a ``.txt`` or ``.html`` file into a :class:`Document`.

    Raises
    ------
    InputError
        If the file is missing, unreadable, binary, empty, or has an unknown suffix.
    """
    source = str(path)
    file = Path(path)
    suffix = file.suffix.lower()
    if suffix not in HTML_SUFFIXES | TEXT_SUFFIXES:
        raise InputError(source, f"unknown input type '{suffix}' (expected .txt or .html)")
    if not file.exists():
        raise InputError(source, "file not found")
    if file.is_dir():
        raise InputError(source, "is a folder, not a file")
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise InputError(source, f"cannot be read ({exc.strerror or exc})") from None
    text = _decode(raw, source)
    if suffix in HTML_SUFFIXES:
        from kgraph.text.html import document_from_html

        document = document_from_html(text, source)
    else:
        document = document_from_text(text, source)
    if not document.text.strip():
        raise InputError(source, "contains no text")
    return document
