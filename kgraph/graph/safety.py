"""Graph files from elsewhere are read without reaching out: no remote JSON-LD contexts, no
external XML entities.

rdflib's JSON-LD parser fetches a context named by URL (``"@context": "https://..."``), which
lets a file make kgraph send requests on its reader's behalf; an RDF/XML file can declare
entities that stand for other files or URLs. kgraph refuses both before parsing, with a one-line
message naming the file; inline contexts and internal XML entities (``&xsd;``) are fine.

Examples
--------
>>> remote_contexts({"@context": ["https://schema.org/", {"name": "http://schema.org/name"}]})
['https://schema.org/']
>>> remote_contexts({"@context": {"@vocab": "http://schema.org/"}, "@graph": []})
[]
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from kgraph.errors import InputError

__all__ = ["check_graph_file", "remote_contexts"]

# <!ENTITY name SYSTEM "uri"> or <!ENTITY % name PUBLIC "id" "uri">: entities read from elsewhere
_EXTERNAL_ENTITY = re.compile(rb"<!ENTITY\s+(?:%\s*)?[^\s>]+\s+(?:SYSTEM|PUBLIC)\b", re.IGNORECASE)


def remote_contexts(node: object) -> list[str]:
    """Every JSON-LD context a parsed document names by reference (a string, or ``@import``)."""
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "@context":
                for context in value if isinstance(value, list) else [value]:
                    if isinstance(context, str):
                        found.append(context)
                    elif isinstance(context, dict) and isinstance(context.get("@import"), str):
                        found.append(context["@import"])
            found.extend(remote_contexts(value))
    elif isinstance(node, list):
        for item in node:
            found.extend(remote_contexts(item))
    return found


def check_graph_file(path: str | Path, rdf_format: str) -> str | None:
    """Refuse a graph file that would make its parser fetch something; returns the JSON-LD
    text read for the check (so that the file is read once), else None.

    Raises
    ------
    InputError
        For a remote JSON-LD context, an external XML entity, or JSON-LD that is not JSON.
    """
    source = str(path)
    if rdf_format == "json-ld":
        text = Path(path).read_text(encoding="utf-8", errors="replace")
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(source, f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
        remote = remote_contexts(data)
        if remote:
            raise InputError(source, f"refers to a JSON-LD context elsewhere ({remote[0][:80]}), which kgraph does "
                                     "not fetch; put the context in the file")
        return text
    if rdf_format == "xml":
        with open(path, "rb") as file:
            head = file.read(1 << 20)  # a DOCTYPE comes before the document's element
        if _EXTERNAL_ENTITY.search(head):
            raise InputError(source, "declares external XML entities (SYSTEM or PUBLIC), which kgraph does not read")
    return None
