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
           "OutputError", "OutputFormatError"]


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

    def __reduce__(self) -> tuple:
        # rebuilt from both parts when it crosses a process boundary (a worker, a query's child)
        return (type(self), (self.source, self.problem))


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


class OutputError(KgraphError):
    """An output that cannot be written: a folder in the file's place, a missing folder, a
    read-only or full disk. Nothing is left half-written.

    Parameters
    ----------
    target : str
        The output as the user named it.
    problem : str
        What is wrong, in a few words.
    """

    def __init__(self, target: str, problem: str) -> None:
        self.target = target
        self.problem = problem
        super().__init__(f"{target}: {problem}")

    def __reduce__(self) -> tuple:
        return (type(self), (self.target, self.problem))


class OutputFormatError(KgraphError):
    """An output file whose suffix names no format kgraph writes."""
