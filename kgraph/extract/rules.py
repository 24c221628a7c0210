"""Role rules: small named functions that find one role's fillers around a trigger word.

Each rule takes the trigger token and returns what it finds, in order: spaCy tokens for roles
that hold entities (resolved to entity nodes later), strings for literal roles, integers for
counts. The frame lexicon names the rules each role tries; the first rule that finds anything
wins. Every rule is a few lines over spaCy's dependency parse, with one comment for the
construction it reads.
"""
from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import Union

from spacy.tokens import Span, Token

from kgraph.extract.words import (
    OBJECTS,
    PASSIVE_SUBJECTS,
    PLACE_KIND_NOUNS,
    SUBJECTS,
    children,
    clause_subjects,
    clean_text,
    conjuncts,
    parse_number,
    per_document,
    positions_between,
    prepositional_objects,
    span_text,
)

__all__ = ["RULES", "Finding", "SPEECH_NOUNS", "CONTACT_NOUNS", "noun_core", "noun_core_span", "factuality", "frame_heads"]

Finding = Union[Token, str, int]
Rule = Callable[[Token], list[Finding]]

#: Nouns that stand for what someone said: the speaker is their owner ("a statement from X said").
SPEECH_NOUNS = frozenset("""
statement announcement report communique communiqué release letter tweet post message interview
declaration speech remarks note memo document study survey poll
""".split())
#: Nouns of contact that carry an addressee and a medium ("in a phone call with X").
CONTACT_NOUNS = frozenset("conversation call talk talks meeting interview conference exchange chat".split())
#: Prepositions that introduce where something happened.
PLACE_PREPOSITIONS = frozenset("in at near across throughout inside outside around".split())
#: Prepositions that introduce where something went.
DESTINATION_PREPOSITIONS = frozenset("to into in towards toward at".split())
# Dependents that open a new clause: role search never crosses them.
_CLAUSE_EDGES = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "parataxis", "csubj", "conj", "mark"})
_IMPERSONAL = frozenset({"it", "there"})
_NOT_TIME_WORDS = frozenset("dollar dollars euro euros pound pounds yuan rouble roubles ruble rubles percent %".split())
_TELLING = frozenset("tell assure inform warn brief remind reassure notify".split())

RULES: dict[str, Rule] = {}


def rule(function: Rule) -> Rule:
    """Register a rule under its function name, for the lexicon to refer to."""
    RULES[function.__name__] = function
    return function


def _speaker_behind(token: Token) -> list[Finding]:
    """"A statement from X", "a statement issued by X", "X's statement": the owner speaks."""
    if token.lemma_.lower() in SPEECH_NOUNS:
        return owner(token)
    return [token]


def noun_core_span(token: Token) -> Span:
    """The tokens of a noun with its left modifiers only (see :func:`noun_core`)."""
    left = token.i
    for child in token.lefts:
        if child.dep_ in {"amod", "compound", "nummod", "nmod", "quantmod", "advmod", "poss", "case"}:
            left = min(left, child.left_edge.i)
    return token.doc[left:token.i + 1]


def noun_core(token: Token) -> str:
    """A noun with its left modifiers only: "military equipment, including ..." -> "military equipment"."""
    return clean_text(noun_core_span(token).text)


# -- actors ------------------------------------------------------------------------------------
@rule
def subject(trigger: Token) -> list[Finding]:
    """The active subject: "Lavrov discussed ...", "Russia and China discussed ..." (both)."""
    if trigger.pos_ == "NOUN":
        return []
    found: list[Finding] = []
    for token in clause_subjects(trigger):
        if token.lower_ in _IMPERSONAL:
            continue
        found.extend(_speaker_behind(token))
    return found


@rule
def left_neighbour(trigger: Token) -> list[Finding]:
    """For a verb the parser left without a subject, the noun phrase right before it:
    "At the request of X, the CSTO (CSTO) has also delivered ..." gives "CSTO"."""
    if trigger.pos_ != "VERB" or any(c.dep_ in SUBJECTS | PASSIVE_SUBJECTS | {"expl"} for c in trigger.children):
        return []
    if trigger.dep_ in {"conj", "xcomp", "advcl", "relcl", "acl"}:
        return []
    for token in reversed(trigger.sent[:trigger.i - trigger.sent.start]):
        if token.pos_ in {"AUX", "ADV", "PART"} or token.is_punct:
            continue
        return [token] if token.pos_ in {"PROPN", "NOUN"} else []
    return []


@rule
def victim_subject(trigger: Token) -> list[Finding]:
    """The subject of an intransitive death verb: "three soldiers died"; in a relative clause,
    the noun it qualifies: "Page, who died on Thursday" gives "Page"."""
    if trigger.pos_ == "NOUN" or children(trigger, OBJECTS):
        return []
    found = []
    for subject_token in children(trigger, frozenset({"nsubj"})):
        if subject_token.lower_ in _RELATIVE_PRONOUNS and trigger.dep_ == "relcl":
            subject_token = trigger.head
        found.extend(conjuncts(subject_token))
    return found


_RELATIVE_PRONOUNS = frozenset("who that which".split())


@rule
def possessor(trigger: Token) -> list[Finding]:
    """Whose an event noun is: "Page's death", "his death" (a pronoun, resolved to its person)."""
    if trigger.pos_ != "NOUN":
        return []
    return [c for c in trigger.children if c.dep_ == "poss"]


@rule
def killer(trigger: Token) -> list[Finding]:
    """The subject of an active, transitive killing verb: "gunmen killed five people"."""
    if trigger.pos_ == "NOUN" or not children(trigger, OBJECTS):
        return []
    return subject(trigger)


@rule
def passive_subject(trigger: Token) -> list[Finding]:
    """The subject of a passive verb: "150 people were killed" gives "people"."""
    return [t for s in children(trigger, PASSIVE_SUBJECTS) for t in conjuncts(s)]


@rule
def object(trigger: Token) -> list[Finding]:
    """The direct object: "He told the president ...", "met the minister"."""
    return [t for o in children(trigger, OBJECTS) for t in conjuncts(o)]


@rule
def by_agent(trigger: Token) -> list[Finding]:
    """The agent of a passive: "troops were sent by Moscow"."""
    return [t for a in children(trigger, frozenset({"agent"})) for o in a.children if o.dep_ == "pobj"
            for t in conjuncts(o)]


@rule
def owner(trigger: Token) -> list[Finding]:
    """Who a noun belongs to: "Russia's deployment", "a statement from X", "issued by X"."""
    found: list[Finding] = [c for c in trigger.children if c.dep_ == "poss" and c.lower_ not in {"its", "their"}]
    found.extend(prepositional_objects(trigger, {"from", "by"}))
    for clause in children(trigger, frozenset({"acl"})):  # "a statement issued by X"
        found.extend(by_agent(clause))
    return found


@rule
def host_subject(trigger: Token) -> list[Finding]:
    """For a noun, the subject of the verb it hangs from: "X said in a conversation with Y"."""
    head = trigger.head
    while head.dep_ in {"prep", "pobj", "pcomp"} and head.head.i != head.i:
        head = head.head
    if head.i == trigger.i or head.pos_ not in {"VERB", "AUX"}:
        return []
    return subject(head)


def frame_heads(trigger: Token) -> list[Token]:
    """The trigger, and for a noun the verb that carries it: "carried out an airstrike on Gaza",
    "held talks with X", "Protests erupted in Tehran" put the roles on the verb."""
    heads = [trigger]
    if trigger.pos_ in {"NOUN", "PROPN"} and trigger.dep_ in {"dobj", "nsubj", "nsubjpass"} and trigger.head.pos_ in {"VERB", "AUX"}:
        heads.append(trigger.head)
    return heads


def _preposition(words: set[str]) -> Rule:
    def find(trigger: Token) -> list[Finding]:
        return [obj for head in frame_heads(trigger) for obj in prepositional_objects(head, words)]
    return find


RULES["with"] = _preposition({"with"})
RULES["between"] = _preposition({"between", "among"})
RULES["to"] = _preposition({"to"})
RULES["of"] = _preposition({"of"})
RULES["on"] = _preposition({"on", "against"})
RULES["at"] = _preposition({"at"})
RULES["from"] = _preposition({"from"})


@rule
def conversation_with(trigger: Token) -> list[Finding]:
    """"said in a telephone conversation with X" / "In a conversation with X, Y estimated ...": X."""
    found: list[Finding] = []
    for noun in prepositional_objects(trigger, {"in", "during", "on"}):
        if noun.lemma_.lower() in CONTACT_NOUNS:
            found.extend(prepositional_objects(noun, {"with"}))
    return found


@rule
def according_to(trigger: Token) -> list[Finding]:
    """"According to the French news agency AFP, ...": the source of the report."""
    found: list[Finding] = []
    sentence = trigger.sent
    for i in positions_between(trigger.doc, _ACCORDING, sentence.start, sentence.end - 1):
        found.extend(prepositional_objects(trigger.doc[i], {"to"}))
    return [t for t in found if t.lemma_.lower() not in SPEECH_NOUNS]


_ACCORDING = frozenset({"according"})


@rule
def request_of(trigger: Token) -> list[Finding]:
    """"At the request of X", "at X's request", "at the invitation of X": who asked for it."""
    found: list[Finding] = []
    for noun in prepositional_objects(trigger, {"at", "upon", "on", "after", "following"}):
        if noun.lemma_.lower() in {"request", "invitation", "behest", "call", "appeal"}:
            found.extend(c for c in noun.children if c.dep_ == "poss")
            found.extend(prepositional_objects(noun, {"of", "from", "by"}))
    return found


# -- places and times ----------------------------------------------------------------------------
def _prepositional_chain(token: Token, prepositions: frozenset[str], *, depth: int = 6) -> list[Token]:
    """Objects of the prepositions below a token, following nested prepositional phrases
    ("killed in protests in Kazakhstan") but never into another clause or an object."""
    found: list[Token] = []
    frontier = [token]
    for _ in range(depth):
        following = []
        for node in frontier:
            for prep in node.children:
                if prep.dep_ not in {"prep", "dative"}:
                    continue
                for obj in prep.children:
                    if obj.dep_ != "pobj":
                        continue
                    for conj in conjuncts(obj):
                        # "to the streets of Dhaka", "... and the province of X": a place noun
                        # is a place whatever preposition the parser hung it from
                        if prep.lower_ in prepositions or conj.lemma_.lower() in PLACE_KIND_NOUNS:
                            found.append(conj)
                        following.append(conj)
        frontier = following
    return found


@rule
def place(trigger: Token) -> list[Finding]:
    """Where it happened: "killed in protests in Kazakhstan", "in Almaty and Aktau"."""
    for head in frame_heads(trigger):
        found = _prepositional_chain(head, PLACE_PREPOSITIONS)
        if found:
            return found
    return []


@rule
def destination(trigger: Token) -> list[Finding]:
    """Where it went: "deployed troops in Kazakhstan", "sent equipment to X"."""
    found = [t for head in frame_heads(trigger) for t in _prepositional_chain(head, DESTINATION_PREPOSITIONS, depth=2)]
    for obj in children(trigger, OBJECTS):  # "delivered equipment, including the deployment of troops in X"
        found.extend(_prepositional_chain(obj, DESTINATION_PREPOSITIONS, depth=3))
    return found


def _in_clause(token: Token, trigger: Token) -> bool:
    """Whether token hangs from trigger without crossing into another clause."""
    node = token
    while node.i != trigger.i:
        if node.dep_ in _CLAUSE_EDGES or node.head.i == node.i:
            return False
        node = node.head
    return True


@rule
def time(trigger: Token) -> list[Finding]:
    """When: dates and times in the trigger's own clause ("on Monday", "New Year's Eve")."""
    found: list[Finding] = []
    anchor = frame_heads(trigger)[-1]
    doc = trigger.doc
    # the time entities that begin within the anchor's subtree's edges (_in_clause below checks
    # that each hangs from the anchor)
    starts = per_document(doc, "time entities", lambda d: [e.start for e in d.ents if e.label_ in {"DATE", "TIME", "EVENT"}])
    low, high = anchor.left_edge.i, anchor.right_edge.i
    for first in (doc[i] for i in starts[bisect.bisect_left(starts, low):bisect.bisect_right(starts, high)]):
        end = first.i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        ent = doc[first.i:end]
        if first.ent_type_ == "EVENT" and "eve" not in ent.text.lower():
            continue
        # the recogniser sometimes calls sums of money and ages ("22-year-old") dates
        if any(t.lower_ in _NOT_TIME_WORDS or t.is_currency or t.lower_ == "old" for t in ent):
            continue
        if _in_clause(ent.root, anchor) and any(ch.isalpha() for ch in ent.text):
            found.append(clean_text(ent.text))
    return found


# -- what was said or moved ------------------------------------------------------------------------
@rule
def clause(trigger: Token) -> list[Finding]:
    """The reported clause: "said that X", "said X", ""X," he said" (quote-first)."""
    found = [clean_text(span_text(c.doc, c.left_edge.i, c.right_edge.i))
             for c in trigger.children if c.dep_ in {"ccomp", "parataxis"}]
    return [f for f in found if len(f.split()) > 1]


@rule
def quote(trigger: Token) -> list[Finding]:
    """A quotation in the trigger's sentence."""
    text = trigger.sent.text
    for open_mark, close_mark in (("“", "”"), ('"', '"'), ("«", "»")):
        start = text.find(open_mark)
        end = text.find(close_mark, start + 1)
        if start != -1 and end > start + 1:
            return [clean_text(text[start + 1:end])]
    return []


@rule
def complement(trigger: Token) -> list[Finding]:
    """What follows the verb in its clause: "accused the militants of creating chaos"."""
    right = [c for c in trigger.rights if c.dep_ not in {"punct", "cc", "conj"} and not c.is_space]
    if not right:
        return []
    start, end = right[0].left_edge.i, right[-1].right_edge.i + 1
    if trigger.lemma_.lower() in _TELLING and right[0].dep_ in OBJECTS:
        start = right[0].i + 1  # the object is the addressee: "assured X of his support"
    text = clean_text(trigger.doc[start:end].text) if end > start else ""
    return [text] if text else []


@rule
def object_phrase(trigger: Token) -> list[Finding]:
    """What was moved, as written: "deployed troops", "delivered military equipment"."""
    return [noun_core(t) for o in children(trigger, OBJECTS) for t in conjuncts(o)]


@rule
def of_phrase(trigger: Token) -> list[Finding]:
    """For a noun: "the deployment of troops" gives "troops"."""
    return [noun_core(t) for t in prepositional_objects(trigger, {"of"})]


_AGE_WORDS = frozenset("year years month months week weeks day days old".split())


def _an_age(token: Token) -> bool:
    """Whether a number tells an age or a span of time ("a 66-year-old woman"), not how many."""
    doc = token.doc
    if token.head.lower_ in _AGE_WORDS and token.head.i != token.i:
        return True
    return token.i + 2 < len(doc) and doc[token.i + 1].text == "-" and doc[token.i + 2].lower_ in _AGE_WORDS


@rule
def count(trigger: Token) -> list[Finding]:
    """How many: "More than 150 people were killed", "Thousands took to the streets",
    "the death toll rose to 300"."""
    candidates = [*children(trigger, PASSIVE_SUBJECTS | {"nsubj"}), *children(trigger, OBJECTS)]
    if trigger.pos_ == "NOUN" and trigger.dep_ in {"nsubj", "nsubjpass"}:
        # a toll "rose to 300" / "reached 300": the number is the verb's
        candidates += [*children(trigger.head, OBJECTS), *prepositional_objects(trigger.head, {"to", "at"})]
    for candidate in candidates:
        words = [t.text for t in candidate.subtree if t.i <= candidate.i and not _an_age(t) and (t.like_num or t.lower_ in {
            "hundreds", "thousands", "millions", "dozens", "dozen", "hundred", "thousand", "million"})]
        number = parse_number(words)
        if number is not None:
            return [number]
    return []


@rule
def medium(trigger: Token) -> list[Finding]:
    """How it was said: "in a telephone conversation", "a statement ... said", "in an interview"."""
    for noun in prepositional_objects(trigger, {"in", "during", "on", "via", "through"}):
        if noun.lemma_.lower() in CONTACT_NOUNS | SPEECH_NOUNS:
            return [noun_core(noun)]
    for subject_token in clause_subjects(trigger) if trigger.pos_ != "NOUN" else []:
        if subject_token.lemma_.lower() in SPEECH_NOUNS:
            return [subject_token.lemma_.lower()]
    if trigger.pos_ == "NOUN" and trigger.lemma_.lower() in CONTACT_NOUNS | SPEECH_NOUNS:
        return [noun_core(trigger)]
    return []


@rule
def main_clause(trigger: Token) -> list[Finding]:
    """What an "according to" phrase vouches for: the clause it hangs from, without itself.
    "According to Reuters, the talks failed." gives "the talks failed"."""
    head = trigger.head
    while head.dep_ in {"prep", "pobj"} and head.head.i != head.i:
        head = head.head
    own = {t.i for t in trigger.subtree} | {t.i for t in trigger.head.subtree if trigger.head.lower_ == "according"}
    words = [t for t in head.subtree if t.i not in own and not (t.is_punct and t.i < trigger.i)]
    text = clean_text(" ".join(t.text_with_ws.strip() for t in words if not t.is_space))
    return [text] if len(text.split()) > 2 else []


# -- factuality -------------------------------------------------------------------------------------
_HEDGES = frozenset("may might could reportedly allegedly possibly apparently perhaps probably likely purportedly".split())
_FUTURE = frozenset("will would shall".split())
_EVIDENCE = frozenset("evidence proof proofs".split())
_WITHOUT = frozenset({"without"})
# verbs an event is wanted, planned, threatened or asked for under: "threatened to kill him",
# "plans to deploy", "asked Russia to send troops", "called for the deployment of"
_INTENT = frozenset("""
plan want intend threaten vow pledge promise seek hope aim prepare propose offer decide agree
ask urge order direct call demand request expect
""".split())
_ATTEMPT = frozenset({"try", "attempt"})
_REFUSAL = frozenset({"refuse", "decline"})


def factuality(trigger: Token) -> str | None:
    """How the text marks the event, if it does: "did not attack" (negated), "may have killed"
    (hedged), "will send" (future), "blamed X without providing any evidence" (unproven),
    "threatened to kill" (intended), "tried to kill" (attempted)."""
    heads = frame_heads(trigger)
    dependents = [c for head in heads for c in head.children]
    if any(c.dep_ == "neg" for c in dependents):
        return "negated"
    doc = trigger.doc
    for head in heads:
        for i in positions_between(doc, _WITHOUT, head.left_edge.i, head.right_edge.i):
            prep = doc[i]
            evidence = positions_between(doc, _EVIDENCE, prep.left_edge.i, prep.right_edge.i)
            if head.is_ancestor(prep) and any(prep.is_ancestor(doc[j]) for j in evidence):
                return "unproven"
    if any(c.lower_ in _HEDGES and c.dep_ in {"aux", "advmod"} for c in dependents):
        return "hedged"
    if any(c.lower_ in _FUTURE and c.dep_ == "aux" for c in dependents) or any(
            c.lower_ == "going" and any(g.lower_ == "to" for g in c.children) for c in dependents):
        return "future"
    return _wanted(trigger, heads)


def _wanted(trigger: Token, heads: list[Token]) -> str | None:
    """"intended" for an event that a verb of wanting, planning, threatening or asking governs
    ("threatened to kill him", "planned an attack", "called for the deployment of troops"),
    "attempted" for one tried ("tried to kill"), "negated" for one refused ("declined to send"),
    else None."""
    governor = None
    if trigger.dep_ == "xcomp" or (trigger.dep_ == "ccomp" and any(c.dep_ == "aux" and c.lower_ == "to"
                                                                   for c in trigger.children)):
        governor = trigger.head
    elif len(heads) > 1 and trigger.dep_ == "dobj":
        governor = heads[-1]  # "planned an attack"
    elif trigger.dep_ == "pobj" and trigger.head.lower_ == "for":
        governor = trigger.head.head  # "called for the deployment of"
    if governor is None:
        return None
    lemma = governor.lemma_.lower()
    if lemma in _REFUSAL:
        return "negated"
    if lemma in _ATTEMPT:
        return "attempted"
    return "intended" if lemma in _INTENT else None
