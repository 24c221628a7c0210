"""Reading inputs: plain text and HTML files become :class:`Document` objects.

The text of a document is exactly what the later stages analyse and what every character offset
in the graph's provenance points into: for a plain-text file its whole content (decoded, with
Windows line endings turned into ``\\n``), for an HTML page the article's title and body
paragraphs, one per line, as :mod:`kgraph.text.html` extracts them.

Examples
--------
>>> from kgraph.text import document_from_text
>>> doc = document_from_text("Protests erupted in Almaty.")
>>> doc.text
'Protests erupted in Almaty.'
>>> doc.source
'<text>'
"""
from __future__ import annotations

from kgraph.text.document import Document, document_from_bytes, document_from_text, load_document

__all__ = ["Document", "document_from_bytes", "document_from_text", "load_document"]
