"""Word lists and small helpers on spaCy tokens shared by the extraction rules.

Dependency labels are module constants so that a rule reads as what it matches.
"""
from __future__ import annotations

import bisect
import re
import threading
from collections.abc import Callable, Collection, Hashable, Iterator
from typing import TypeVar

import numpy
from spacy.attrs import IS_ALPHA, IS_LOWER, LEMMA, LOWER, ORTH, SENT_START
from spacy.tokens import Doc, Span, Token

from kgraph.names import FEMALE_TITLES, MALE_TITLES, TITLE_HEADS, TITLE_WORDS, title_gender  # noqa: F401 (re-exported)

T = TypeVar("T")


def positions_of_words(doc: Doc, words: Collection[str]) -> list[int]:
    """The indices of the tokens whose lower-case form is one of ``words``, found without
    making a Python object per token (rules that look for a few words skip the rest at C speed).

    >>> from kgraph.nlp import load_model
    >>> positions_of_words(load_model()("He said she left. They said no."), {"said", "they"})
    [1, 5, 6]
    """
    if not len(doc) or not words:
        return []
    strings = doc.vocab.strings
    wanted = numpy.fromiter((strings[w] for w in words), dtype=numpy.uint64, count=len(words))
    return numpy.flatnonzero(numpy.isin(doc.to_array(LOWER), wanted)).tolist()


def positions_of_lemmas(doc: Doc, keep: Callable[[str], bool]) -> list[int]:
    """The indices of the tokens whose lower-cased lemma passes ``keep``; each distinct lemma
    is tested once per document, not once per token.

    >>> from kgraph.nlp import load_model
    >>> positions_of_lemmas(load_model()("Troops were deployed. They deploy."), lambda l: l == "deploy")
    [2, 5]
    """
    if not len(doc):
        return []
    lemmas = doc.to_array(LEMMA)
    strings = doc.vocab.strings
    wanted = [h for h in numpy.unique(lemmas).tolist() if keep(strings[h].lower())]
    if not wanted:
        return []
    return numpy.flatnonzero(numpy.isin(lemmas, numpy.array(wanted, dtype=numpy.uint64))).tolist()


_LATEST = threading.local()  # what was computed for the document being read, by key


def per_document(doc: Doc, key: Hashable, compute: Callable[[Doc], T]) -> T:
    """``compute(doc)``, computed once for the document being read (rules run per trigger, and
    a document can hold hundreds of triggers in one sentence)."""
    if getattr(_LATEST, "doc", None) is not doc:
        _LATEST.doc, _LATEST.values = doc, {}
    if key not in _LATEST.values:
        _LATEST.values[key] = compute(doc)
    return _LATEST.values[key]


def positions_between(doc: Doc, words: frozenset[str], first: int, last: int) -> list[int]:
    """The indices from ``first`` to ``last`` (both included) of the tokens whose lower-case form
    is one of ``words``: a subtree's words without walking the subtree.

    >>> from kgraph.nlp import load_model
    >>> positions_between(load_model()("Without proof, they said it without evidence."), frozenset({"without"}), 1, 8)
    [6]
    """
    positions = per_document(doc, ("words", words), lambda d: positions_of_words(d, words))
    return positions[bisect.bisect_left(positions, first):bisect.bisect_right(positions, last)]


def lower_case_words(doc: Doc) -> frozenset[str]:
    """The words a document writes in lower case ("coal", "police"), read from one array of
    its tokens instead of a Python object per token.

    >>> from spacy.lang.en import English
    >>> sorted(lower_case_words(English()("Patriot Coal sold coal to Coal Inc.")))
    ['coal', 'sold', 'to']
    """
    found = doc.to_array([ORTH, IS_LOWER, IS_ALPHA])
    if not len(found):
        return frozenset()
    orths = numpy.unique(found[(found[:, 1] == 1) & (found[:, 2] == 1), 0]).tolist()
    return frozenset(doc.vocab.strings[orth] for orth in orths)


def doc_text(doc: Doc) -> str:
    """A parsed document's text, joined once per document (spaCy joins its tokens anew on every
    access of ``Doc.text``)."""
    return per_document(doc, "text", lambda d: d.text)


def known_text(doc: Doc, text: str) -> None:
    """Tell :func:`doc_text` the text a document was parsed from, so that it is not joined
    again from the tokens; a text of another length is not the document's and is ignored."""
    if len(doc) and doc[-1].idx + len(doc[-1].text_with_ws) == len(text):
        per_document(doc, "text", lambda d: text)


def span_text(doc: Doc, first: int, last: int) -> str:
    """The text from token ``first`` to token ``last`` (both included), sliced from the
    document's text instead of joined token by token."""
    return doc_text(doc)[doc[first].idx:doc[last].idx + len(doc[last])]


def sentences_from(doc: Doc, start: int) -> Iterator[Span]:
    """The sentences of a parsed document from the one that begins at token ``start`` on
    (``doc.sents`` makes every sentence of the document, however few are wanted).

    >>> from kgraph.nlp import load_model
    >>> [s.text for s in sentences_from(load_model()("One left. Two came. Three stayed."), 3)]
    ['Two came.', 'Three stayed.']
    """
    starts = numpy.flatnonzero(doc.to_array(SENT_START)[start:] == 1) + start
    bounds = sorted({start, *starts.tolist()})
    for begin, end in zip(bounds, [*bounds[1:], len(doc)]):
        yield doc[begin:end]


# spaCy's English dependency labels (ClearNLP style) that the rules use.
SUBJECTS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
_PASSIVE_MARKS = PASSIVE_SUBJECTS | {"auxpass", "agent"}
OBJECTS = frozenset({"dobj", "obj"})
CLAUSES = frozenset({"ccomp", "xcomp", "parataxis"})
MODIFIERS = frozenset({"compound", "amod", "nmod", "poss", "npadvmod"})

#: Degrees written after a name ("Regina Benjamin, M.D."), without their full stops: no entity.
DEGREES = frozenset("md phd mba dds dmd esq".split())

#: Head nouns of organisations named by description ("the Kazakh government").
ORGANIZATION_NOUNS = frozenset("""
government ministry office agency administration parliament army military police council
committee court embassy company firm authorities authority forces party presidency cabinet regime
campaign department commission coalition alliance legislature senate congress assembly union
navy guard service bureau team club
""".split())

#: Last words of organisation names ("... Ministry", "... Bank", "... Inc").
ORGANIZATION_WORDS = ORGANIZATION_NOUNS | frozenset("""
bank group corporation corp inc ltd plc company association federation foundation institute
university organisation organization network agency channel times post news television radio
""".split())

#: Nouns that stand for an earlier place ("the country").
PLACE_NOUNS = frozenset("country nation state republic city capital region province town village district".split())

#: Head nouns whose "of" complement is a place: "the province of Mangystau", "the streets of Dhaka".
PLACE_KIND_NOUNS = frozenset("""
province city town village region state district county capital island republic kingdom
municipality prefecture oblast governorate department territory street streets
""".split())

#: First and last words that make a name a place's, whatever the recogniser says: "Mount
#: Sefton", "Lake Tekapo", "Tasman Glacier", "97th Avenue" ("Mount Sinai Hospital" ends otherwise
#: and stays an organisation only if its last word is not here either).
PLACE_NAME_FIRST_WORDS = frozenset("mount mt mt. lake cape gulf isle".split())
PLACE_NAME_LAST_WORDS = frozenset("""
street st. avenue ave. road boulevard lane highway freeway glacier ridge valley river island
islands peninsula mountain mountains peak canyon creek desert bay strait sea ocean lake square
""".split())

#: Nouns of buildings and sites: an unnamed one that is attacked or visited is a place.
FACILITY_NOUNS = frozenset("""
base building hospital school village town city airport port embassy station camp checkpoint
bridge market mosque church temple compound headquarters office plant factory refinery prison
border outpost barracks house home
""".split())

#: Third-person pronouns that can refer to a person, by form.
PERSON_PRONOUNS = frozenset("he him his himself she her hers herself".split())
FEMALE_PRONOUNS = frozenset("she her hers herself".split())

#: Determiners and words dropped from the front of a label.
LEADING_NOISE = frozenset("the a an this that these those".split())

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "dozen": 12, "dozens": 24, "hundreds": 100, "thousands": 1000, "millions": 1000000,
}
MULTIPLIERS = {"hundred": 100, "thousand": 1000, "million": 1000000, "billion": 1000000000}

_DIGITS = re.compile(r"^\d[\d,]*(\.\d+)?$")


def parse_number(words: list[str]) -> int | None:
    """Read a count written in digits or words; the least number it can mean.

    >>> parse_number(["more", "than", "150"])
    150
    >>> parse_number(["19", "million"])
    19000000
    >>> parse_number(["thousands"])
    1000
    >>> parse_number(["two", "dozen"])
    24
    >>> parse_number(["several"]) is None
    True
    """
    value: float | None = None
    for word in (w.lower() for w in words):
        if _DIGITS.match(word):
            value = float(word.replace(",", ""))
        elif word in {"dozen", "dozens"} and value is not None:
            value *= 12  # "two dozen"
        elif word in NUMBER_WORDS:
            # "twenty five" adds up; a number word alone starts a new value
            value = NUMBER_WORDS[word] + (value if value is not None and value >= 20 else 0)
        elif word in MULTIPLIERS and value is not None:
            value *= MULTIPLIERS[word]
    return int(value) if value is not None else None


def conjuncts(token: Token) -> list[Token]:
    """The token and every token coordinated with it ("Russia and China" gives both)."""
    return [token, *token.conjuncts]


def children(token: Token, deps: frozenset[str] | set[str]) -> list[Token]:
    """The token's direct dependents with one of these labels."""
    return [child for child in token.children if child.dep_ in deps]


def prepositional_objects(token: Token, prepositions: set[str] | frozenset[str]) -> Iterator[Token]:
    """Objects of the prepositions below ``token`` ("in Almaty and Aktau" gives both)."""
    for prep in token.children:
        # the parser calls "to" in "sent warships to X" a dative
        if prep.dep_ in {"prep", "agent", "dative"} and prep.lower_ in prepositions:
            for obj in prep.children:
                if obj.dep_ in {"pobj", "pcomp"}:
                    yield from conjuncts(obj)


def clause_subjects(verb: Token) -> list[Token]:
    """The subjects of a verb, inherited from the first conjunct or a controlling verb.

    "Lavrov discussed X and assured Y" gives "Lavrov" for both verbs; "X wants to send troops"
    gives "X" for "send". A passive verb has no active subject to inherit: in "she was walking
    when she was struck by a car" (or "when struck by a car") the walker struck nobody.
    """
    seen = 0
    while verb is not None and seen < 4:
        subjects = [s for s in verb.children if s.dep_ in SUBJECTS]
        if subjects:
            return [c for s in subjects for c in conjuncts(s)]
        if any(c.dep_ in _PASSIVE_MARKS for c in verb.children):
            return []
        if verb.dep_ == "conj" or verb.dep_ in {"xcomp", "advcl"} and verb.head.pos_ in {"VERB", "AUX"}:
            verb = verb.head
            seen += 1
            continue
        break
    return []


_DATELINE_WORDS = frozenset(
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july "
    "august september october november december mon tue tues wed thu thur thurs fri sat sun monday "
    "tuesday wednesday thursday friday saturday sunday am pm a.m. p.m. gmt utc est edt pst pdt bst cet "
    "at on published updated posted last".split())


def is_dateline(line: str) -> bool:
    """Whether a line only tells when the article appeared ("9/10/2010 @ 1:19PM", "THURSDAY,
    JUNE 30, 2005", "Published Friday, March 8, 2013 at 12:46 PM"): digits, months, days, times.

    >>> is_dateline("9:53 AM, MON 22 JUL 2013"), is_dateline("Troops Arrive in Almaty")
    (True, False)
    """
    words = re.findall(r"[^\W\d_]+\.?(?:[^\W\d_]+\.)*", line.lower())
    digits = any(ch.isdigit() for ch in line)
    return digits and all(w in _DATELINE_WORDS or w.rstrip(".") in _DATELINE_WORDS
                          or re.fullmatch(r"(?:\d*)(?:am|pm|st|nd|rd|th)", w) for w in words)


def headline_end(text: str) -> int:
    r"""Where an article's headline ends (0 if it has none): a first line of at most 25 words with
    no closing full stop, followed by the article. A first line that only dates the article
    ("9/10/2010 @ 1:19PM") comes before the headline, and is part of it.

    >>> headline_end("Troops Arrive in Almaty\nThe CSTO said on Friday that troops had arrived.")
    23
    >>> headline_end("The CSTO said troops had arrived.\nMore followed.")
    0
    >>> headline_end("Jan 05, 2011\nTroops Arrive\nThe CSTO said on Friday that troops had arrived.")
    26
    """
    start = 0
    first_line_end = text.find("\n")
    if first_line_end != -1 and is_dateline(text[:first_line_end]):
        start = first_line_end + 1
        first_line_end = text.find("\n", start)
    if first_line_end == -1:
        return 0
    headline = text[start:first_line_end].strip()
    rest = text[first_line_end:].strip()
    is_headline = bool(headline) and bool(rest) and headline[-1] not in ".!?\"”" and len(headline.split()) <= 25
    return first_line_end if is_headline else 0


def clean_text(text: str) -> str:
    """Collapse whitespace and strip quotation marks and punctuation from both ends.

    >>> clean_text('that “this was definitely a terrorist attack.”')
    'this was definitely a terrorist attack'
    """
    text = " ".join(text.split()).strip(" \"'“”‘’«».,;:")
    # the complementizer of "said that ..." is not part of what was said
    if text.lower().startswith("that "):
        text = text[5:].strip(" \"'“”‘’«».,;:")
    return text


def stem_match(a: str, b: str) -> bool:
    """Whether two words share a stem: "Kazakh"/"Kazakhstan", "Europe"/"European", "China"/"Chinese".

    >>> stem_match("Kazakh", "Kazakhstan"), stem_match("Europe", "European"), stem_match("Iran", "Iraq")
    (True, True, False)
    """
    a, b = a.lower(), b.lower()
    if a == b:
        return True
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    return common >= 4 and common >= min(len(a), len(b)) - 1
