"""HTML pages: keep the article (title and body paragraphs), drop menus, share buttons and forms.

Boilerplate removal is trafilatura's, a maintained extractor measured on news pages; kgraph asks it
for the main text without comments, tables, links or images, and adds the title as the first line
so that a headline's statements get provenance like any other sentence.
"""
from __future__ import annotations

import datetime as dt
import logging

from kgraph.errors import InputError
from kgraph.text.document import Document, document_from_text

__all__ = ["document_from_html"]


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def document_from_html(html: str, source: str) -> Document:
    """Extract the article text, title and date from an HTML page.

    >>> page = ("<html><head><title>Talks</title></head><body><nav>Home | World</nav>"
    ...         "<article><h1>Ministers meet</h1><p>Ministers met in Geneva on Monday to discuss "
    ...         "the ceasefire, officials said, adding that talks would continue.</p></article>"
    ...         "<footer>Share this</footer></body></html>")
    >>> doc = document_from_html(page, "page.html")
    >>> "Home" in doc.text, "Geneva" in doc.text
    (False, True)
    """
    import trafilatura

    # trafilatura logs every page it finds too short at WARNING; kgraph reports that itself.
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    logging.getLogger("htmldate").setLevel(logging.ERROR)
    try:
        body = trafilatura.extract(html, include_comments=False, include_tables=False,
                                   include_images=False, include_links=False, favor_precision=True,
                                   with_metadata=False)
        if not body:
            # Short pages fall below trafilatura's precision threshold; its recall mode keeps them.
            body = trafilatura.extract(html, include_comments=False, include_tables=False,
                                       favor_recall=True)
        metadata = trafilatura.extract_metadata(html)
    except Exception as exc:  # trafilatura raises lxml's errors on broken markup
        raise InputError(source, f"cannot parse HTML ({exc.__class__.__name__})") from None
    if not body:
        raise InputError(source, "no article text found in the HTML page")
    title = metadata.title if metadata and metadata.title else None
    text = body if not title or body.startswith(title) else f"{title}\n\n{body}"
    created = _parse_date(metadata.date if metadata else None)
    author = metadata.author if metadata and metadata.author else None
    return document_from_text(text, source, title=title, created=created, author=author)
