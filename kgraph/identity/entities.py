"""One node per real-world entity across the documents of a build.

Each document's extraction already merged what the article itself makes clear ("Olaf Scholz",
"Scholz", "the chancellor", "he"). Across documents only proper names count as evidence, never
descriptions, titles or pronouns ("president" joins no two people), and every decision is taken
over all documents at once, so the result does not depend on the order they came in:

1. **Full names.** Records that share a full name join: the same name ("Barack Obama"), the
   same first name and surname around a middle name or initial ("Hillary Rodham Clinton",
   "Donald J. Trump"), a small misspelling of it ("Qasim Jomarat Tokayev"), an acronym a
   record gives with its expansion ("Collective Security Treaty Organization (CSTO)"); an
   acronym alone ("NATO") joins the one organisation whose name has its initials. An
   organisation's or a place's name may be a plural, a hyphen or a British spelling apart
   ("Promises Treatment Centre"); one name read as two types ("the White House" a place here,
   an organisation there; "TMZ" an organisation and a person) is one entity. Suffixes keep a
   son apart from his father ("Donald Trump Jr.").
2. **A name alone.** A record that only ever says "Clinton" or "Hillary" joins the one person of
   the corpus with that surname (else first name), or the one who is clearly the corpus's
   person of that name (three times the documents of the next); otherwise it stays a node of its
   own. Titles that state a gender keep "Mrs. Clinton" from a man called Clinton.
3. **Labels.** A node is labelled with the full name most documents use (then the most
   mentioned, then the longest), never a title, an epithet ("Crooked Hillary Clinton") or a
   headline fragment ("Black Lawmakers Rip Donald Trump"); its IRI is made from that label.

Unnamed entities ("the Kazakh government", "protesters") are one document's own: two articles'
"the government" may be two governments.

Examples
--------
>>> from kgraph.records import Entity, Extraction
>>> from kgraph.text import Document
>>> def record(text, *names):
...     entity = Entity("Person/x", "Person", names[0], names=tuple((n, 1) for n in names))
...     return Extraction(Document(text, text), (entity,))
>>> nodes, entity_of = resolve_entities([record("a", "Hillary Rodham Clinton", "Clinton"), record("b", "Hillary Clinton"),
...                                      record("c", "Hillary Clinton"), record("d", "Clinton")])
>>> sorted((n.label, len(n.members)) for n in nodes.values())
[('Hillary Clinton', 4)]
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from kgraph.names import (
    COURTESY_TITLES,
    ELECT_TITLES,
    NAME_SUFFIXES,
    SAME_NAME_SIMILARITY,
    TITLE_HEADS,
    TITLE_WORDS,
    country_key,
    initials,
    is_acronym,
    normalise_name,
    organization_key,
    same_spelling,
    short_form_of,
    title_gender,
)
from kgraph.records import Extraction

__all__ = ["EntityNode", "resolve_entities", "node_slug"]

# A name alone goes to the corpus's person of that name when that person has this many times the
# documents of the next one.
DOMINANCE = 3
# A word alone read as a place in this many times the articles that read it as a person (with
# nothing else to say it is one) is the place.
PLACE_OVER_PERSON = 1.5
# Words that are an organisation's kind rather than its name ("the Army", "Police"): they name
# different organisations in different articles.
_GENERIC_ORGANIZATIONS = frozenset("""
army police government ministry parliament congress senate court military navy cabinet council
committee commission party administration agency department office embassy opposition coalition
""".split())


@dataclass(frozen=True)
class EntityNode:
    """A real-world entity: the document records it is made of, and how it is named.

    Attributes
    ----------
    key : str
        Its name under the base IRI, after ``entity/``: ``"person/hillary-clinton"``.
    type, label : str
    aliases, titles : tuple of str
    named : bool
    members : tuple of (document digest, entity key)
        The records that are this entity, sorted.
    """

    key: str
    type: str
    label: str
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    named: bool = True
    members: tuple[tuple[str, str], ...] = ()


def node_slug(text: str) -> str:
    """The part of an IRI made from a label.

    >>> node_slug("Qasim Jomart Tokayev")
    'qasim-jomart-tokayev'
    """
    return re.sub(r"[^\w]+", "-", text.lower()).strip("-") or "x"


@dataclass
class _Record:
    """One document's entity, as the evidence across documents sees it."""

    doc: str
    key: str
    type: str
    label: str
    names: dict[str, int]
    titles: tuple[str, ...]
    aliases: tuple[str, ...]
    named: bool
    mentions: int
    gender: str | None = None
    full: list[str] = field(default_factory=list)  # normalised names of two words or more
    single: list[str] = field(default_factory=list)  # normalised one-word names

    @property
    def member(self) -> tuple[str, str]:
        return (self.doc, self.key)


class _Components:
    """Union-find over record indices."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)  # the smaller index leads: independent of call order

    def groups(self, members: Iterable[int]) -> dict[int, list[int]]:
        found: dict[int, list[int]] = defaultdict(list)
        for i in members:
            found[self.find(i)].append(i)
        return found


# words a recogniser glues onto the end of a name ("Microsoft Wednesday", "Apple Inc.")
_TRAILING_DAYS = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february march april
may june july august september october november december""".split())
_CORPORATE = frozenset("corp corporation inc incorporated ltd limited co company llc plc ag sa gmbh".split())


def _name_words(name: str, etype: str) -> list[str]:
    """A name as words to compare: a person's without titles in front ("gov. mike pence" ->
    mike pence); an organisation's without "Inc." or "Corp." behind; none with a weekday or a
    month glued on behind, or a size in front ("6,000-member academy" -> academy)."""
    words = normalise_name(_SIZE_IN_FRONT.sub("", name, count=1)).split() or normalise_name(name).split()
    if etype == "Person":
        while len(words) > 1 and words[0] in TITLE_WORDS:
            words = words[1:]
    while len(words) > 1 and (words[-1] in _TRAILING_DAYS or (etype == "Organization" and words[-1] in _CORPORATE)):
        words = words[:-1]
    return words


# a size or an age glued in front of a name ("the 6,000-member Academy", "40-year-old Thompson")
_SIZE_IN_FRONT = re.compile(r"^(?:the\s+)?\d[\d,.]*(?:-\w+)+\s+", re.IGNORECASE)


_BRITISH = {"centre": "center", "theatre": "theater", "defence": "defense", "programme": "program"}


def _loose(words: list[str]) -> str:
    """An organisation's or a place's name, as compared loosely: words without a plural "s",
    hyphens as spaces, British spellings as American ones.

    >>> _loose("promises treatment centre".split()) == _loose("promises-treatment centers".split())
    True
    """
    loose = []
    for word in " ".join(words).replace("-", " ").split():
        word = _BRITISH.get(word, word)
        loose.append(word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word)
    return " ".join(loose)


def _reduced(words: list[str]) -> str:
    """First name and surname (and a suffix): a middle name or initial is often left out."""
    if words[-1] in NAME_SUFFIXES and len(words) > 2:
        return f"{words[0]} {words[-2]} {words[-1]}"
    return f"{words[0]} {words[-1]}"


# more words than this are no name but a recogniser's run-on span
_LONGEST_NAME = 5


def _records(extractions: Sequence[Extraction]) -> list[_Record]:
    records = []
    for extraction in sorted(extractions, key=lambda e: e.document.digest):
        for entity in extraction.entities:
            names = dict(entity.names) or ({entity.label: len(entity.mentions)} if entity.named else {})
            # what compares is the names the body uses; a headline's glued words ("Obama Says") or
            # a recogniser's run-on span of six words and more count only when there is nothing else
            trusted = {n: count for n, count in names.items() if count > 0 and len(n.split()) <= _LONGEST_NAME}
            record = _Record(extraction.document.digest, entity.key, entity.type, entity.label, trusted or names,
                             entity.titles, entity.aliases, entity.named, len(entity.mentions),
                             title_gender(entity.titles) if entity.type == "Person" else None)
            for name in record.names:
                words = _name_words(name, entity.type)
                if not words:
                    continue
                found = record.full if len(words) > 1 else record.single
                if " ".join(words) not in found:
                    found.append(" ".join(words))
            records.append(record)
    return records


#: A word that ends an organisation's full name ("Colts") names that organisation, unless more
#: than this many times as many articles give the word alone as name the organisation in full.
ENDING_DOMINANCE = 3


def _link_full_names(records: list[_Record], components: _Components) -> None:
    """Step 1: records that share a full name (or its first name and surname, or an acronym a
    record gives beside its expansion) are one entity."""
    by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
    # an organisation's one-word name -> the records that shorten to it a full name made of a
    # place's name and it ("New York Mafia")
    shortened: dict[str, list[int]] = defaultdict(list)
    places = {name for r in records if r.type == "Place" and r.named for name in r.full + r.single}
    for i, record in enumerate(records):
        if not record.named:
            continue
        for name in record.full:
            words = name.split()
            by_key[(record.type, _reduced(words) if record.type == "Person" else name)].append(i)
            # a person's full name the recogniser took for an organisation or a place in one
            # article ("WLADIMIR KLITSCHKO" in a headline) is that person, and a place's name
            # read as an organisation's ("the White House said") is that place
            by_key[("name", name)].append(i)
        if record.type == "Organization":
            # "the Betty Ford Center", "the Betty Ford Clinic", "Betty Ford Treatment Center":
            # one place of care, named after two words or more
            for name in record.full:
                care = _care_facility_key(name)
                if care:
                    by_key[("Organization", f"care:{care}")].append(i)
        if record.type != "Person":
            # "Academy of Motion Picture Arts and Sciences" with "Pictures", "SAP-Arena",
            # "Promises Treatment Centre": a plural, a hyphen, a British spelling apart
            for name in record.full + record.single:
                loose = _loose(name.split())
                if " " in loose:
                    by_key[(record.type, f"loose:{loose}")].append(i)
                    # "Portland Trail Blazers" and "Portland Trailblazers": one word or two
                    by_key[(record.type, f"joined:{loose.replace(' ', '')}")].append(i)
                elif len(loose) >= 10:
                    by_key[(record.type, f"joined:{loose}")].append(i)
        if record.type == "Place":
            # "the Mediterranean" and "the Mediterranean Sea", "the Pacific" and "the Pacific
            # Ocean" (a sea named by an adjective: "Java Sea" is not Java)
            for name in record.names:
                words = name.lower().split()
                sea = len(words) == 1 or (len(words) == 2 and words[1] in {"sea", "ocean"})
                if sea and len(words[0]) > 4 and words[0].endswith(("an", "ic")):
                    by_key[("Place", f"sea:{words[0]}")].append(i)
            # "Qeshm", "Qeshm Island" and "the Island of Qeshm" are one island ("Long Island" is
            # no "Long", unless an article calls a place so)
            for name in record.names:
                island = _island_of(name)
                if island:
                    by_key[("Place", f"island:{island}")].append(i)
            # "America", "the United States" and "the U.S." are one country
            for country in {country_key(n) for n in record.names} - {None}:
                by_key[("Place", f"country:{country}")].append(i)
        if record.type == "Organization":
            # "the GOP" and "the Republican Party", "the Fed" and "the Federal Reserve"
            for organisation in {organization_key(n) for n in record.names} - {None}:
                by_key[("Organization", f"organization:{organisation}")].append(i)
        acronyms = {n.replace(".", "") for n in record.names if is_acronym(n)}
        if record.type in {"Person", "Organization"}:
            # an organisation's acronym the recogniser took for a person's name ("TMZ reported")
            for acronym in acronyms:
                by_key[("acronym", acronym)].append(i)
        if record.type != "Person":
            expansions = {initials(n) for n in record.names if len(n.split()) > 1}
            for acronym in acronyms:
                by_key[(record.type, f"acronym:{acronym}")].append(i)  # "NATO" in one article, "NATO" in the next
            for acronym in acronyms & expansions:
                by_key[(record.type, acronym.lower())].append(i)  # and its expansion where one gives both
            for name in record.single:
                if record.type == "Organization" and name in _GENERIC_ORGANIZATIONS:
                    continue  # "the Army" of one article is not another's
                if record.type == "Organization" and any(
                        full.endswith(" " + name) and full[:-len(name) - 1] in places for full in record.full):
                    shortened[name].append(i)  # "Mafia", of an article that says "New York Mafia" once
                else:
                    by_key[(record.type, name)].append(i)
    for name, members in shortened.items():
        # the short name of an organisation is that organisation's in other articles, unless
        # far more articles give it alone than name the organisation in full: "Mafia" in
        # fifteen articles and "New York Mafia" in two are two ("Colts" is the Colts)
        alone = by_key.get(("Organization", name), [])
        if len({records[i].doc for i in alone}) <= ENDING_DOMINANCE * len({records[i].doc for i in members}):
            by_key[("Organization", name)] = alone + members
    for (kind, _), members in by_key.items():
        if kind in {"name", "acronym"} and len({records[i].type for i in members}) < 2:
            continue  # (the same name of one type links by the keys above)
        for other in members[1:]:
            components.union(members[0], other)
    _link_misspellings(records, components)


# words of the names of places of care that outlets use in turn for one place
_CARE_WORDS = frozenset("center centre clinic treatment rehab rehabilitation facility".split())


def _care_facility_key(name: str) -> str | None:
    """A place of care's name without the words outlets use in turn ("Center", "Clinic",
    "Treatment Center"), where two words or more are left; else None.

    >>> _care_facility_key("Betty Ford Treatment Center"), _care_facility_key("Betty Ford Clinic")
    ('betty ford', 'betty ford')
    >>> _care_facility_key("Kennedy Center"), _care_facility_key("Morningside Recovery")
    (None, 'morningside recovery')
    """
    kept = [w for w in name.lower().split() if w not in _CARE_WORDS]
    return " ".join(kept) if len(kept) >= 2 else None


_ISLAND_WORDS = frozenset({"island", "isle"})


def _island_of(name: str) -> str | None:
    """The name of an island as its one-word name gives it, or None for a name of more words
    that names no island.

    >>> _island_of("Island of Qeshm"), _island_of("Qeshm Island"), _island_of("Qeshm"), _island_of("New York")
    ('qeshm', 'qeshm', 'qeshm', None)
    """
    words = name.lower().split()
    if len(words) >= 3 and words[0] in _ISLAND_WORDS and words[1] == "of":
        return " ".join(words[2:])
    if len(words) >= 2 and words[-1] in _ISLAND_WORDS:
        return " ".join(words[:-1])
    return words[0] if len(words) == 1 else None


def _link_misspellings(records: list[_Record], components: _Components) -> None:
    """Full names of people a letter or two apart, with the same first letter and a surname of
    the same three first letters ("Qasim Jomarat Tokayev", "Qasim Jomart Tokayev"), or a short
    form of the first name ("Mo Cheeks", "Maurice Cheeks"), which also holds for a name of two
    words the recogniser took for an organisation or a place."""
    by_surname: dict[str, set[str]] = defaultdict(set)
    holders: dict[str, list[int]] = defaultdict(list)
    people: set[str] = set()  # the names some person record gives
    for i, record in enumerate(records):
        if record.named and (record.type == "Person" or len(record.full) == 1 == len(record.names)):
            for name in record.full:
                reduced = _reduced(name.split())  # "Betty Mae Page" is compared as "betty page"
                by_surname[reduced.split()[-1][:3]].add(reduced)
                holders[reduced].append(i)
                if record.type == "Person":
                    people.add(reduced)
    for names in by_surname.values():
        ordered = sorted(names)
        for a_index, a in enumerate(ordered):
            for b in ordered[a_index + 1:]:
                if a not in people and b not in people:
                    continue
                a_words, b_words = a.split(), b.split()
                if (a_words[-1] in NAME_SUFFIXES) != (b_words[-1] in NAME_SUFFIXES):
                    continue  # a son is not his father
                # a short surname with a letter more at its end, after the same first names
                # ("Duncan Rait", "Duncan Raite"): one person misspelt
                trailing = a_words[:-1] == b_words[:-1] and _one_letter_more(a_words[-1], b_words[-1])
                misspelt = (a_words[0][0] == b_words[0][0]
                            and (a_words[-1] == b_words[-1] or same_spelling(a_words[-1], b_words[-1]) or trailing)
                            and fuzz.ratio(a, b) >= (SAME_NAME_SIMILARITY if a_words[-1] == b_words[-1] else 88))
                # "Fred LaRue" and "Frederick C. LaRue", "Mo Cheeks" and "Maurice Cheeks": a short
                # form of the same first name
                short, full_name = sorted((a_words[0], b_words[0]), key=len)
                nickname = a_words[-1] == b_words[-1] and (short_form_of(short, full_name) or short_form_of(full_name, short))
                if not (a in people and b in people):
                    misspelt = False  # across types, only a short form of the first name
                if misspelt or nickname:
                    genders = {records[i].gender for i in holders[a] + holders[b]} - {None}
                    if len(genders) < 2:
                        person = holders[a if a in people else b]
                        other = holders[b if a in people else a]
                        components.union(person[0], other[0])
                        for i in other:  # the records of another type join the person each
                            if records[i].type != "Person":
                                components.union(person[0], i)


def _one_letter_more(a: str, b: str) -> bool:
    """Whether one word of four letters or more is the other with a letter added at its end, but
    an "s" ("Evan" and "Evans", "William" and "Williams" are names of their own).

    >>> _one_letter_more("rait", "raite"), _one_letter_more("rai", "raie"), _one_letter_more("evan", "evans")
    (True, False, False)
    """
    shorter, longer = sorted((a, b), key=len)
    return (len(shorter) >= 4 and len(longer) == len(shorter) + 1 and longer.startswith(shorter)
            and longer[-1].isalpha() and longer[-1] != "s")


def _attach_acronyms(records: list[_Record], components: _Components) -> None:
    """An organisation or place only ever called by an acronym ("NATO") joins the one of its
    kind whose full name has those initials ("North Atlantic Treaty Organization"), if one does."""
    groups = components.groups(range(len(records)))
    spelt: dict[tuple[str, str], set[int]] = defaultdict(set)
    for root, members in groups.items():
        for i in members:
            record = records[i]
            if record.type != "Person" and record.named:
                for name in record.names:
                    if len(name.split()) > 1 and len(initials(name)) >= 2:
                        spelt[(record.type, initials(name))].add(root)
    for i, record in enumerate(records):
        acronyms = [n.replace(".", "") for n in record.names if is_acronym(n)]
        if record.type == "Person" or not record.named or len(record.names) != len(acronyms):
            continue
        for acronym in acronyms:
            owners = spelt.get((record.type, acronym), set()) - {components.find(i)}
            if len(owners) == 1:
                components.union(owners.pop(), i)
                break


def _gender(members: list[_Record]) -> str | None:
    genders = {r.gender for r in members if r.gender}
    return genders.pop() if len(genders) == 1 else None


def _attach_single_names(records: list[_Record], components: _Components) -> None:
    """Step 2: a record that only ever gives a person's name alone joins the one person that
    name points to in the corpus, if one clearly is; records that stay give their own node."""
    groups = components.groups(range(len(records)))
    people = {root: [records[i] for i in members] for root, members in groups.items()
              if any(records[i].type == "Person" and records[i].full for i in members)}
    surnames: dict[str, set[int]] = defaultdict(set)
    first_names: dict[str, set[int]] = defaultdict(set)
    for root, members in people.items():
        for record in members:
            for name in record.full:
                words = name.split()
                surname = words[-2] if words[-1] in NAME_SUFFIXES and len(words) > 2 else words[-1]
                surnames[surname].add(root)
                first_names[words[0]].add(root)
    documents = {root: len({r.doc for r in members}) for root, members in people.items()}
    # in how many documents a word is an organisation's or a place's own name ("Jordan" the country)
    own_names: dict[str, set[str]] = defaultdict(set)
    for r in records:
        if r.type != "Person" and r.named:
            for name in r.single:
                own_names[name].add(r.doc)
    endings = _organisation_endings(records, groups)
    # the documents that give a word alone as an organisation's name, and those that name each
    # organisation in full
    ending_alone: dict[str, set[str]] = defaultdict(set)
    for r in records:
        if r.named and not r.full and len(r.single) == 1 and r.type == "Organization":
            ending_alone[r.single[0]].add(r.doc)
    full_documents: dict[int, set[str]] = defaultdict(set)
    for root, members in groups.items():
        for i in members:
            if records[i].full:
                full_documents[root].add(records[i].doc)
    alone: dict[tuple[str, str | None], list[int]] = defaultdict(list)
    for i, record in enumerate(records):
        if not record.named or record.full or len(record.single) != 1:
            continue
        word = record.single[0]
        # an organisation's or place's one-word name may be a surname the recogniser mistook
        # ("Teixeira" for a place), never a first name ("Apple")
        first = first_names.get(word, set()) if record.type == "Person" else set()
        if first and max(documents[c] for c in first) <= len(own_names[word]):
            first = set()  # "Colts" names a team in more articles than it opens a full name ("Colts QB Andrew Luck")
        # (an acronym is no surname: "U.N." is not Kim Jong Un)
        acronym = record.type != "Person" and any(is_acronym(n) for n in record.names)
        candidates = (set() if acronym else surnames.get(word)) or first
        candidates = {c for c in candidates if record.gender is None or _gender(people[c]) in {None, record.gender}}
        chosen = _clear_choice(candidates, documents)
        if chosen is not None and record.type != "Person" and documents[chosen] <= len(own_names[word] - {record.doc}):
            # the corpus names a place or an organisation so, in other articles than this one,
            # at least as often as the person ("Lohan" read as a company once is Lindsay Lohan)
            chosen = None
        if chosen is None and not candidates and record.type != "Place" and word not in _GENERIC_ORGANIZATIONS:
            # "Colts" and the one "Indianapolis Colts" (a team the recogniser may take for a person)
            chosen = endings.get(word) if record.type == "Organization" or not first else None
            if chosen is not None and len(ending_alone[word]) > ENDING_DOMINANCE * len(full_documents[chosen]):
                chosen = None  # (as in _link_full_names: "Mafia" is more than the New York Mafia)
        if chosen is not None:
            components.union(chosen, i)
        elif record.type == "Person":
            alone[(word, record.gender)].append(i)
    for members in alone.values():
        for other in members[1:]:
            components.union(members[0], other)


def _organisation_endings(records: list[_Record], groups: dict[int, list[int]]) -> dict[str, int]:
    """The word organisations' full names are called by, each with the one organisation it
    names, where only one does or one does in far more documents than any other (a stray "fifth
    Saints" beside the "New Orleans Saints" of many articles): the last word ("colts" for
    "Indianapolis Colts"), or the word before "of" ("academy" for "Academy of Motion Picture
    Arts and Sciences")."""
    owners: dict[str, set[int]] = defaultdict(set)
    documents: dict[int, set[str]] = defaultdict(set)
    for root, members in groups.items():
        for i in members:
            if records[i].type == "Organization" and records[i].named:
                for name in records[i].full:
                    words = name.split()
                    owners[words[-1]].add(root)
                    if len(words) > 2 and words[1] == "of":
                        owners[words[0]].add(root)
                    documents[root].add(records[i].doc)
    counts = {root: len(docs) for root, docs in documents.items()}
    chosen = {word: _clear_choice(roots, counts) for word, roots in owners.items()}
    return {word: root for word, root in chosen.items() if root is not None}


def _attach_names_of_the_other_type(records: list[_Record], components: _Components) -> None:
    """A one-word name the recogniser read as an organisation in some articles and as a place in
    others ("Queens" in a headline) is what far more articles read it as: a record of the rarer
    type joins the records of the common one (DOMINANCE times the documents, and at least that
    many). Names of a kind ("Police", "the Army") stay apart."""
    documents: dict[tuple[str, str], set[str]] = defaultdict(set)
    holders: dict[tuple[str, str], int] = {}
    alone = []
    for i, record in enumerate(records):
        if record.named and record.type in {"Organization", "Place"} and record.single and not record.full:
            for word in record.single:
                documents[(word, record.type)].add(record.doc)
                holders.setdefault((word, record.type), i)
            if len(record.single) == 1 and record.single[0] not in _GENERIC_ORGANIZATIONS:
                alone.append(i)
    for i in alone:
        record = records[i]
        word, other = record.single[0], "Place" if record.type == "Organization" else "Organization"
        common, rare = len(documents.get((word, other), ())), len(documents[(word, record.type)])
        if common >= DOMINANCE * rare and common >= DOMINANCE:
            components.union(holders[(word, other)], i)
    # a word read as a person's name alone in some articles, with no person's title and no
    # person of the corpus with it in a full name, is the place most articles read it as
    # ("a fatal crash in Bloomington", "Bloomington police said")
    in_full_names = {word for r in records if r.type == "Person" for name, count in r.names.items()
                     if count > 0 and len(name.split()) > 1 for word in _name_words(name, "Person")}
    people: dict[str, list[int]] = defaultdict(list)
    for i, record in enumerate(records):
        if (record.type == "Person" and record.named and not record.full and len(record.single) == 1
                and record.single[0] not in in_full_names
                and not any(w.lower() in TITLE_WORDS for title in record.titles for w in title.split())):
            people[record.single[0]].append(i)
    for word, members in people.items():
        places = len(documents.get((word, "Place"), ()))
        if places >= PLACE_OVER_PERSON * len({records[i].doc for i in members}) and places >= 2:
            for i in members:
                components.union(holders[(word, "Place")], i)


def _attach_headline_names(records: list[_Record], components: _Components) -> None:
    """A record named in a headline alone, where Title Case glues words onto a name ("Nixon Aide
    Fred LaRue Dies", "CREIGHTON DEFEATS DRAKE"), joins the one entity whose name the body of
    some article uses and is a run of the headline name's words."""
    body: dict[str, set[int]] = defaultdict(set)
    for i, record in enumerate(records):
        if record.named:
            for name, count in record.names.items():
                if count > 0:
                    words = _name_words(name, record.type)
                    if words:
                        body[" ".join(words)].add(i)
    for i, record in enumerate(records):
        if not record.named or any(0 < count and len(n.split()) <= _LONGEST_NAME for n, count in record.names.items()):
            continue  # a record with a name of its own to go by
        owners: set[int] = set()
        for name in record.names:
            words = normalise_name(name).split()
            for size in range(len(words), 0, -1):  # (the whole name first: a record of it may be in the body)
                # a one-word run names an entity of the record's own type only ("Texas Prison
                # Escapee" is no Texas); a longer run may cross types (a person read as an organisation)
                found = {components.find(o) for start in range(len(words) - size + 1)
                         for o in body.get(" ".join(words[start:start + size]), ())
                         if size > 1 or records[o].type == record.type}
                if found:
                    owners |= found
                    break
        owners.discard(components.find(i))
        if len(owners) == 1:
            components.union(owners.pop(), i)


def _attach_qualified_names(records: list[_Record], components: _Components) -> None:
    """A person's name with a word glued in front ("American Hasim Rahman", "Texas Gov. Rick
    Perry" read whole) joins the person whose full name it ends with, when that person is the
    corpus's far better known one (twice the documents) and the record knows no other name."""
    groups = components.groups(range(len(records)))
    documents = {root: len({records[i].doc for i in members}) for root, members in groups.items()}
    known: dict[str, set[int]] = defaultdict(set)
    for i, record in enumerate(records):
        if record.type == "Person" and record.named:
            for name in record.full:
                known[name].add(components.find(i))
    for i, record in enumerate(records):
        if record.type != "Person" or not record.named or len(record.full) != 1:
            continue
        words = record.full[0].split()
        if len(words) < 3 or words[-1] in NAME_SUFFIXES:
            continue
        own = components.find(i)
        for start in range(1, len(words) - 1):
            owners = known.get(" ".join(words[start:]), set()) - {own}
            if len(owners) == 1 and documents[next(iter(owners))] >= 2 * documents[own]:
                components.union(owners.pop(), i)
                break


# words before a description that do not point to one known person
_NOT_DEFINITE = frozenset("a an one another some any both all each his her their its our my your several two three".split())


def _office_words(title: str) -> tuple[frozenset[str], str]:
    """A title's words, places read as one ("U.S." and "US"), and its last word: ({"us"},
    "president-elect") for "U.S. president-elect"."""
    words = [w for w in title.lower().replace(".", "").split() if w != "the"]
    return frozenset(country_key(w) or w for w in words[:-1]), (words[-1] if words else "")


def _attach_offices(records: list[_Record], components: _Components) -> set[int]:
    """An office an article names no holder of ("the US President-elect said") is the one person
    the corpus names with that office: the one whose titles hold all its words ("Russian
    President Vladimir Putin" for "the Russian president"), else the one whose title is that
    office without the qualifier ("President-elect Barack Obama" for "the US President-elect").
    Returns the records so attached."""
    groups = components.groups(i for i, r in enumerate(records) if r.named and r.type == "Person")
    holders: dict[str, list[tuple[frozenset[str], int]]] = defaultdict(list)
    for root, members in groups.items():
        for i in members:
            for title in records[i].titles:
                qualifiers, head = _office_words(title)
                if head:
                    holders[head].append((qualifiers, root))
    held: set[int] = set()
    for i, record in enumerate(records):
        if record.named or record.type != "Person":
            continue
        # an office read as a name ("US President-elect"), or a description that is one ("the
        # Russian president said"), but no one new ("a Russian official", "his Russian counterpart")
        office = record.titles[0] if record.titles else record.label
        words = office.lower().split()
        if (words[0] in _NOT_DEFINITE or words[-1] not in TITLE_HEADS | ELECT_TITLES
                or any(w.rstrip(".") in COURTESY_TITLES for w in words)):
            continue  # ("Mr. King" is a surname, no office)
        qualifiers, head = _office_words(office)
        if not qualifiers or not head:
            continue
        for fits in (lambda q: qualifiers <= q, lambda q: q <= qualifiers):
            found = {root for q, root in holders.get(head, ()) if fits(q)}
            if found:
                if len(found) == 1:
                    components.union(found.pop(), i)
                    held.add(i)
                break
    return held


def _clear_choice(candidates: set[int], documents: dict[int, int]) -> int | None:
    if len(candidates) == 1:
        return next(iter(candidates))
    if not candidates:
        return None
    ranked = sorted(candidates, key=lambda c: (-documents[c], c))
    first, second = documents[ranked[0]], documents[ranked[1]]
    return ranked[0] if first >= DOMINANCE * second and first >= DOMINANCE else None


def _label(members: list[_Record], etype: str) -> str:
    """The full name most documents use ("Hillary Clinton", not "Crooked Hillary Clinton"); then
    the fullest ("Aung San Suu Kyi" over "Suu Kyi"); then the most mentioned ("Jomart" three
    times over "Jomarat" once). Records of the node's own type name it, where there are any (a
    person's name the recogniser took for an organisation counts only when nothing else does)."""
    members = [r for r in members if r.type == etype] or members
    documents: Counter = Counter()
    mentions: Counter = Counter()
    for record in members:
        for name, count in record.names.items():
            if count > 0:  # a name seen in a headline alone names nothing well
                documents[name] += 1
                mentions[name] += count
    if not documents:
        for record in members:
            for name in record.names:
                documents[name] += 1
    names = list(documents) or [members[0].label]
    names = [n for n in names if not _SIZE_IN_FRONT.match(n)] or names
    # a titled form is no name: "Miss Universe Alicia Machado", "Gov. Mike Pence"
    names = [n for n in names if not (etype == "Person" and any(w.lower() in TITLE_WORDS for w in n.split()))] or names
    multi = [n for n in names if len(n.split()) > 1 and not (etype != "Person" and is_acronym(n))]
    if etype == "Person" and multi:
        names = multi
    elif etype != "Person":
        names = [n for n in names if not is_acronym(n)] or names
        # "New Orleans Saints" names the team better than "Saints", and "Academy of Motion
        # Picture Arts and Sciences" the academy better than "Academy", wherever the short form
        # is commoner
        endings = {n.split()[-1].lower() for n in names if len(n.split()) > 1}
        endings |= {n.split()[0].lower() for n in names if len(n.split()) > 2 and n.split()[1] == "of"}
        names = [n for n in names if len(n.split()) > 1 or n.lower() not in endings] or names
    return max(names, key=lambda n: (documents[n], len(n.split()), mentions[n], len(n), n))


def _node(members: list[_Record]) -> tuple[str, str, tuple[str, ...], tuple[str, ...], bool]:
    types = Counter()
    for record in members:
        # a full name of a person outweighs a recogniser's guess for a surname alone
        types[record.type] += record.mentions + (100 if record.type == "Person" and record.full else 0)
    etype = max(types, key=lambda t: (types[t], t))
    named = any(r.named for r in members)
    label = _label(members, etype) if named else members[0].label
    aliases = sorted({a for r in members for a in (*r.aliases, *r.names, r.label)} - {label})
    titles = Counter(t for r in members for t in r.titles)
    return etype, label, tuple(aliases), tuple(sorted(titles, key=lambda t: (-titles[t], t))), named


def _strip_epithets(records: list[_Record]) -> None:
    """"Crooked Hillary", "Lyin' Ted", "Little Marco": a person's two-word name whose second word
    is, across the corpus, a first name far more than a surname, and whose first word is neither
    a first name nor a surname of anyone, is that first name with an epithet in front; the
    record is known by the first name (and so joins the one person of the corpus called so)."""
    names = [name.split() for r in records if r.type == "Person" for name in r.full]
    # a name some article reads as a place or an organisation ("Bandar Abbas") is no epithet
    # in front of a first name
    elsewhere = {name for r in records if r.type != "Person" for name in r.full}
    first_names = Counter(words[0] for words in names)
    surnames = Counter(words[-1] for words in names)
    followers: dict[str, set[str]] = defaultdict(set)  # first word -> the second words after it
    for words in names:
        followers[words[0]].add(words[1] if len(words) > 1 else "")
    for record in records:
        if record.type != "Person" or not record.named:
            continue
        kept = []
        for name in record.full:
            first, *rest = name.split()
            # the first word starts no other name ("Will" of "Will Smith" and "Will Ferrell" does)
            if len(rest) != 1 or name in elsewhere:
                kept.append(name)
                continue
            # (the names that start with the candidate epithet count neither way)
            own = first_names[first]
            # (a first name of two records at least: one "Abbas Jazayeri" makes no "Abbas" a
            # first name that "Bandar" could be an epithet of)
            epithet = (surnames[first] == 0 and followers[first] == {rest[0]}
                       and first_names[rest[0]] >= 2 and first_names[rest[0]] > 2 * (surnames[rest[0]] - own))
            if epithet:
                if rest[0] not in record.single:
                    record.single.append(rest[0])
            else:
                kept.append(name)
        record.full = kept


def resolve_entities(extractions: Sequence[Extraction]) -> tuple[dict[str, EntityNode], dict[tuple[str, str], str]]:
    """The entity nodes of a set of documents and which node each document's entity is.

    Returns ``(nodes by key, {(document digest, entity key): node key})``; the same documents
    give the same answer in any order.
    """
    records = _records(extractions)
    _strip_epithets(records)
    components = _Components(len(records))
    _link_full_names(records, components)
    _attach_qualified_names(records, components)
    _attach_acronyms(records, components)
    _attach_names_of_the_other_type(records, components)
    _attach_single_names(records, components)
    _attach_headline_names(records, components)
    held = _attach_offices(records, components)
    groups = components.groups(i for i, r in enumerate(records) if r.named or i in held)
    built: list[tuple[tuple[str, str], EntityNode]] = []
    for members in groups.values():
        chosen = [records[i] for i in members]
        etype, label, aliases, titles, named = _node(chosen)
        built.append((min(r.member for r in chosen),
                      EntityNode("", etype, label, aliases, titles, named, tuple(sorted(r.member for r in chosen)))))
    for i, record in enumerate(records):
        if not record.named and i not in held:  # one document's own: its digest in the IRI
            etype, label, aliases, titles, named = _node([record])
            built.append((record.member, EntityNode(f"{etype.lower()}/{node_slug(label)}--{record.doc[:8]}", etype, label,
                                                    aliases, titles, False, (record.member,))))
    nodes: dict[str, EntityNode] = {}
    entity_of: dict[tuple[str, str], str] = {}
    taken: Counter = Counter()
    for _, node in sorted(built, key=lambda item: item[0]):
        key = node.key
        if not key:
            key = f"{node.type.lower()}/{node_slug(node.label)}"
            taken[key] += 1
            if taken[key] > 1:  # two entities of one name ("Mr. Trump", "Mrs. Trump"): numbered
                key = f"{key}-{taken[key]}"
        node = EntityNode(key, node.type, node.label, node.aliases, node.titles, node.named, node.members)
        nodes[key] = node
        for member in node.members:
            entity_of[member] = key
    return nodes, entity_of
