"""One node per real-world entity across the documents of a build.

Within a document the extractor already merged "Olaf Scholz", "Scholz" and "the chancellor".
Across documents, :class:`EntityIndex` matches each new document's entities against the nodes
already in the graph, by the same evidence: the same name or alias, a surname alone that fits
exactly one known person, a small misspelling of a full name, an acronym and its expansion.
When the evidence is ambiguous (two known people share the surname) a new node is made: a wrong
merge is worse than a missed one.

Examples
--------
>>> import kgraph
>>> graph = kgraph.build(["Chancellor Olaf Scholz spoke in Berlin.", "Scholz said the talks failed."])
>>> sorted(r["label"] for r in graph.query("entities") if r["type"] == "Person")
['Olaf Scholz']
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import fuzz
from rdflib import RDF, RDFS, Graph, URIRef

from kgraph.records import Entity
from kgraph.names import title_gender
from kgraph.graph.namespace import KG

__all__ = ["EntityIndex"]

_SAME_NAME = 88
_STOP = frozenset("of the and for on in de du des".split())


def _norm(name: str) -> str:
    return " ".join(re.sub(r"[^\w\s-]", " ", name.lower().replace("’", "'")).split())


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w.lower() not in _STOP and w[:1].isupper())


class EntityIndex:
    """The graph's entities by name, for matching the entities of a new document."""

    def __init__(self, graph: Graph) -> None:
        self._names: dict[tuple[str, str], set[URIRef]] = {}
        self._surnames: dict[str, set[URIRef]] = {}
        # full names by the first three letters of the surname: a misspelt name is looked for
        # among a handful, not among every person of the corpus
        self._full: dict[str, dict[URIRef, set[str]]] = {}
        self._acronyms: dict[str, set[URIRef]] = {}  # "NATO" -> the North Atlantic Treaty Organization
        self._gender: dict[URIRef, str] = {}  # people whose titles say "Mrs." or "Mr."
        for cls in ("Person", "Organization", "Place"):
            for node in graph.subjects(RDF.type, KG[cls]):
                if isinstance(node, URIRef) and graph.value(node, KG.named) is None:
                    names = [str(o) for o in graph.objects(node, RDFS.label)] + [str(o) for o in graph.objects(node, KG.alias)]
                    self.add(node, cls, names, [str(o) for o in graph.objects(node, KG.title)])

    def add(self, node: URIRef, etype: str, names: list[str], titles: Iterable[str] = ()) -> None:
        """Note a node, the names it goes by and its titles."""
        gender = title_gender(titles) if etype == "Person" else None
        if gender and self._gender.setdefault(node, gender) != gender:
            self._gender[node] = "both"  # titles disagree: they tell nothing
        for name in names:
            key = _norm(name)
            if not key:
                continue
            self._names.setdefault((etype, key), set()).add(node)
            words = key.split()
            if etype == "Organization" and len(words) > 1:
                self._acronyms.setdefault(_initials(name.title()).upper(), set()).add(node)
            if etype == "Person" and len(words) > 1:
                self._surnames.setdefault(words[-1], set()).add(node)
                self._full.setdefault(words[-1][:3], {}).setdefault(node, set()).add(key)

    def match(self, entity: Entity) -> URIRef | None:
        """The known node this entity is, or None."""
        if not entity.named:
            return None
        gender = title_gender(entity.titles) if entity.type == "Person" else None

        def fitting(nodes: set[URIRef]) -> set[URIRef]:
            """The nodes whose titles do not say the other gender: "Mrs. Trump" is not "Mr. Trump"."""
            return {node for node in nodes if self._gender.get(node, gender) in {gender, "both"}} if gender else nodes

        names = [entity.label, *entity.aliases]
        found: set[URIRef] = set()
        for name in names:
            found |= self._names.get((entity.type, _norm(name)), set())
        found = fitting(found)
        if len(found) == 1:
            return next(iter(found))
        if found:
            return None  # two known entities answer to this name: do not guess
        label = _norm(entity.label)
        words = label.split()
        if entity.type == "Person" and words:
            if len(words) == 1:
                candidates = fitting(self._surnames.get(words[0], set()))
                return next(iter(candidates)) if len(candidates) == 1 else None
            close = fitting({node for node, fulls in self._full.get(words[-1][:3], {}).items() for full in fulls
                             if full.split()[0][:1] == words[0][:1] and fuzz.ratio(full, label) >= _SAME_NAME})
            return next(iter(close)) if len(close) == 1 else None
        if entity.type == "Organization":
            acronym = entity.label.replace(".", "")
            if acronym.isupper() and len(acronym) >= 2:
                close = self._acronyms.get(acronym, set())
            else:
                close = self._names.get(("Organization", _norm(_initials(entity.label))), set())
                close = close if len(_initials(entity.label)) >= 2 else set()
            return next(iter(close)) if len(close) == 1 else None
        return None
