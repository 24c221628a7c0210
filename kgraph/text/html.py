"""HTML pages: keep the article (title and body paragraphs), drop menus, share buttons and forms.

Boilerplate removal is trafilatura's, a maintained extractor measured on news pages; kgraph asks it
for the main text without comments, tables, links or images, and adds the title as the first line
so that a headline's statements get provenance like any other sentence.

trafilatura builds a tree of the page with lxml, whose parser gives up on trees nested deeper
than a few hundred elements and on a text node over 10 MB, and whose time and memory grow fast
with the page (a 20 MB page took minutes and 2 GB). Pages over :data:`TREE_LIMIT_BYTES`, and pages
where trafilatura finds no article or only a few words, are read by :class:`_ParagraphReader` instead: one pass of the
standard library's HTML tokenizer, which keeps no tree, with the same rule of thumb (paragraph
text in, navigation, forms, scripts and asides out).
"""
from __future__ import annotations

import datetime as dt
import html.parser
import logging
import re

from kgraph.errors import InputError
from kgraph.text.document import Document, document_from_text

__all__ = ["document_from_html", "TREE_LIMIT_BYTES"]

#: Pages longer than this (in characters) are read in one pass without trafilatura's tree.
TREE_LIMIT_BYTES = 5_000_000
#: An article body of fewer words than this is checked against the one-pass reading.
SHORT_BODY_WORDS = 50


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


# elements whose text is never article text
_SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form",
                      "button", "select", "textarea", "iframe", "figure", "figcaption", "menu", "dialog", "object"})
# elements whose start or end ends a paragraph
_BLOCKS = frozenset({"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
                     "blockquote", "br", "tr", "table", "dd", "dt", "pre", "hr", "body"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
# class or id names of page furniture
_FURNITURE = re.compile(r"share|social|comment|related|newsletter|promo|advert|cookie|subscribe|sidebar|breadcrumb|"
                        r"menu|footer|header|\bnav", re.IGNORECASE)
_DATE_META = frozenset({"article:published_time", "datepublished", "date", "pubdate", "publishdate", "dc.date",
                        "og:published_time", "sailthru.date"})


class _ParagraphReader(html.parser.HTMLParser):
    """The paragraphs, title and date of a page, in one pass and without a tree: any depth of
    nesting and any length of text cost the same per character."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.title: str | None = None
        self.date: str | None = None
        self._current: list[str] = []
        self._title: list[str] | None = None
        self._open: list[tuple[str, bool]] = []  # (tag, skipped) of each open element
        self._skipping = 0

    def _end_paragraph(self) -> None:
        text = " ".join("".join(self._current).split())
        if text:
            self.paragraphs.append(text)
        self._current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta":
            name = (values.get("property") or values.get("name") or values.get("itemprop") or "").lower()
            if name in _DATE_META and values.get("content") and not self.date:
                self.date = values["content"]
            elif name == "og:title" and values.get("content") and not self.title:
                self.title = " ".join(values["content"].split())
            return
        if tag == "title" and self.title is None:
            self._title = []
        if tag in _BLOCKS:
            self._end_paragraph()
        if tag in _VOID:
            return
        skipped = tag in _SKIPPED or bool(_FURNITURE.search(f"{values.get('class') or ''} {values.get('id') or ''}"))
        if tag == "p" and self._open and self._open[-1][0] == "p":  # a <p> ends an open <p>
            self.handle_endtag("p")
        self._open.append((tag, skipped))
        self._skipping += skipped

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._title is not None:
            self.title = self.title or " ".join("".join(self._title).split()) or None
            self._title = None
        if tag in _BLOCKS:
            self._end_paragraph()
        if not any(open_tag == tag for open_tag, _ in self._open):
            return  # a stray end tag
        while self._open:  # elements left open inside this one end with it
            open_tag, skipped = self._open.pop()
            self._skipping -= skipped
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._title is not None:
            self._title.append(data)
        elif not self._skipping:
            self._current.append(data)

    def close(self) -> None:
        super().close()
        self._end_paragraph()


def _read_in_one_pass(page: str) -> tuple[str | None, str | None, str]:
    """(title, date, body) of a page without a tree."""
    reader = _ParagraphReader()
    reader.feed(page)
    reader.close()
    # a paragraph of a few words is a menu item or a button more often than an article's line
    body = "\n".join(p for p in reader.paragraphs if len(p.split()) >= 4 or p.endswith((".", "!", "?", '"', "”")))
    return reader.title, reader.date, body


def _read_with_trafilatura(page: str) -> tuple[str | None, str | None, str | None, str]:
    """(title, date, author, body) by trafilatura; an empty body where it finds no article."""
    import trafilatura

    # trafilatura logs every page it finds too short or cannot parse; kgraph reports that itself
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    try:
        body = trafilatura.extract(page, include_comments=False, include_tables=False, include_images=False,
                                   include_links=False, favor_precision=True, with_metadata=False)
        if not body:
            # Short pages fall below trafilatura's precision threshold; its recall mode keeps them.
            body = trafilatura.extract(page, include_comments=False, include_tables=False, favor_recall=True)
        metadata = trafilatura.extract_metadata(page)
    except Exception:  # lxml's errors on markup it cannot build a tree of: read in one pass instead
        return None, None, None, ""
    title = metadata.title if metadata and metadata.title else None
    return title, metadata.date if metadata else None, metadata.author if metadata else None, body or ""


def document_from_html(html_text: str, source: str) -> Document:
    """Extract the article text, title and date from an HTML page.

    >>> page = ("<html><head><title>Talks</title></head><body><nav>Home | World</nav>"
    ...         "<article><h1>Ministers meet</h1><p>Ministers met in Geneva on Monday to discuss "
    ...         "the ceasefire, officials said, adding that talks would continue.</p></article>"
    ...         "<footer>Share this</footer></body></html>")
    >>> doc = document_from_html(page, "page.html")
    >>> "Home" in doc.text, "Geneva" in doc.text
    (False, True)
    """
    title = date = author = None
    body = ""
    if len(html_text) <= TREE_LIMIT_BYTES:
        title, date, author, body = _read_with_trafilatura(html_text)
    if len(body.split()) < SHORT_BODY_WORDS:
        # nothing, or a few words: lxml may have dropped what lies deeper than it nests
        one_pass_title, one_pass_date, one_pass_body = _read_in_one_pass(html_text)
        if len(one_pass_body.split()) > 2 * len(body.split()):
            body = one_pass_body
        title, date = title or one_pass_title, date or one_pass_date
    if not body.strip():
        raise InputError(source, "no article text found in the HTML page")
    text = body if not title or body.startswith(title) else f"{title}\n\n{body}"
    return document_from_text(text, source, title=title, created=_parse_date(date), author=author or None)
