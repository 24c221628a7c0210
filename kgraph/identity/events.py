"""One node per real-world event: the reports of one event, within an article and across
articles, become one event with a provenance span and a trigger mention per report.

Conservative, since a wrong merge is worse than none: two reports are one event only when they
share what identifies it and nothing they say contradicts it:

* a **statement**: the same speaker (a named entity, or in two articles of one story the same
  description: "police said") and the same or overlapping content (at least half of the content
  words of the shorter report are in the longer one, and at least three of them, words compared
  by their stems);
* a **contact**: the same two or more participants, or in two articles of one story one named
  participant in common;
* a **deployment**: the same agent and the same destination;
* an **attack**: the same named target, or the same place where no target is named ("a police
  checkpoint" of one article is not known to be another's);
* a **death**: the same victim (a named person), or the same place and the same count;
* a **protest**: the same place.

Nothing may contradict: calendar dates, counts, what was deployed, a denial ("did not attack"
against "attacked"; "allegedly shot" and "will host" tell the event all the same), and the
entities both reports give for the same role (two different places, two different victims; a
person and the company attacked in another report do not differ) must agree. Two events of
one sentence are two events; two of one article are one only through a named actor they share
(an article may tell two killings of one place and count apart), a noun that points back ("the
killing"), or a report of another article they both agree with, where they share a role's
filler or their trigger's word and neither is marked as another ("another attack", "attacked
the checkpoint again"). Copies of one statement in
several articles (the same speaker, the same words) are one event first, as their closest pair
would be; then clusters only grow by pairs that agree with every member already in them, taken
in an order fixed by the documents' contents, so the result does not depend on the order of
the input.

Examples
--------
>>> from kgraph.records import Event, Extraction, Role, TextSpan
>>> from kgraph.text import Document
>>> def report(text, content):
...     said = Event("Statement", TextSpan(0, len(text), text), TextSpan(6, 10, "said"),
...                  (Role("speaker", entity="Person/x"), Role("content", literal=content)))
...     return Extraction(Document(text, text), events=(said,))
>>> reports = [report("Tokayev said it was a terrorist attack by foreign fighters.", "it was a terrorist attack by foreign fighters"),
...            report("He said: it was a terrorist attack, foreign fighters behind it.", "it was a terrorist attack, foreign fighters")]
>>> entity_of = {(r.document.digest, "Person/x"): "person/tokayev" for r in reports}
>>> nodes, event_of = resolve_events(reports, entity_of)
>>> [len(node.members) for node in nodes.values()]
[2]
"""
from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy

from kgraph.records import Event, Extraction

__all__ = ["EventNode", "resolve_events", "event_key"]

# content words of two reports of one statement: the shorter's share found in the longer, and how many
CONTENT_OVERLAP = 0.5
MIN_SHARED_WORDS = 3
# ... and of two reports of two articles that share no named speaker (a quote every outlet
# repeats, its speaker read in one article only or in none): nearly the same words, and many
QUOTE_OVERLAP = 0.8
MIN_QUOTED_WORDS = 6
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_FUNCTION_WORDS = frozenset("""
a an the and or but if of to in on at by for with from as into about over after before than that this these those
it its it's is are was were be been being has have had do does did will would shall should can could may might must
not no nor so such there here their them they he she his her him we our us you your i me my mine who whom whose which
what when where why how all any both each few more most other some own same too very just also only then once
said says say told tell according
""".split())
# roles whose entities must agree where both reports name one
_IDENTIFYING_ROLES = ("speaker", "agent", "destination", "target", "attacker", "victim", "place", "participant")


@dataclass(frozen=True)
class EventNode:
    """A real-world event: the reports it is made of.

    ``members`` are (document digest, index of the event in its extraction), the first being the
    report the event is named after (the earliest by document and position).
    """

    key: str
    cls: str
    members: tuple[tuple[str, int], ...]


def event_key(document_digest: str, event: Event) -> str:
    """The name of an event node after ``event/``, made from its first report."""
    seed = f"{document_digest}|{event.trigger.begin}|{event.trigger.end}|{event.cls}"
    return hashlib.sha1(seed.encode()).hexdigest()[:16]


@dataclass
class _Report:
    doc: str
    index: int
    event: Event
    roles: dict[str, set[str]]  # role -> entity node keys
    literals: dict[str, str]  # first literal of each role (count, date, content...)
    words: frozenset[str]
    week: str | None  # the ISO week of the event's date, else of the article's, else None
    word_before: str  # the word right before the trigger in its sentence (lower case), or ""
    stem: str = ""  # the trigger's stem (see _trigger_stem): "announced" and "announcement" alike, "died" and "killed"
    another: bool = False  # the text marks it as another event than one told before (see _marks_another)
    restating: str = ""  # the words after the trigger that lead to a noun for the same event ("murder in the death of")

    @property
    def member(self) -> tuple[str, int]:
        return (self.doc, self.index)

    @property
    def order(self) -> tuple[str, int, int]:
        return (self.doc, self.event.trigger.begin, self.index)


def _content_words(text: str) -> frozenset[str]:
    """The stems of the words of a text other than function words: "hosting" and "host", "talks"
    and "talk" are one word, since outlets retell a statement in their own inflections."""
    return frozenset(_stem(w) for w in (m.lower() for m in _WORD.findall(text)) if w not in _FUNCTION_WORDS)


def _reports(extractions: Sequence[Extraction], entity_of: dict[tuple[str, str], str]) -> list[_Report]:
    reports = []
    words_of: dict[str, frozenset[str]] = {}  # (copies of a story say the same: read once, held once)
    for extraction in sorted(extractions, key=lambda e: e.document.digest):
        digest = extraction.document.digest
        for index, event in enumerate(extraction.events):
            roles: dict[str, set[str]] = defaultdict(set)
            literals: dict[str, str] = {}
            for role in event.roles:
                if role.entity is not None and (digest, role.entity) in entity_of:
                    roles[role.name].add(entity_of[(digest, role.entity)])
                elif role.literal is not None:
                    literals.setdefault(role.name, str(role.literal))
            content = " ".join(str(r.literal) for r in event.roles if r.name == "content" and r.literal)
            day = _date(literals.get("date")) or extraction.document.created
            week = "{}-{}".format(*day.isocalendar()[:2]) if day else None
            before = extraction.document.text[event.sentence.begin:event.trigger.begin].split()
            words = words_of.get(content)
            if words is None:
                words = words_of[content] = _content_words(content)
            # (the few words after the trigger that _marks_another reads, not the sentence's rest)
            following = extraction.document.text[event.trigger.end:min(event.sentence.end, event.trigger.end + 60)]
            restating = _RESTATING.match(following)
            reports.append(_Report(digest, index, event, dict(roles), literals, words, week,
                                   before[-1].lower() if before else "", _trigger_stem(event.trigger.text),
                                   _marks_another(before, following.split()),
                                   restating.group() if restating else ""))
    return reports


# words that tell an event from one told before: "another attack", "a second blast", "attacked again"
_ANOTHER_BEFORE = frozenset("another second third fourth fifth earlier previous prior separate other new".split())
_ANOTHER_AFTER = frozenset({"again"})


def _marks_another(before: list[str], after: list[str]) -> bool:
    """Whether the words around a trigger mark it as another event of its kind: one of
    _ANOTHER_BEFORE in the three words before it, or "again" in the four after it.

    >>> _marks_another("a few hours later, another deadly".split(), ["killed", "two"])
    True
    >>> _marks_another(["rebels"], "the checkpoint again".split()), _marks_another(["the"], "killing of a man".split())
    (True, False)
    """
    words = [w.strip(",.;:\"'“”‘’()").lower() for w in before[-3:]]
    later = [w.strip(",.;:\"'“”‘’()").lower() for w in after[:4]]
    return bool(_ANOTHER_BEFORE.intersection(words) or _ANOTHER_AFTER.intersection(later))


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


# a day told relative to an article's date ("today", "on Saturday") may be a few days off the day
# another article gives: each outlet dates it from its own publication, or from a quote's
RELATIVE_DAYS_APART = 3
_EXPLICIT = re.compile(r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.IGNORECASE)


# what leads from one trigger to another noun for the same event in one sentence: "charged with
# murder in the death of", "arrested for the killing of"
_RESTATING = re.compile(r"\s+(?:in|for|over)\s+(?:the\s+|her\s+|his\s+|their\s+|its\s+)?", re.IGNORECASE)


def _restates(a: _Report, b: _Report) -> bool:
    """Whether the later of two triggers of one sentence comes right after the earlier one and
    "in", "for" or "over" ("murder in the death of Zurana Horton"): two words for one event."""
    first, second = sorted((a, b), key=lambda r: r.event.trigger.begin)
    gap = second.event.trigger.begin - first.event.trigger.end
    return bool(first.restating) and gap == len(first.restating)


def _restating_pairs(reports: list[_Report]) -> Iterator[tuple[int, int]]:
    """Reports of one class in one sentence, the later trigger restating the earlier (see
    :func:`_restates`)."""
    by_sentence: dict[tuple, list[int]] = defaultdict(list)
    for i, report in enumerate(reports):
        if report.restating:
            by_sentence[(report.doc, report.event.sentence.begin, report.event.cls)].append(i)
    for i, report in enumerate(reports):
        for x in by_sentence.get((report.doc, report.event.sentence.begin, report.event.cls), ()):
            if x != i and _restates(reports[x], report):
                yield min(x, i), max(x, i)


def _unreal(report: _Report) -> str | None:
    """The factuality of a report that tells of no event that took place: negated, intended
    ("threatened to kill") or attempted ("tried to kill"); else None."""
    factuality = report.event.factuality
    return factuality if factuality in {"negated", "intended", "attempted"} else None


def _dates_differ(a: _Report, b: _Report) -> bool:
    """Whether two reports give two days: two days written out ("March 9", "March 11") differ;
    a day told relative to its article ("today", "on Saturday") only differs from another
    more than RELATIVE_DAYS_APART days away."""
    first, second = _date(a.literals.get("date")), _date(b.literals.get("date"))
    if first is None or second is None or first == second:
        return False
    if all(_EXPLICIT.search(r.literals.get("time", "")) for r in (a, b)):
        return True
    return abs((first - second).days) > RELATIVE_DAYS_APART


def _named(node: str) -> bool:
    return "--" not in node  # unnamed entities carry their document in the key


def _blocks(report: _Report) -> list[tuple]:
    """What two reports of one event other than a statement must share, as keys: only reports
    with a key in common, in the same week (or both undated), are compared."""
    return [(*key, report.week) for key in _shared(report)]


def _shared(report: _Report) -> list[tuple]:
    cls, roles = report.event.cls, report.roles
    if cls == "Contact":
        people = frozenset(roles.get("participant", ()))
        return [("participants", people)] if len(people) >= 2 else []
    if cls == "Deployment":
        return [("deployment", a, d) for a in roles.get("agent", ()) for d in roles.get("destination", ())]
    if cls == "Attack":
        # a named person who attacked in one week: one shooting spree, one stabbing (an
        # organisation, such as an armed group, may attack many times a week)
        shooters = [("attacker", a) for a in roles.get("attacker", ()) if _named(a) and a.startswith("person/")]
        targets = [("target", t) for t in roles.get("target", ())]
        if any(_named(t) for t in roles.get("target", ())):
            return targets + shooters
        # a target known by a description ("an office party") is its article's own: across
        # articles, the place is what two reports can share
        return targets + [("place", p) for p in roles.get("place", ())] + shooters
    if cls == "Death":
        # a named person who killed in one week: one killing (as for an attack)
        keys: list[tuple] = [("victim", v) for v in roles.get("victim", ()) if _named(v)]
        keys += [("attacker", a) for a in roles.get("attacker", ()) if _named(a) and a.startswith("person/")]
        if "count" in report.literals:
            keys += [("place-count", p, report.literals["count"]) for p in roles.get("place", ())]
        return keys
    if cls == "Protest":
        return [("place", p) for p in roles.get("place", ())]
    return []


def _agree(a: _Report, b: _Report) -> bool:
    """Whether two reports can be one event: nothing they both say differs."""
    return _agree_as(a, b, a.doc == b.doc)


def _agree_as(a: _Report, b: _Report, same_document: bool, same_story: bool = False, vouched: bool = False) -> bool:
    """:func:`_agree`, for two reports of one document or of two (what it reads of two reports
    of two documents is their :func:`_signature`); ``same_story``: the two documents tell one
    story (see :func:`_story_links`), so that speakers of one description are one speaker;
    ``vouched``: two reports of one document that a report of another article agrees with (the
    clusters they are in join), which then need no named actor in common."""
    if a.event.cls != b.event.cls:
        return False
    one_sentence = same_document and a.event.sentence == b.event.sentence
    restated = one_sentence and _restates(a, b)
    if one_sentence and not restated:
        return False  # two events of one sentence are two events
    if "count" in a.literals and "count" in b.literals and a.literals["count"] != b.literals["count"]:
        return False
    if _dates_differ(a, b):
        return False
    if _unreal(a) != _unreal(b):
        # "did not send" is not the sending, nor "threatened to kill" the killing ("allegedly
        # shot", "will host" may be)
        return False
    for role in _IDENTIFYING_ROLES:
        first, second = a.roles.get(role, set()), b.roles.get(role, set())
        if not same_document or vouched:
            # "a woman" in one article and "the victim" in another may be one person: entities
            # known only by a description belong to their article, so only names can differ
            # (and of one article's two reports that another article's report agrees with,
            # "the gunman" of one may be the named man of the other)
            first, second = {n for n in first if _named(n)}, {n for n in second if _named(n)}
        if _differ(first, second, by_type=role != "speaker"):
            return False
    if a.event.cls == "Statement":
        shorter, longer = sorted((a.words, b.words), key=len)
        shared = len(shorter & longer)
        if shared < MIN_SHARED_WORDS or shared < CONTENT_OVERLAP * len(shorter):
            return False
        if not (_share_named_actor(a, b) or (same_story and _same_described_speaker(a, b))) and (
                shared < MIN_QUOTED_WORDS or shared < QUOTE_OVERLAP * len(shorter)):
            return False  # without a speaker in common, only the same words make one statement
    if a.event.cls == "Contact" and not same_document and not _share_named_actor(a, b):
        return False  # meetings of one story are one only with someone named in both
    if a.event.cls == "Death" and not (a.roles.get("victim", set()) & b.roles.get("victim", set())):
        tolls = (_death_toll(a), _death_toll(b))
        if None not in tolls and tolls[0] != tolls[1]:
            return False
    if "theme" in a.literals and "theme" in b.literals and not (
            _content_words(a.literals["theme"]) & _content_words(b.literals["theme"])):
        return False  # "troops" and "military equipment": two deployments
    if same_document and a.event.cls == "Statement":
        return False  # a speaker who says a thing twice in one article said it twice
    through_another = vouched and not (a.another or b.another) and (
        a.stem == b.stem or _share_any_filler(a, b) or _same_count(a, b))
    if same_document and not (through_another or restated) and not (_share_named_actor(a, b) or _refers_back(a, b)):
        # within one article, sentences that give the same place and count may still tell two
        # events apart ("150 killed in the protests", "150 killed in the violence"): only a
        # named speaker, victim, target, agent or participant makes them one, or a later noun
        # that points back ("... was shot dead. The killing ...")
        return False
    return True


def _differ(first: set[str], second: set[str], by_type: bool) -> bool:
    """Whether two reports name different entities for one role. ``by_type``: only entities of
    one type can differ, since a role may hold a person in one report and the place or the
    organisation it happened to in another (an attack "on the office party", "on its host");
    the speakers of one statement are always compared (a person and an organisation that say
    the same are two sources).

    >>> _differ({"person/a"}, {"person/b"}, True), _differ({"person/a"}, {"place/b"}, True)
    (True, False)
    >>> _differ({"person/a", "place/b"}, {"place/b"}, True), _differ({"person/a"}, {"place/b"}, False)
    (False, True)
    """
    if not first or not second or first & second:
        return False
    if not by_type:
        return True
    types = {n.split("/")[0] for n in first} & {n.split("/")[0] for n in second}
    return bool(types)


def _signature(report: _Report) -> tuple:
    """All that :func:`_agree_as` reads of a report compared with one of another document:
    reports of one signature (the same story told alike by several outlets, a wire copy) agree
    or disagree alike with any report of another document."""
    event = report.event
    roles = report.roles
    named = tuple(frozenset(n for n in roles[role] if _named(n)) if role in roles else _NONE
                  for role in _IDENTIFYING_ROLES)
    literals = tuple(report.literals.get(role) for role in ("count", "date", "time", "theme"))
    return (event.cls, _unreal(report), literals, named, report.words if event.cls == "Statement" else None,
            _described(report) if event.cls == "Statement" else None)


_NONE: frozenset[str] = frozenset()


class _Clusters:
    """Reports joined into events, each cluster growing only by reports that agree with every
    member. A cluster keeps its members by signature and by document, so that checking two
    clusters costs their distinct signatures and the pairs of one document, not every pair
    (a story copied by a hundred sites is one signature). A report alone keeps nothing but its
    cluster's number: most never join another, and a large corpus has hundreds of thousands."""

    def __init__(self, reports: list[_Report], stories: set[tuple[str, str]] | None = None) -> None:
        self.reports = reports
        self.stories = stories or set()
        ids: dict[tuple, int] = {}
        self.signature = [ids.setdefault(_signature(r), len(ids)) for r in reports]
        self.example: dict[int, int] = {}  # signature -> a report of it
        for i, signature in enumerate(self.signature):
            self.example.setdefault(signature, i)
        self.cluster_of = list(range(len(reports)))
        # clusters of two reports or more (a cluster is numbered after its first report)
        self._members: dict[int, list[int]] = {}
        self._by_signature: dict[int, dict[int, set[str]]] = {}
        self._by_document: dict[int, dict[str, list[int]]] = {}
        # (signature, signature) -> whether they agree as reports of two stories, and as
        # reports of one story (which lets speakers of one description be one speaker)
        self._across: dict[tuple[int, int], tuple[bool, bool]] = {}
        self._barred: dict[int, set[int]] = {}  # cluster -> the clusters it cannot join

    def members(self, cluster: int) -> list[int]:
        return self._members.get(cluster) or [cluster]

    def clusters(self) -> list[list[int]]:
        """The members of every cluster, in the order of their first report."""
        return [self.members(i) for i in range(len(self.reports)) if self.cluster_of[i] == i]

    def _signatures(self, cluster: int) -> dict[int, set[str]]:
        return self._by_signature.get(cluster) or {self.signature[cluster]: {self.reports[cluster].doc}}

    def _documents(self, cluster: int) -> dict[str, list[int]]:
        return self._by_document.get(cluster) or {self.reports[cluster].doc: [cluster]}

    def agree(self, x: int, y: int) -> bool:
        """:func:`_agree` of two reports; of two documents, read once per pair of signatures."""
        if self.reports[x].doc == self.reports[y].doc:
            return _agree(self.reports[x], self.reports[y])
        return self._agree_across(self.signature[x], self.signature[y], {self.reports[x].doc}, {self.reports[y].doc})

    def _agree_across(self, first: int, second: int, first_docs: set[str], second_docs: set[str]) -> bool:
        """Whether reports of two signatures, of these documents, agree (pairs of one document
        aside: their check is another)."""
        key = (first, second)
        if key not in self._across:
            a, b = self.reports[self.example[first]], self.reports[self.example[second]]
            apart = _agree_as(a, b, False)
            self._across[key] = (apart, apart or _agree_as(a, b, False, same_story=True))
        apart, together = self._across[key]
        if apart or not together:
            return apart
        return all(x == y or tuple(sorted((x, y))) in self.stories for x in first_docs for y in second_docs)

    def can_join(self, cx: int, cy: int) -> bool:
        """Whether every report of one cluster agrees with every report of the other."""
        for first, first_docs in self._signatures(cx).items():
            for second, second_docs in self._signatures(cy).items():
                # (only pairs of two documents are judged by signature; when both sides are one
                # and the same document, the check below has them)
                if len(first_docs | second_docs) > 1 and not self._agree_across(first, second, first_docs, second_docs):
                    return False
        documents_x, documents_y = self._documents(cx), self._documents(cy)
        for doc in documents_x.keys() & documents_y.keys():
            if not all(_agree_as(self.reports[a], self.reports[b], True, vouched=True)
                       for a in documents_x[doc] for b in documents_y[doc]):
                return False
        return True

    def may_join(self, cx: int, cy: int) -> bool:
        """:meth:`can_join`, remembering the pairs that cannot: a cluster only grows, so one
        that disagrees with another disagrees with it and anything either later absorbs (the
        copies of two events of one story, each pair of copies a candidate, are judged once)."""
        if cy in self._barred.get(cx, ()):
            return False
        if self.can_join(cx, cy):
            return True
        self._barred.setdefault(cx, set()).add(cy)
        self._barred.setdefault(cy, set()).add(cx)
        return False

    def join(self, cx: int, cy: int) -> None:
        keep, gone = min(cx, cy), max(cx, cy)
        for other in self._barred.pop(gone, ()):  # (what barred the absorbed cluster bars the whole)
            self._barred[other].discard(gone)
            self._barred[other].add(keep)
            self._barred.setdefault(keep, set()).add(other)
        if keep not in self._members:  # a report alone until now: its tables, made
            self._members[keep] = [keep]
            self._by_signature[keep] = self._signatures(keep)
            self._by_document[keep] = self._documents(keep)
        for member in self.members(gone):
            self.cluster_of[member] = keep
            self._members[keep].append(member)
        for signature, docs in self._signatures(gone).items():
            self._by_signature[keep].setdefault(signature, set()).update(docs)
        for doc, found in self._documents(gone).items():
            self._by_document[keep].setdefault(doc, []).extend(found)
        for table in (self._members, self._by_signature, self._by_document):
            table.pop(gone, None)


_POINTING_BACK = frozenset("the this that his her its their".split())


def _refers_back(a: _Report, b: _Report) -> bool:
    """Whether the later of two reports of one article is a noun that points back to the earlier
    one ("the killing", "his death"), with nothing of its own that could tell another event."""
    later = max(a, b, key=lambda r: r.event.trigger.begin)
    if not later.event.rule.endswith(".noun") or later.roles.keys() - {"victim", "place", "time", "source"}:
        return False
    return later.word_before in _POINTING_BACK


def _described(report: _Report) -> frozenset[str]:
    """The speakers of a report known only by a description, as that description's node base
    ("organization/police" of "organization/police--1a84c2d9"): the description without its
    article."""
    return frozenset(_SPEAKER_KINDS.get(base.split("/")[-1], base) for base in
                     (n.split("--")[0] for n in report.roles.get("speaker", ()) if not _named(n)))


# descriptions of one kind of speaker: "police said", "cops said" and "investigators said" in two
# outlets' accounts of one story are one source
_SPEAKER_KINDS = dict.fromkeys(
    "police cops officers police-officers investigators detectives police-department".split(), "police")


def _same_described_speaker(a: _Report, b: _Report) -> bool:
    """Whether two reports' speakers are known only by one description ("police said" in two
    outlets' accounts of one story): one speaker, as far as two articles of one story tell."""
    speakers = a.roles.get("speaker", set()) | b.roles.get("speaker", set())
    return bool(_described(a) & _described(b)) and not any(_named(n) for n in speakers)


def _same_count(a: _Report, b: _Report) -> bool:
    """Whether two reports give one count of two or more ("three people died", "killed three
    bank workers")."""
    count = a.literals.get("count")
    return count is not None and count == b.literals.get("count") and count.isdigit() and int(count) >= 2


# words before a noun that make it more than one ("some passengers", "both men")
_MANY = frozenset("some many several few both all dozens hundreds thousands scores".split())
# plural nouns that end in no "s"
_PLURALS = frozenset("men women people children police staff crew personnel".split())


def _death_toll(report: _Report) -> str | None:
    """How many died, as a report tells it: its count ("three people were killed"), else the
    number of victims it names, else one for a victim told by a singular noun ("a woman was
    killed", "their boss"), else unknown (None).

    >>> report = _Report("d", 0, None, {"victim": {"person/a", "person/b"}}, {}, frozenset(), None, "")
    >>> _death_toll(report), _death_toll(_Report("d", 0, None, {}, {"victim": "a woman"}, frozenset(), None, ""))
    ('2', '1')
    >>> _death_toll(_Report("d", 0, None, {}, {"victim": "the climbers"}, frozenset(), None, "")) is None
    True
    """
    if "count" in report.literals:
        return report.literals["count"]
    named = [n for n in report.roles.get("victim", ()) if _named(n)]
    if named:
        return str(len(named))
    words = report.literals.get("victim", "").lower().split()
    if words and words[0] not in _MANY and words[-1] not in _PLURALS and not (
            words[-1].endswith("s") and not words[-1].endswith(("ss", "us", "is"))):
        return "1"
    return None


def _share_any_filler(a: _Report, b: _Report) -> bool:
    return any(a.roles[role] & b.roles.get(role, set()) for role in a.roles)


def _share_named_actor(a: _Report, b: _Report) -> bool:
    return any(_named(node) for role in ("speaker", "victim", "target", "agent", "participant")
               for node in a.roles.get(role, set()) & b.roles.get(role, set()))


# a content word a speaker uses in more statements than this identifies none of them
_COMMON_WORD = 200


def _join_copies(reports: list[_Report], clusters: _Clusters) -> None:
    """Statements of several documents that say the same (one signature, one trigger word: a
    wire story and its copies) are one event from the start, where they agree as they are and each
    document has one of them. This is what the closest pair of any of them would do first, and
    it keeps the pairs to weigh in proportion to what the corpus says, not to how often it is
    copied."""
    copies: dict[tuple[int, str], list[int]] = defaultdict(list)
    for i, report in enumerate(reports):
        # (statements that would be weighed as a pair: of one named speaker, or a long quote;
        # other events of two articles are weighed only where a role or a story links them)
        if report.event.cls == "Statement" and len(report.words) >= (
                MIN_SHARED_WORDS if any(_named(s) for s in report.roles.get("speaker", ())) else MIN_QUOTED_WORDS):
            copies[(clusters.signature[i], report.stem)].append(i)
    for members in copies.values():
        documents = [reports[i].doc for i in members]
        if len(set(documents)) < len(documents) or len(members) < 2:
            continue  # (one article that says it twice: which of its reports is the copy is unclear)
        if _agree_as(reports[members[0]], reports[members[1]], False):
            for other in members[1:]:
                clusters.join(members[0], other)


def _statement_pairs(reports: list[_Report], leading: Iterable[int]) -> set[tuple[int, int]]:
    """Statements of one named speaker that share at least MIN_SHARED_WORDS content words, found
    through an index of (speaker, word), so that a speaker quoted thousands of times costs what
    their statements share, not every pair of them (``leading``: the reports to pair, each
    standing for its copies)."""
    keys: dict[int, list[tuple[str, str]]] = {}
    for i in leading:
        report = reports[i]
        if report.event.cls == "Statement":
            found = [(speaker, word) for speaker in report.roles.get("speaker", ()) if _named(speaker)
                     for word in report.words]
            if found:
                keys[i] = found
    return _pairs_sharing(keys, MIN_SHARED_WORDS)


def _described_pairs(reports: list[_Report], leading: Iterable[int], stories: set[tuple[str, str]]
                     ) -> set[tuple[int, int]]:
    """Statements of two articles of one story (see :func:`_story_links`) whose speakers are known
    by one description only and that share MIN_SHARED_WORDS content words ("police said the
    gunman ..." in two outlets), through an index of (description, word). A description is
    one speaker only within one story: "police" of two cities are two."""
    keys: dict[int, list[tuple[str, str]]] = {}
    for i in leading:
        report = reports[i]
        if report.event.cls == "Statement" and not any(_named(s) for s in report.roles.get("speaker", ())):
            found = [(base, word) for base in _described(report) for word in report.words]
            if found:
                keys[i] = found
    return {(x, y) for x, y in _pairs_sharing(keys, MIN_SHARED_WORDS, reports)
            if tuple(sorted((reports[x].doc, reports[y].doc))) in stories}


def _pairs_sharing(keys: dict[int, list], least: int, reports: list[_Report] | None = None) -> set[tuple[int, int]]:
    """The pairs of reports that have at least ``least`` keys in common (``keys``: a report's
    index -> its keys, such as its content words); a key more than _COMMON_WORD reports have
    tells nothing apart and is skipped. With ``reports``, only pairs of two documents count.

    Each report counts what it shares with the reports before it, one report at a time, so that
    what is held besides the answer is one report's counts, not every pair that shares a word.
    """
    postings: dict[object, list[int]] = defaultdict(list)
    for i in sorted(keys):
        for key in keys[i]:
            postings[key].append(i)
    pairs: set[tuple[int, int]] = set()
    for x in sorted(keys):
        shared: dict[int, int] = defaultdict(int)
        for key in keys[x]:
            members = postings[key]
            if len(members) > _COMMON_WORD:
                continue
            for y in members:
                if y >= x:
                    break  # (postings are in index order)
                if reports is None or reports[x].doc != reports[y].doc:
                    shared[y] += 1
        pairs.update((y, x) for y, count in shared.items() if count >= least)
    return pairs


def _quote_pairs(reports: list[_Report], leading: Iterable[int]) -> set[tuple[int, int]]:
    """Statements of two articles that share MIN_QUOTED_WORDS content words or more, whoever
    their speakers (a quote repeated by several outlets), through an index of words."""
    keys = {i: list(reports[i].words) for i in leading
            if reports[i].event.cls == "Statement" and len(reports[i].words) >= MIN_QUOTED_WORDS}
    return _pairs_sharing(keys, MIN_QUOTED_WORDS, reports)


def _other_pairs(reports: list[_Report]) -> Iterator[tuple[int, int]]:
    """Events other than statements that share a block (see :func:`_blocks`), as pairs of
    report indices (a pair may come more than once)."""
    by_block: dict[tuple, list[int]] = defaultdict(list)
    for i, report in enumerate(reports):
        if report.event.cls != "Statement":
            for key in _blocks(report):
                by_block[key].append(i)
    for members in by_block.values():
        for n, x in enumerate(members):
            for y in members[n + 1:]:
                yield x, y


#: Two articles tell one story from this similarity of the named entities they mention on (the
#: cosine of their tf-idf vectors).
STORY_SIMILARITY = 0.3
# an entity more than this share of a large corpus's articles mention tells no story apart
_COMMON_ENTITY_SHARE = 0.05


def _story_links(extractions: Sequence[Extraction], entity_of: dict[tuple[str, str], str]) -> set[tuple[str, str]]:
    """Pairs of articles (digests, in order) that tell one story: the entities they name, weighed
    by how often each article mentions them and how few articles do (tf-idf), point the same way.
    Reports of one class in such articles may be one event even where no actor is named in both
    (the deaths of one shooting, told by two outlets). An entity a large share of a big corpus
    mentions (a president in a year of politics) tells no story apart and is left out."""
    profiles: dict[str, dict[str, int]] = {}
    for extraction in extractions:
        digest = extraction.document.digest
        counts: dict[str, int] = defaultdict(int)
        for entity in extraction.entities:
            node = entity_of.get((digest, entity.key))
            if entity.named and node is not None:
                counts[node] += max(1, len(entity.mentions))
        profiles[digest] = counts
    documents = len(profiles)
    frequency: dict[str, int] = defaultdict(int)
    for counts in profiles.values():
        for node in counts:
            frequency[node] += 1
    common = max(50, _COMMON_ENTITY_SHARE * documents)
    idf = {node: math.log((documents + 1) / (count + 1)) + 1 for node, count in frequency.items() if count <= common}
    vectors = {d: {n: c * idf[n] for n, c in counts.items() if n in idf} for d, counts in profiles.items()}
    norms = {d: math.sqrt(sum(v * v for v in vector.values())) for d, vector in vectors.items()}
    holders: dict[str, list[str]] = defaultdict(list)
    links: set[tuple[str, str]] = set()
    # each article is compared with the articles before it, one article at a time (what is held
    # is one article's products, not those of every pair of articles that share an entity)
    for b in sorted(vectors):
        dot: dict[str, float] = defaultdict(float)
        for node, weight in vectors[b].items():
            for a in holders[node]:
                dot[a] += vectors[a][node] * weight
            holders[node].append(b)
        links.update((a, b) for a, value in dot.items() if value >= STORY_SIMILARITY * norms[a] * norms[b])
    return links


def _story_pairs(reports: list[_Report], stories: set[tuple[str, str]]) -> Iterator[tuple[int, int]]:
    """Reports of one class other than statements in two articles of one story."""
    by_document: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, report in enumerate(reports):
        if report.event.cls != "Statement":
            by_document[(report.doc, report.event.cls)].append(i)
    classes_of: dict[str, set[str]] = defaultdict(set)
    for doc, cls in by_document:
        classes_of[doc].add(cls)
    for first, second in stories:
        for cls in classes_of.get(first, set()) & classes_of.get(second, set()):
            for x in by_document[(first, cls)]:
                for y in by_document[(second, cls)]:
                    yield min(x, y), max(x, y)


_SUFFIXES = re.compile(r"(?:ments?|ings?|ed|es|s|e)$")


def _stem(word: str) -> str:
    """A crude stem of a trigger, enough to tell "announced" and "announcement" are one word."""
    return _SUFFIXES.sub("", word.lower().split()[-1]) if word.strip() else ""


# stems of triggers that name one kind of event in other words: a death is "killed", "died",
# "death" or "murder" by turns, a shooting "shot", "opened fire" or "shooting"
_TRIGGER_FAMILIES = {
    **dict.fromkeys(("di", "dy", "death", "dead", "kill", "murder", "slay", "slain", "perish"), "die"),
    **dict.fromkeys(("shoot", "shot", "fir", "gunfir", "gunshot"), "shoot"),
}


def _trigger_stem(word: str) -> str:
    """The stem of a trigger, one for the words of a family (:data:`_TRIGGER_FAMILIES`).

    >>> _trigger_stem("died"), _trigger_stem("killing"), _trigger_stem("opened fire"), _trigger_stem("shot")
    ('die', 'die', 'shoot', 'shoot')
    """
    stem = _stem(word)
    return _TRIGGER_FAMILIES.get(stem, stem)


def _closeness(a: _Report, b: _Report) -> float:
    """How alike two reports are: the share of the shorter content found in the longer, the
    entities they share, and a trigger of the same word."""
    shorter, longer = sorted((a.words, b.words), key=len)
    content = len(shorter & longer) / len(shorter) if shorter else 0.0
    shared = sum(len(a.roles[role] & b.roles.get(role, set())) for role in a.roles)
    return content + 0.5 * min(shared, 2) + (1.0 if a.stem == b.stem else 0.0)


class _Closeness:
    """:func:`_closeness` of many pairs of reports, worked out once per pair of what it reads of
    reports of two documents (their content words, trigger word and named role fillers: copies
    of a story read alike)."""

    def __init__(self, reports: list[_Report]) -> None:
        self.reports = reports
        ids: dict[tuple, int] = {}
        self.kind = numpy.array([ids.setdefault((r.words, r.stem,
                                                 frozenset((role, n) for role, nodes in r.roles.items()
                                                           for n in nodes if _named(n))), len(ids))
                                 for r in reports], dtype=numpy.int64)
        self.kinds = len(ids)
        documents: dict[str, int] = {}
        self.document = numpy.array([documents.setdefault(r.doc, len(documents)) for r in reports], dtype=numpy.int64)

    def of(self, xs: numpy.ndarray, ys: numpy.ndarray) -> numpy.ndarray:
        """The closeness of each pair (xs[i], ys[i])."""
        close = numpy.empty(len(xs))
        reports = self.reports
        within = self.document[xs] == self.document[ys]
        for i, x, y in zip(*(a.tolist() for a in (numpy.flatnonzero(within), xs[within], ys[within]))):
            close[i] = _closeness(reports[x], reports[y])
        across = numpy.flatnonzero(~within)
        _, first, back = numpy.unique(self.kind[xs[across]] * self.kinds + self.kind[ys[across]],
                                          return_index=True, return_inverse=True)
        values = numpy.array([_closeness(reports[x], reports[y])
                              for x, y in zip(xs[across[first]].tolist(), ys[across[first]].tolist())])
        close[across] = values[back.reshape(-1)]  # (an empty array where nothing is across)
        return close


_PAIRS_AT_ONCE = 1 << 16


def resolve_events(extractions: Sequence[Extraction], entity_of: dict[tuple[str, str], str]
                   ) -> tuple[dict[str, EventNode], dict[tuple[str, int], str]]:
    """The event nodes of a set of documents and which node each report is.

    ``entity_of`` maps each (document digest, entity key) to its entity node (see
    :func:`kgraph.identity.entities.resolve_entities`). Returns ``(nodes by key, {(document
    digest, event index): node key})``.
    """
    reports = _reports(extractions, entity_of)
    stories = _story_links(extractions, entity_of)
    clusters = _Clusters(reports, stories)
    _join_copies(reports, clusters)
    # statements are paired through the one report that stands for its copies; the other
    # pairs, few, are found among all reports and stand for the pairs of their clusters
    leading = [i for i, cluster in enumerate(clusters.cluster_of) if cluster == i]
    cluster_of = clusters.cluster_of
    found = ((cluster_of[x], cluster_of[y])
             for pairs in (_other_pairs(reports), _story_pairs(reports, stories), _restating_pairs(reports))
             for x, y in pairs)
    statements = (_statement_pairs(reports, leading) | _quote_pairs(reports, leading)
                  | _described_pairs(reports, leading, stories))
    # each pair (x, y), x < y, as the number x * n + y: a corpus of copies has millions of
    # candidate pairs, held and sorted as an array of numbers, not of Python tuples
    n = len(reports)
    codes = numpy.unique(numpy.fromiter(itertools.chain(
        (x * n + y for x, y in statements),
        (min(cx, cy) * n + max(cx, cy) for cx, cy in found if cx != cy)), dtype=numpy.int64))
    xs, ys = codes // n, codes % n
    # the likeliest pairs first, so that a cluster forms around its closest reports before a
    # looser pair could bar them; ties by position (reports come sorted by document digest),
    # so the order is the content's own
    order = numpy.lexsort((codes, -_Closeness(reports).of(xs, ys)))
    for start in range(0, len(order), _PAIRS_AT_ONCE):  # (as Python numbers, a chunk at a time)
        chunk = order[start:start + _PAIRS_AT_ONCE]
        for x, y in zip(xs[chunk].tolist(), ys[chunk].tolist()):
            cx, cy = cluster_of[x], cluster_of[y]
            if cx != cy and clusters.agree(x, y) and clusters.may_join(cx, cy):
                clusters.join(cx, cy)
    nodes: dict[str, EventNode] = {}
    event_of: dict[tuple[str, int], str] = {}
    for members in clusters.clusters():
        ordered = sorted((reports[i] for i in members), key=lambda r: r.order)
        first = ordered[0]
        key = event_key(first.doc, first.event)
        nodes[key] = EventNode(key, first.event.cls, tuple(r.member for r in ordered))
        for report in ordered:
            event_of[report.member] = key
    return nodes, event_of
