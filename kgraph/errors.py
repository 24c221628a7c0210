"""kgraph's exceptions: one base class, a few specific kinds.

Every error a user can cause (a missing file, a bad query, an unknown format) is a
:class:`KgraphError` whose message is one line naming the thing at fault, so the command line
prints it as it is instead of a traceback.

Examples
--------
>>> from kgraph.errors import InputError, KgraphError
>>> issubclass(InputError, KgraphError)
True
>>> str(InputError("notes.txt", "file not found"))
'notes.txt: file not found'
"""
from __future__ import annotations

__all__ = ["KgraphError", "InputError", "InputWarning", "ModelNotFoundError", "QueryError", "QueryTimeout",
           "OutputFormatError"]


class KgraphError(Exception):
    """The base class of every error kgraph raises on purpose."""


class InputError(KgraphError):
    """An input (a file, a text, a graph) that kgraph cannot read.

    Parameters
    ----------
    source : str
        The input as the user named it: a path, a URL or ``<text 1>``.
    problem : str
        What is wrong with it, in a few words.
    """

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class InputWarning(UserWarning):
    """An input kgraph read but could not make full sense of (a text in another language).

    The message starts with the input's name, like an :class:`InputError`'s.
    """


class ModelNotFoundError(KgraphError):
    """No usable spaCy model is installed."""


class QueryError(KgraphError):
    """A SPARQL query that cannot be parsed, is not allowed, or names no shipped query."""


class QueryTimeout(QueryError):
    """A query that ran longer than the time it was given."""


class OutputFormatError(KgraphError):
    """An output file whose suffix names no format kgraph writes."""
