"""Events: trigger words from the frame lexicon, roles from the frame's rules.

Examples
--------
>>> from kgraph.nlp import load_model
>>> from kgraph.extract.entities import EntityResolver
>>> from kgraph.extract.lexicon import load_lexicon
>>> doc = load_model()("Russia deployed troops in Syria.")
>>> [(e.cls, e.trigger.text) for e in EventExtractor(load_lexicon()).events(doc, EntityResolver(doc))]
[('Deployment', 'deployed')]
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy
from spacy.attrs import LEMMA, LOWER
from spacy.strings import hash_string
from spacy.tokens import Doc, Span, Token

from kgraph.extract.dates import resolve_date
from kgraph.extract.entities import EntityResolver
from kgraph.extract.lexicon import Frame, Lexicon
from kgraph.records import Event, Role, TextSpan
from kgraph.extract.rules import RULES, SPEECH_NOUNS, Finding, factuality, noun_core, noun_core_span
from kgraph.extract.words import doc_text as text_of_doc
from kgraph.extract.words import headline_end as headline_end_of
from kgraph.extract.words import (
    FACILITY_NOUNS,
    NUMBER_WORDS,
    OBJECTS,
    ORGANIZATION_NOUNS,
    PASSIVE_SUBJECTS,
    SUBJECTS,
    TITLE_HEADS,
    children,
    clean_text,
    positions_of_lemmas,
    prepositional_objects,
    sentences_from,
)

__all__ = ["EventExtractor", "ENTITY_ROLES", "PLACE_ROLES"]

#: Roles whose fillers are people, organisations or places (entity nodes).
ENTITY_ROLES = frozenset({"speaker", "addressee", "participant", "agent", "requester", "attacker", "target", "source"})
#: Roles that only people and organisations (or countries) fill.
ACTOR_ROLES = frozenset({"speaker", "addressee", "participant", "agent", "attacker"})
#: Roles whose fillers must be places.
PLACE_ROLES = frozenset({"destination", "place"})
#: Roles that hold an entity when one is named, else the words as written.
ENTITY_OR_LITERAL_ROLES = frozenset({"victim"})
# A nominal trigger is weaker evidence than a verb: its confidence is scaled by this.
NOMINAL_CONFIDENCE = 0.85



def _phrase_end(doc: Doc, i: int, rest: tuple[str, ...]) -> int | None:
    """Where a phrase's other words end when they follow from token ``i``, else None: each word
    as written, "the" optional, the last word in any form."""
    for n, word in enumerate(rest):
        last = n == len(rest) - 1
        if not last and word == "the":
            if i < len(doc) and doc[i].lower_ == "the":
                i += 1
            continue
        if i >= len(doc) or (doc[i].lemma_ != word if last else doc[i].lower_ != word):
            return None
        i += 1
    return i


@dataclass
class _Draft:
    """An event being filled in; cluster numbers become entity keys once all entities are known."""

    frame: Frame
    trigger: Token
    trigger_span: Span
    roles: list[tuple[str, int | None, str | int | None]] = field(default_factory=list)
    more_sentences: list[Span] = field(default_factory=list)
    # where each role's value was read: (begin, end) character offsets, by (role, cluster, literal)
    spans: dict[tuple, tuple[int, int]] = field(default_factory=dict)


_GROUP_NOUNS = TITLE_HEADS | frozenset("leader man woman side party country nation official delegation".split())
_GROUP_NUMBERS = {"two": 2, "both": 2, "three": 3, "four": 4}


def _group_reference(finding: Finding, earlier: list[_Draft]) -> list[int] | None:
    """"The two ministers", "both leaders": the participants of the latest earlier contact
    with that many participants, within the three sentences before."""
    if not isinstance(finding, Token) or finding.pos_ != "NOUN" or finding.lemma_.lower() not in _GROUP_NOUNS:
        return None
    size = next((_GROUP_NUMBERS[c.lower_] for c in finding.children if c.lower_ in _GROUP_NUMBERS), None)
    if size is None:
        return None
    for draft in reversed(earlier):
        if draft.frame.cls != "Contact" or draft.trigger.i >= finding.i:
            continue
        if finding.sent.start - draft.trigger.sent.start > 200:
            break
        participants = list(dict.fromkeys(c for name, c, _ in draft.roles if name == "participant" and c is not None))
        if len(participants) == size:
            return participants
    return None


def _described_type(token: Token) -> str:
    """The type of an unnamed participant: "the ministry" is an organisation, "the embassy" and
    "a military base" are places... and "protesters", "officials" are people."""
    lemma = token.lemma_.lower()
    if lemma in ORGANIZATION_NOUNS:
        return "Organization"
    if lemma in FACILITY_NOUNS:
        return "Place"
    return "Person"


class EventExtractor:
    """Finds the events of a parsed document with a frame lexicon.

    Parameters
    ----------
    lexicon : Lexicon
        The frames to look for.
    """

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        # each phrase as (first word, the other words, frame), in the lexicon's order
        self._phrases = [(text.split()[0], tuple(text.split()[1:]), frame)
                         for frame in lexicon.frames for text in frame.phrases]
        self._first_hashes = numpy.array(sorted({hash_string(first) for first, _, _ in self._phrases}), dtype=numpy.uint64)

    def _phrase_matches(self, doc: Doc) -> dict[int, tuple[Span, Frame]]:
        """Where the lexicon's phrases start ("take to the streets", "according to"), with their
        words and frame: the first word in any form ("took") or as written ("according"), the
        middle words as written, "the" optional, the last word in any form ("street(s)"). At a
        start where several phrases match, the longest, then the lexicon's first, wins.

        Only tokens that can start a phrase are looked at (spaCy's Matcher would try every
        token against every phrase).
        """
        if not self._phrases:
            return {}
        lowers, lemmas = doc.to_array(LOWER), doc.to_array(LEMMA)
        strings = doc.vocab.strings
        starts = numpy.flatnonzero(numpy.isin(lowers, self._first_hashes) | numpy.isin(lemmas, self._first_hashes))
        found: dict[int, tuple[Span, Frame]] = {}
        for start in starts.tolist():
            best = None
            for first, rest, frame in self._phrases:
                if strings[first] not in (lowers[start], lemmas[start]):
                    continue
                end = _phrase_end(doc, start + 1, rest)
                if end is not None and (best is None or end > best[0]):
                    best = (end, frame)
            if best is not None:
                found[start] = (doc[start:best[0]], best[1])
        return found

    # -- triggers -----------------------------------------------------------------------------
    def triggers(self, doc: Doc) -> Iterator[tuple[Token, Span, Frame]]:
        """Every trigger in the document: (head token, trigger words, frame)."""
        phrase_heads = self._phrase_matches(doc)
        # only tokens whose lemma is in the lexicon can trigger: the others are never looked at
        for i in sorted(set(positions_of_lemmas(doc, self.lexicon.may_trigger)) | phrase_heads.keys()):
            token = doc[i]
            if token.i in phrase_heads:
                span, frame = phrase_heads[token.i]
                yield token, span, frame
                continue
            lemma = token.lemma_.lower()
            if token.pos_ == "VERB":
                frame = self.lexicon.frame_for_verb(lemma)
            elif token.pos_ in {"NOUN", "PROPN"} and (token.ent_type_ not in {"PERSON", "ORG", "GPE"}
                                                      or self._capitalised_common_noun(token)):
                frame = self.lexicon.frame_for_noun(lemma)
                if frame is None and token.pos_ == "PROPN" and lemma.endswith("s"):
                    # a capitalised plural taken for a name keeps its "s": "Protests erupted"
                    frame = self.lexicon.frame_for_noun(lemma[:-1])
            else:
                frame = None
            if frame is not None and self._wanted(token, frame):
                yield token, doc[token.i:token.i + 1], frame

    @staticmethod
    def _capitalised_common_noun(token: Token) -> bool:
        """"Protests erupted ...": a sentence's first word that the recogniser took for a name."""
        single = token.ent_iob_ == "B" and (token.i + 1 == len(token.doc) or token.doc[token.i + 1].ent_iob_ != "I")
        return single and token.is_sent_start

    @staticmethod
    def _wanted(token: Token, frame: Frame) -> bool:
        if frame.object_words:
            moved = [o for m in children(token, OBJECTS | PASSIVE_SUBJECTS) for o in [m, *m.conjuncts]]
            # "dozens of missiles", "the first of four systems": the "of" phrase says what moved
            moved += [p for o in moved for p in prepositional_objects(o, {"of"})]
            if not any(o.lemma_.lower() in frame.object_words for o in moved):
                return False
        if frame.excluded_subjects:
            subjects = children(token, SUBJECTS)
            if token.dep_ == "relcl" and any(s.lower_ in {"that", "which"} for s in subjects):
                subjects.append(token.head)  # "the earthquake that struck ..."
            if any(s.lemma_.lower() in frame.excluded_subjects for s in subjects):
                return False
        if token.dep_ in {"pobj", "pcomp"} and token.head.lower_ == "without":
            return False  # "opened fire without warning", "left without saying a word": nothing was said
        if frame.cls == "Statement" and token.pos_ == "VERB":
            # "It is estimated that ...": an impersonal passive is hedging, not someone speaking
            if any(s.lower_ in {"it", "there"} for s in children(token, PASSIVE_SUBJECTS)) and not children(
                    token, frozenset({"agent"})):
                return False
        return True

    @staticmethod
    def _is_argument_of(noun: Token, verb_triggers: set[int]) -> bool:
        """Whether a nominal trigger only serves another event: "a statement ... said",
        "said in a conversation with", "killed in protests", "according to the statement"."""
        node = noun
        while node.dep_ == "conj" and node.head.i != node.i:
            node = node.head  # "during protests and demonstrations": the coordination's place
        for _ in range(5):
            head = node.head
            if head.i == node.i:
                return False
            if head.i in verb_triggers and node.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj", "prep"}:
                return True
            if head.lower_ == "according" or (head.lower_ == "to" and head.head.lower_ == "according"):
                return True
            if node.dep_ not in {"pobj", "prep"}:
                return False
            node = head
        return False

    # -- events -------------------------------------------------------------------------------
    def events(self, doc: Doc, resolver: EntityResolver, *, reference_date: dt.date | None = None,
               ignored: Callable[[int], bool] | None = None, headline: bool = True) -> list[Event]:
        """The events of a document, each with its roles, in document order.

        ``reference_date`` (the article's date) turns times into calendar dates; no event is read
        where ``ignored(offset)`` is true (page furniture); ``headline=False`` reads a first line
        without a full stop as text.
        """
        found = [t for t in self.triggers(doc) if not (ignored and ignored(t[0].idx))]
        verb_triggers = {token.i for token, _, _ in found if token.pos_ == "VERB"}
        drafts: list[_Draft] = []
        merged: set[int] = set()
        classes_at = {token.i: frame.cls for token, _, frame in found}
        text = text_of_doc(doc)  # (joined once per document)
        headline_end = headline_end_of(text) if headline else 0
        for token, span, frame in found:
            if token.idx < headline_end:
                continue  # a headline restates the article's events; the body has them with context
            if (token.tag_ == "VBG" and token.dep_ == "advcl" and classes_at.get(token.head.i) == frame.cls):
                continue  # "criticised the call, saying ...": one speech act, told twice
            if token.pos_ != "VERB" and span.end - span.start == 1:
                if self._is_argument_of(token, verb_triggers) or token.i in merged:
                    continue
                # "the death toll": one event in two nouns
                if token.dep_ == "compound" and classes_at.get(token.head.i) == frame.cls:
                    continue
                # "protests and demonstrations": one event, not two
                merged.update(c.i for c in token.conjuncts)
            draft = _Draft(frame, token, span)
            self._fill(draft, resolver, drafts)
            if all(any(r[0] == need for r in draft.roles) for need in frame.requires):
                drafts.append(draft)
        drafts = self._drop_redundant(drafts)
        self._add_report_sources(drafts)
        self._continue_quotes(doc, drafts)
        return [self._record(d, resolver, reference_date, text) for d in drafts]

    @staticmethod
    def _drop_redundant(drafts: list[_Draft]) -> list[_Draft]:
        """A frame marked ``alone`` ("According to X, ...") adds an event only to a sentence
        that has no other event of its class: there X is the source of that event instead."""
        kept = []
        for draft in drafts:
            if draft.frame.alone and any(o is not draft and o.frame.cls == draft.frame.cls
                                         and o.trigger.sent.start == draft.trigger.sent.start for o in drafts):
                continue
            kept.append(draft)
        return kept

    @staticmethod
    def _continue_quotes(doc: Doc, drafts: list[_Draft]) -> None:
        """A quotation that goes on in the next sentences ("..." he said. "...") belongs to the
        statement that attributed it: its content grows and the sentences join its provenance."""
        by_sentence = {d.trigger.sent.start: d for d in drafts if d.frame.cls == "Statement"}
        if not by_sentence:
            return
        busy = {d.trigger.sent.start for d in drafts}
        current = None
        whole = text_of_doc(doc)
        for sentence in sentences_from(doc, min(by_sentence)):
            text = whole[sentence.start_char:sentence.end_char].strip()
            if sentence.start in by_sentence:
                current = by_sentence[sentence.start]
                continue
            if not any(ch.isalnum() for ch in text):
                continue  # a stray closing quote the parser split off, or a blank line
            quoted = text[:1] in {'"', "“"}
            if current is None or sentence.start in busy or not quoted:
                current = None
                continue
            current.more_sentences.append(sentence)
            current.roles.append(("content", None, clean_text(text)))
            current.spans.setdefault(("content", None, clean_text(text)), (sentence.start_char, sentence.end_char))

    @staticmethod
    def _add_report_sources(drafts: list[_Draft]) -> None:
        """Nested reports: in "AFP reported that Tokayev said ...", AFP is the source of Tokayev's
        statement, beside its own report."""
        statements = {d.trigger.i: d for d in drafts if d.frame.cls == "Statement"}
        for draft in statements.values():
            node = draft.trigger
            while node.dep_ in {"ccomp", "conj", "xcomp", "advcl"} and node.head.i != node.i:
                node = node.head
                outer = statements.get(node.i)
                if outer is None:
                    continue
                if not any(r[0] == "source" for r in draft.roles):
                    for name, cluster, _ in outer.roles:
                        if name == "speaker" and cluster is not None:
                            draft.roles.append(("source", cluster, None))
                            if ("speaker", cluster, None) in outer.spans:
                                draft.spans[("source", cluster, None)] = outer.spans[("speaker", cluster, None)]
                break

    def _fill(self, draft: _Draft, resolver: EntityResolver, earlier: list[_Draft]) -> None:
        for role, rule_names in draft.frame.roles.items():
            for rule_name in rule_names:
                # never its own filler, nor a word of its own phrase ("opened *fire*"), except
                # where a phrase names a place ("took to *the streets* of Dhaka")
                inside = (draft.trigger.i, draft.trigger.i + 1) if role in PLACE_ROLES else (
                    draft.trigger_span.start, draft.trigger_span.end)
                findings = [f for f in RULES[rule_name](draft.trigger)
                            if not (isinstance(f, Token) and inside[0] <= f.i < inside[1])]
                values = []
                for finding in findings:
                    group = _group_reference(finding, earlier) if role in ACTOR_ROLES else None
                    if group:
                        values.extend((cluster, None) for cluster in group)
                        continue
                    found = self._values(role, [finding], resolver)
                    where = self._where(finding, draft.trigger.sent)
                    for value in found:
                        if where is not None:
                            draft.spans.setdefault((role, *value), where)
                    values.extend(found)
                for value in values:
                    if value not in [(r[1], r[2]) for r in draft.roles if r[0] == role]:
                        draft.roles.append((role, *value))
                # the first rule that finds something wins, unless the frame gathers this role
                if values and role not in draft.frame.gather:
                    break

    @staticmethod
    def _where(finding: Finding, sentence: Span) -> tuple[int, int] | None:
        """The character offsets of a rule's finding: a noun with its modifiers, or the words of
        a clause or a quotation found in the sentence."""
        if isinstance(finding, Token):
            core = noun_core_span(finding)
            return core.start_char, core.end_char
        text = str(finding)
        found = text_of_doc(sentence.doc)[sentence.start_char:sentence.end_char].find(text) if text else -1
        return (sentence.start_char + found, sentence.start_char + found + len(text)) if found >= 0 else None

    @staticmethod
    def _values(role: str, findings: list[Finding], resolver: EntityResolver) -> list[tuple[int | None, str | int | None]]:
        values: list[tuple[int | None, str | int | None]] = []
        for finding in findings:
            if isinstance(finding, (str, int)):
                if finding != "":
                    values.append((None, finding))
                continue
            token = finding
            cluster = resolver.cluster_of(token)
            if role in PLACE_ROLES:
                if cluster is not None and resolver.cluster_type(cluster) == "Place":
                    values.append((cluster, None))
            elif role in ENTITY_ROLES:
                if token.like_num or token.lower_ in NUMBER_WORDS:
                    continue  # "Thousands took to the streets": a count, not an actor
                if cluster is None and token.ent_type_ in {"DATE", "TIME"}:
                    continue  # "opened fire on Friday night": a time, not a target
                # "the president" that no earlier name explains is left empty: a guess is worse
                anaphoric = token.lower_ in TITLE_HEADS and any(c.lower_ == "the" for c in token.children)
                if (cluster is None and token.pos_ == "NOUN" and token.lemma_.lower() not in SPEECH_NOUNS
                        and not anaphoric):
                    cluster = resolver.described_entity(token, _described_type(token))
                elif (cluster is None and token.pos_ == "PROPN" and role in ACTOR_ROLES
                      and not resolver.names_an_office(token)):
                    cluster = resolver.unrecognised_name(token)
                if cluster is not None:
                    values.append((cluster, None))
            elif role in ENTITY_OR_LITERAL_ROLES:
                # a named victim is an entity whatever type the recogniser gave it in this
                # article ("Bettie Page" taken for an organisation); identity across the
                # corpus sorts the type out. A place is no victim.
                if cluster is not None and resolver.cluster_type(cluster) != "Place":
                    values.append((cluster, None))
                elif token.pos_ in {"NOUN", "PROPN", "NUM"}:
                    values.append((None, noun_core(token)))
            else:
                values.append((None, noun_core(token)))
        return values

    @staticmethod
    def _event_class(draft: _Draft) -> str:
        """The frame's class, unless who acts says otherwise ("protesters stormed ..." is a protest)."""
        actors = [a for s in children(draft.trigger, SUBJECTS) for a in [s, *prepositional_objects(s, {"of"})]]
        for cls, lemmas in draft.frame.actor_classes.items():
            if any(a.lemma_.lower() in lemmas for a in actors):
                return cls
        return draft.frame.cls

    def _record(self, draft: _Draft, resolver: EntityResolver, reference_date: dt.date | None, doc_text: str) -> Event:
        sentence = self._span(draft.trigger.sent, doc_text)
        roles = []
        for name, cluster, literal in draft.roles:
            where = draft.spans.get((name, cluster, literal))
            span = TextSpan(where[0], where[1], doc_text[where[0]:where[1]]) if where else None
            if cluster is not None:
                roles.append(Role(name, entity=resolver.key(cluster), span=span))
            elif isinstance(literal, int):
                roles.append(Role(name, literal=str(literal), datatype="integer", span=span))
            else:
                roles.append(Role(name, literal=str(literal), span=span))
                if name == "time":
                    day = resolve_date(str(literal), reference_date)
                    if day is not None:
                        roles.append(Role("date", literal=day.isoformat(), datatype="date", span=span))
        confidence = draft.frame.confidence * (1.0 if draft.trigger.pos_ == "VERB" else NOMINAL_CONFIDENCE)
        span = draft.trigger_span
        return Event(cls=self._event_class(draft), sentence=sentence,
                     trigger=TextSpan(span.start_char, span.end_char, span.text), roles=tuple(roles),
                     confidence=round(confidence, 3), rule=f"{draft.frame.name}.{'verb' if draft.trigger.pos_ == 'VERB' else 'noun'}",
                     factuality=factuality(draft.trigger),
                     more_sentences=tuple(self._span(s, doc_text) for s in draft.more_sentences))

    @staticmethod
    def _span(sentence: Span, doc_text: str) -> TextSpan:
        # sliced from the document's text: Span.text joins the sentence's tokens anew each time
        text = doc_text[sentence.start_char:sentence.end_char]
        begin = sentence.start_char + (len(text) - len(text.lstrip()))
        end = sentence.start_char + len(text.rstrip())
        return TextSpan(begin, end, doc_text[begin:end])
