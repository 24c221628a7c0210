"""The SPARQL queries shipped with kgraph, as strings and by name.

Each ``.rq`` file in this folder is a query; its name is the file name without the suffix, and
its text is also a module constant in upper case (``who-said-what-to-whom`` ->
``WHO_SAID_WHAT_TO_WHOM``).

Examples
--------
>>> from kgraph import queries
>>> "who-deployed-where" in queries.names()
True
>>> queries.get("who-said-what-to-whom") == queries.WHO_SAID_WHAT_TO_WHOM
True
"""
from __future__ import annotations

from importlib import resources

__all__ = ["names", "get", "describe", "unordered", "WHO_SAID_WHAT_TO_WHOM", "WHO_DEPLOYED_WHERE", "WHO_MET_WHOM",
           "CASUALTIES", "EVENTS", "ENTITIES", "ALIASES"]


def _files() -> dict[str, str]:
    folder = resources.files(__name__)
    return {entry.name[:-3]: entry.read_text(encoding="utf-8")
            for entry in folder.iterdir() if entry.name.endswith(".rq")}


_QUERIES = _files()


def names() -> list[str]:
    """The names of the shipped queries, sorted."""
    return sorted(_QUERIES)


def get(name: str) -> str:
    """The text of a shipped query.

    Raises
    ------
    KeyError
        If no shipped query has that name.
    """
    return _QUERIES[name]


def unordered(text: str) -> str:
    r"""A query without its closing ``ORDER BY`` clause.

    Sorting needs every row before the first; a page of a large answer does not. kgraph runs
    a shipped query this way when asked for a page (``--limit``), so the page comes in the
    store's own order, which stays the same while the store does.

    >>> unordered("SELECT ?x WHERE { ?x ?p ?o }\nORDER BY ?x\n")
    'SELECT ?x WHERE { ?x ?p ?o }\n'
    """
    at = text.rfind("\nORDER BY")
    return text[:at + 1] if at != -1 and "}" not in text[at:] else text


def describe(name: str) -> str:
    """The first comment line of a shipped query: what it answers."""
    for line in _QUERIES[name].splitlines():
        if line.startswith("#"):
            return line.lstrip("# ").strip()
    return ""


WHO_SAID_WHAT_TO_WHOM = _QUERIES["who-said-what-to-whom"]
WHO_DEPLOYED_WHERE = _QUERIES["who-deployed-where"]
WHO_MET_WHOM = _QUERIES["who-met-whom"]
CASUALTIES = _QUERIES["casualties"]
EVENTS = _QUERIES["events"]
ALIASES = _QUERIES["aliases"]
ENTITIES = _QUERIES["entities"]
