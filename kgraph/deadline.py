"""Work that must end in time: it runs in a forked child process, which is killed when its time is up.

Query engines cannot be interrupted from Python: a regular expression that backtracks runs inside
C, Oxigraph's engine inside Rust, and neither looks at a clock. A child process can always be
stopped. The child shares the parent's memory as it was at the fork (an rdflib graph, an open
store: nothing is copied or pickled on the way in) and sends back only its answer. Its memory is
bounded too, so a query over a damaged store cannot take the machine's.

Examples
--------
>>> call_with_deadline(sum, [1, 2, 3], seconds=10)
6
>>> import time
>>> call_with_deadline(time.sleep, 30, seconds=0.2)
Traceback (most recent call last):
...
kgraph.errors.QueryTimeout: the query ran longer than 0.2 s and was stopped
"""
from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from kgraph.errors import KgraphError, QueryError, QueryTimeout

__all__ = ["call_with_deadline", "child_memory_budget"]

T = TypeVar("T")


def child_memory_budget() -> int:
    """How much memory a child may take beyond what it shares with its parent: half the machine's
    memory, at least 2 GiB."""
    try:
        physical = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):  # not every system says
        physical = 8 << 30
    return max(2 << 30, physical // 2)


def _bound_memory(budget: int) -> None:
    """Cap the child's address space at what it has now plus ``budget`` (Linux; elsewhere, no cap)."""
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as statm:
            current = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        resource.setrlimit(resource.RLIMIT_AS, (current + budget, resource.RLIM_INFINITY))
    except (ImportError, OSError, ValueError):
        pass


def _describe(exc: BaseException, what: str) -> KgraphError:
    """What the parent raises for an exception in the child."""
    if isinstance(exc, KgraphError):
        return exc
    if isinstance(exc, RecursionError):
        return QueryError(f"{what} is nested too deeply to run")
    if isinstance(exc, MemoryError):
        return QueryError(f"{what} needed more memory than it may use and was stopped")
    return QueryError(f"cannot run {what}: {' '.join(str(exc).split())[:200]}")


def _run_in_child(function: Callable[..., Any], args: tuple, sending: Connection, budget: int, what: str) -> None:
    _bound_memory(budget)
    try:
        answer: tuple[str, Any] = ("answer", function(*args))
    except BaseException as exc:  # sent to the parent, which raises it as one line
        answer = ("error", _describe(exc, what))
    try:
        sending.send(answer)
    except Exception as exc:  # an answer that cannot be pickled
        sending.send(("error", _describe(exc, what)))
    finally:
        sending.close()


def _call_in_thread(function: Callable[..., T], args: tuple, seconds: float, what: str) -> T:
    """Where processes cannot fork: a thread that is left to finish in the background."""
    import concurrent.futures

    pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
    future = pool.submit(function, *args)
    pool.shutdown(wait=False)
    try:
        return future.result(timeout=seconds)
    except concurrent.futures.TimeoutError:
        raise QueryTimeout(f"{what} ran longer than {seconds:g} s and was abandoned") from None


def call_with_deadline(function: Callable[..., T], *args: Any, seconds: float | None, what: str = "the query",
                       memory: int | None = None) -> T:
    """``function(*args)``, computed in a forked child process that is killed after ``seconds``.

    Parameters
    ----------
    seconds : float or None
        How long the child may run (None: as long as it takes, its memory bounded all the same).
    what : str
        What is being computed, for the messages ("the query").
    memory : int, optional
        The bytes the child may allocate beyond its parent's (:func:`child_memory_budget` by default).

    Raises
    ------
    QueryTimeout
        When the time is up.
    QueryError
        When the child fails (the exception it raised, as one line) or dies without an answer.
    """
    if "fork" not in multiprocessing.get_all_start_methods():
        return function(*args) if seconds is None else _call_in_thread(function, args, seconds, what)
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(target=_run_in_child, daemon=True,
                            args=(function, args, sending, memory or child_memory_budget(), what))
    child.start()
    sending.close()
    try:
        if not receiving.poll(seconds):
            raise QueryTimeout(f"{what} ran longer than {seconds:g} s and was stopped")
        kind, value = receiving.recv()
    except EOFError:
        raise QueryError(f"{what} stopped without an answer (it ran out of memory?)") from None
    finally:
        receiving.close()
        if child.is_alive():  # the time is up, or the parent was interrupted (Ctrl-C)
            child.kill()
        child.join()
    if kind == "error":
        raise value
    return value
