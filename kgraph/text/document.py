"""The :class:`Document` record and the loaders that turn a path, bytes or a string into one."""
from __future__ import annotations

import codecs
import datetime as dt
import functools
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer

from kgraph.errors import InputError
from kgraph.files import MAX_INPUT_BYTES, read_regular_file
from kgraph.text.boilerplate import find_boilerplate
from kgraph.text.dateline import find_dateline

__all__ = ["Document", "document_from_text", "document_from_bytes", "load_document", "clean_characters"]

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
TEXT_SUFFIXES = frozenset({".txt", ".text", ""})

# Characters no XML document may hold (so no RDF/XML, GraphML or GEXF file could carry them), and
# halves of UTF-16 pairs that no UTF-8 file can: a form feed from pdftotext, a NUL from a bad copy.
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# a vertical tab or a form feed (a page break) ends a line
_LINE_ENDS = frozenset("\x0b\x0c")


def _replacement(match: re.Match) -> str:
    character = match.group()
    if character in _LINE_ENDS:
        return "\n"
    return " " if character < " " else "\ufffd"


def clean_characters(text: str) -> str:
    r"""Replace the characters no graph file can hold, one character for one, so that every
    offset stays where it was: a form feed or a vertical tab becomes a line break, another
    control character a space, a lone surrogate or a non-character U+FFFD.

    >>> clean_characters("Page one.\fPage two.\x00.")
    'Page one.\nPage two. .'
    >>> clean_characters("half a pair: \ud800") == "half a pair: \ufffd"
    True
    """
    return _UNWRITABLE.sub(_replacement, text) if _UNWRITABLE.search(text) else text


@dataclass(frozen=True)
class Document:
    """One input, ready for analysis.

    Attributes
    ----------
    text : str
        The exact text that is analysed; all character offsets index into it. Characters that
        no graph file can hold are replaced one for one (see :func:`clean_characters`).
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

    def __post_init__(self) -> None:
        # however the document was made, its strings can be written to every graph format
        for name in ("text", "source", "title", "author"):
            value = getattr(self, name)
            if isinstance(value, str):
                object.__setattr__(self, name, clean_characters(value))
            elif value is not None or name in ("text", "source"):
                raise InputError(repr(value)[:40], f"a document's {name} must be a string, not {type(value).__name__}")

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
    Without a ``created`` date, the date line under the headline gives one, where there is one
    (see :mod:`kgraph.text.dateline`); like other page furniture, it names no entity.

    >>> document_from_text("a\\r\\nb").text
    'a\\nb'
    >>> document_from_text("Pirates caught\\nUpdated: November 11, 2011 18:50 IST\\nThe navy said ...").created
    datetime.date(2011, 11, 11)
    """
    text = clean_characters(text.replace("\r\n", "\n").replace("\r", "\n"))
    furniture = find_boilerplate(text)
    spans = furniture.spans
    if created is None and (dateline := find_dateline(text)) is not None:
        created, line = dateline
        spans = tuple(sorted({*spans, line}))
    return Document(text, source, title, created, author or furniture.author, spans)


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


# how a page starts when standard input, which has no suffix, is HTML
_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.IGNORECASE | re.DOTALL)


def document_from_bytes(raw: bytes, source: str, *, html: bool | None = None) -> Document:
    """Make a document from a file's bytes (or standard input's), in whatever encoding.

    ``html``: whether the bytes are an HTML page; None looks at how they start (``<!doctype
    html>`` or ``<html>``), as for standard input.

    >>> document_from_bytes("Talks resumed in Genève.".encode("utf-16"), "a.txt").text
    'Talks resumed in Genève.'
    >>> document_from_bytes(b"", "<stdin>")
    Traceback (most recent call last):
    ...
    kgraph.errors.InputError: <stdin>: contains no text

    Raises
    ------
    InputError
        If the bytes are too many (over :data:`~kgraph.files.MAX_INPUT_BYTES`), binary, not
        text in a known encoding, or hold no text.
    """
    if len(raw) > MAX_INPUT_BYTES:
        raise InputError(source, f"is larger than kgraph reads ({MAX_INPUT_BYTES // 1_048_576} MB); split it into articles")
    text = _decode(raw, source)
    if html is None:
        html = bool(_HTML_START.match(text[:4096]))
    if html:
        from kgraph.text.html import document_from_html

        document = document_from_html(text, source)
    else:
        document = document_from_text(text, source)
    if not document.text.strip():
        raise InputError(source, "contains no text")
    return document


def load_document(path: str | Path) -> Document:
    """Read a ``.txt`` or ``.html`` file into a :class:`Document`.

    Raises
    ------
    InputError
        If the file is missing, not a regular file (a pipe, a device), unreadable, too large,
        binary, empty, or has an unknown suffix.
    """
    source = str(path)
    suffix = Path(path).suffix.lower()
    if suffix not in HTML_SUFFIXES | TEXT_SUFFIXES:
        raise InputError(source, f"unknown input type '{suffix}' (expected .txt or .html)")
    return document_from_bytes(read_regular_file(path), source, html=suffix in HTML_SUFFIXES)
