"""Entities: named-entity mentions merged into one node per real-world entity, plus coreference.

The resolver reads a parsed spaCy ``Doc`` in three passes:

1. **Names.** spaCy's PERSON, ORG, GPE, LOC and FAC entities become mentions. Titles in front of
   a person's name ("Kazakh President Qasim Jomart Tokayev") are split off and kept as data.
   NORP entities ("Kazakh", "Russian") are not entities of their own: they name nationalities
   and qualify titles and organisations ("the Kazakh government"), which is how they are used.
2. **Merging.** A mention joins an earlier entity when the names agree: the same name, a surname
   alone, a small misspelling of the same full name (Jomarat / Jomart), an acronym and its
   expansion ("Collective Security Treaty Organization (CSTO)").
3. **Coreference.** Descriptions ("the President of Kazakhstan", "the country") and personal
   pronouns ("He told ...") are linked to an entity where the text makes it clear; when it does
   not, they are left unlinked, since a wrong link is worse than none.

Examples
--------
>>> from kgraph.nlp import load_model
>>> doc = load_model()("President Qasim Jomart Tokayev spoke. Tokayev said he would stay.")
>>> resolver = EntityResolver(doc)
>>> [(e.type, e.label, e.titles) for e in resolver.entities()]
[('Person', 'Qasim Jomart Tokayev', ('President',))]
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from kgraph.names import COURTESY_TITLES, ELECT_TITLES, country_key, initials, is_acronym, normalise_name, same_person, without_suffix
from kgraph.records import Entity, TextSpan, entity_key
from kgraph.extract.words import (
    DEGREES,
    FEMALE_PRONOUNS,
    LEADING_NOISE,
    ORGANIZATION_NOUNS,
    ORGANIZATION_WORDS,
    PASSIVE_SUBJECTS,
    PERSON_PRONOUNS,
    PLACE_KIND_NOUNS,
    PLACE_NAME_FIRST_WORDS,
    PLACE_NAME_LAST_WORDS,
    PLACE_NOUNS,
    SUBJECTS,
    TITLE_HEADS,
    TITLE_WORDS,
    clause_subjects,
    doc_text,
    headline_end,
    lower_case_words,
    per_document,
    positions_of_words,
    stem_match,
    title_gender,
)

__all__ = ["EntityResolver", "ENTITY_LABELS"]

#: Nouns of people that a town's name qualifies: "a Burnsville woman", "a Perth man".
HOMETOWN_NOUNS = frozenset("""
woman man mother father resident native girl boy teen teenager couple family grandmother
grandfather mom dad wife husband daughter son
""".split())

#: spaCy entity labels -> kgraph entity types.
# determiners of a description that brings in someone new
INDEFINITE_DETERMINERS = frozenset({"a", "an", "another", "some", "any", "one"})

ENTITY_LABELS = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place", "FAC": "Place"}

# Pronoun antecedents are looked for this many sentences back, no further.
PRONOUN_WINDOW_SENTENCES = 3


@dataclass
class _Cluster:
    """An entity being assembled: every name and mention seen for it so far."""

    type: str
    names: Counter = field(default_factory=Counter)
    # how often the article's body (not its headline) uses each name
    body_names: Counter = field(default_factory=Counter)
    titles: list[str] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)
    mentions: list[TextSpan] = field(default_factory=list)
    named: bool = True
    type_votes: Counter = field(default_factory=Counter)
    # a full name or a title seen as a person's outweighs the recogniser's other guesses
    person_evidence: bool = False
    # names of three words or more right after "Miss" or "Mr.", whose first word may be the
    # title's ("Miss Universe Alicia Machado")
    after_courtesy: dict = field(default_factory=dict)  # the name -> the name without that first word
    # an apposition says it is an organisation: "Patriot Coal, one of the nation's largest coal companies"
    organization_evidence: bool = False

    def gender(self) -> str | None:
        """The gender its titles state ("Mrs.", "Congressman"): ``"female"``, ``"male"`` or None."""
        return title_gender(self.titles)

    def label(self) -> str:
        names = [n for n in self.names if not is_acronym(n)] or list(self.names) or self.descriptions
        # a name the body uses over one seen in the headline alone (where a Title Case line glues
        # words onto a name: "Black Lawmakers Rip Donald Trump"); then a full name over a surname;
        # then the most frequent ("Jomart" three times over "Jomarat" once); then the longest
        order = {n: i for i, n in enumerate(names)}
        return max(names, key=lambda n: (self.body_names.get(n, 0) > 0, len(n.split()) > 1, self.names.get(n, 0),
                                         len(n.split()), -order[n]))

    def add_name(self, name: str, in_headline: bool) -> None:
        """Note one use of a name."""
        self.names[name] += 1
        self.body_names[name] += not in_headline

    def fold_courtesy_titles(self) -> None:
        """A name read right after "Miss" or "Mr." whose first word the article also leaves out
        ("former Miss Universe Alicia Machado" ... "Alicia Machado") counts as the shorter name:
        that first word was the title's ("Miss Universe", "Mr. Olympia")."""
        for name, shorter in sorted(self.after_courtesy.items()):
            if shorter in self.names and name in self.names:
                self.names[shorter] += self.names.pop(name)
                self.body_names[shorter] += self.body_names.pop(name, 0)


@dataclass(frozen=True)
class _Link:
    """A token range that refers to a cluster, in document order."""

    start: int
    end: int
    cluster: int
    subject: bool


def _pronoun_gender(pronoun: Token) -> str:
    return "female" if pronoun.lower_ in FEMALE_PRONOUNS else "male"


def _names_organisation(apposition: Token) -> bool:
    """Whether an apposition describes an organisation: "a company", "one of the largest coal
    companies", "the club"."""
    if apposition.lower_ in {"one", "part"}:
        of = next((c for c in apposition.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        apposition = next((c for c in of.children if c.dep_ == "pobj"), apposition) if of is not None else apposition
    return apposition.pos_ == "NOUN" and apposition.lemma_.lower() in ORGANIZATION_NOUNS


def _ends_with_word(words: list[str], other: list[str]) -> bool:
    """Whether one of two names is one word, the other's last: ["saints"], ["new", "orleans", "saints"]."""
    shorter, longer = sorted((words, other), key=len)
    return len(shorter) == 1 and len(longer) >= 2 and shorter[0] == longer[-1]


def _nationality_words(doc: Doc) -> tuple[frozenset[str], frozenset[str]]:
    """The words of a document's nationalities ("Kazakh") and of its places ("Kazakhstan"), as
    the recogniser reads them: another word of the same stem as a place is its nationality."""
    return (frozenset(t.lower_ for ent in doc.ents if ent.label_ == "NORP" for t in ent),
            frozenset(t.lower_ for ent in doc.ents if ent.label_ in {"GPE", "LOC"} for t in ent))


# lower-case words that belong to people's names
_NAME_PARTICLES = frozenset("de da di du del della der den van von la le bin ibn al el ben dos das".split())
# quotation marks around a nickname inside a name
_QUOTE_MARKS = frozenset({'"', "'", "“", "”", "‘", "’", "``", "''"})


def _modifies_a_noun(token: Token) -> bool:
    """Whether a word qualifies a common noun: "Perth" in "a Perth doctor"."""
    return token.dep_ in {"compound", "amod", "nmod"} and token.head.pos_ == "NOUN"


#: Last words of the names of institutions, which the recogniser may read as a person's name
#: when a person's name comes before them ("Betty Ford Center", "John Jay College"); never
#: surnames ("Church", "Hall" and "Bank" are).
_INSTITUTION_LAST_WORDS = frozenset("""
center centre clinic hospital foundation institute university college school academy museum
library corporation inc ltd association society fund magazine newspaper council committee
ministry agency
""".split())


#: Capitalised words that, after a possessive, make a business's or an institution's name.
_BUSINESS_AFTER_POSSESSIVE = frozenset("""
club restaurant bar pub grill diner cafe café kitchen tavern bakery market hospital college
""".split())

#: Nouns of organisations that a person's name qualifies ("the Obama administration").
_ORGANIZATIONS_OF_PEOPLE = frozenset("administration campaign team government camp cabinet regime presidency".split())

#: Title words that are common surnames too ("Billy King", "Harold Bishop").
_SURNAMES_LIKE_TITLES = frozenset("king bishop judge marshal major dean mayor prince baron earl".split())


def _name_shaped(token: Token) -> bool:
    """A word written as a first name is: "Jerry", not "D", "AP" or "said"."""
    return token.is_alpha and len(token) >= 3 and token.text[0].isupper() and token.text[1:].islower()


def _strip_noise(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[0].lower_ in LEADING_NOISE or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].tag_ == "POS"):
        tokens = tokens[:-1]
    return tokens


def _text(tokens: list[Token]) -> str:
    """The words of tokens as the text writes them, whitespace collapsed; tokens with a gap
    (a name around a nickname left out) are joined by a space."""
    if not tokens:
        return ""
    if tokens[-1].i - tokens[0].i + 1 != len(tokens):
        return " ".join(" ".join(t.text for t in tokens).split())
    doc = tokens[0].doc
    return " ".join(doc[tokens[0].i:tokens[-1].i + 1].text.split())


def _description_span(head: Token) -> Span:
    """The words of a description: its modifiers and its "of" phrase, not appositions or clauses."""
    left, right = head.i, head.i
    for child in head.children:
        if child.i < head.i and child.dep_ in {"amod", "compound", "poss", "nmod"}:
            left = min(left, child.left_edge.i)
        elif child.i > head.i and child.dep_ == "prep" and child.lower_ == "of":
            right = max(right, child.right_edge.i)
    return head.doc[left:right + 1]


def _is_subject(token: Token) -> bool:
    return token.dep_ in SUBJECTS or (token.dep_ == "conj" and token.head.dep_ in SUBJECTS)


class EntityResolver:
    """The entities of one parsed document and the mapping from tokens to them.

    Parameters
    ----------
    doc : spacy.tokens.Doc
        A document parsed by a pipeline with a tagger, parser and entity recogniser.
    """

    def __init__(self, doc: Doc, *, ignored: Callable[[int], bool] | None = None, headline: bool = True) -> None:
        self.doc = doc
        self._headline_end = headline_end(doc_text(doc)) if headline else 0
        self._lower_words = lower_case_words(doc)
        # page furniture (share buttons, author bios...) names no entity of the article
        self._ignored = ignored or (lambda position: False)
        self._clusters: list[_Cluster] = []
        self._token_cluster: dict[int, int] = {}
        self._links: list[_Link] = []
        self._last_seen: dict[int, int] = {}  # cluster -> start of its latest mention
        self._genders: dict[int, str] = {}  # cluster -> the gender its titles state, where they do
        self._find_names()
        self._merge_acronyms()
        self._merge_headline_names()
        self._merge_surnames_read_as_other_types()
        self._merge_organisations_first_words()
        self._find_missed_surnames()
        self._find_missed_names()
        for cluster in self._clusters:
            cluster.fold_courtesy_titles()
        self._resolve_descriptions_and_pronouns()

    # -- pass 1 and 2: names ------------------------------------------------------------------
    def _find_names(self) -> None:
        heads: dict[int, tuple[str, list]] = {}
        # in a text written in both cases, a name has a capital: "seeing his brother die" names no one
        cased = any(ch.isupper() for ch in doc_text(self.doc))
        for ent in self.doc.ents:
            if (ent.label_ not in ENTITY_LABELS or self._ignored(ent.start_char)
                    or ent.text.replace(".", "").lower() in DEGREES
                    or (cased and not any(ch.isupper() for ch in ent.text))):
                continue
            head = self._name_head(ent.root)
            label, ents = heads.setdefault(head.i, (ent.label_, []))
            ents.append(ent)
            if head.i in range(ent.start, ent.end):
                heads[head.i] = (ent.label_, ents)  # the entity that holds the head decides the type
        for head_i in sorted(heads):
            label, ents = heads[head_i]
            head = self.doc[head_i]
            # titles and qualifiers in front belong to the mention: "Russian Foreign Minister Sergei Lavrov"
            start = min(min(e.start for e in ents), head.left_edge.i)
            end = max(head.i + 1, *(e.end for e in ents))
            etype = ENTITY_LABELS[label]
            surname = self._surname_after_bracketed_nickname(end) if etype == "Person" else None
            if surname is not None:  # "Luis Gerardo (Jerry) Ortiz": the surname is the name's
                head, end = surname, surname.i + 1
            owned = self._business_after_possessive(end)
            if owned is not None:  # "Sam's Club": a business named after its founder
                head, end, etype = owned, owned.i + 1, "Organization"
            team = self._team_after(head, end) if etype == "Place" else None
            if team is not None:  # "the Philadelphia 76ers": a team, not the city
                head, end, etype = team, team.i + 1, "Organization"
            if etype == "Place" and [e.text for e in ents] == [head.text] and head.lower_ in PLACE_KIND_NOUNS:
                # a kind of place is no name of one: "the Island of Qeshm" names Qeshm, whatever
                # the recogniser took of it
                named = self._named_after_of(head)
                if named is None:
                    continue
                head, end = named, named.i + 1
            self._add_name_mention(head, start, end, etype)

    def _named_after_of(self, kind: Token) -> Token | None:
        """The last word of the proper noun after a kind of place and "of" ("Island of Qeshm"),
        or None."""
        doc = self.doc
        at = kind.i + 2
        if at >= len(doc) or doc[kind.i + 1].lower_ != "of" or doc[at].pos_ != "PROPN":
            return None
        while at + 1 < len(doc) and doc[at + 1].pos_ == "PROPN" and doc[at + 1].dep_ in {"compound", "flat", "pobj"}:
            at += 1
        return doc[at]

    def _used_as_title(self, token: Token) -> bool:
        """Whether a surname that is a title word is used as the title ("the King of Jordan",
        "King Abdullah"), not as the surname of "Martin Luther King"."""
        if token.lower_ not in TITLE_WORDS:
            return False
        after = self.doc[token.i + 1] if token.i + 1 < len(self.doc) else None
        return (any(c.dep_ == "det" for c in token.children) or (token.i > 0 and self.doc[token.i - 1].lower_ == "the")
                or (after is not None and (after.lower_ == "of" or after.pos_ == "PROPN")))

    def _surname_like_a_title(self, head: Token) -> bool:
        """Whether a title word ends a person's name as a surname: "Billy King", "Martin Luther
        King", "Harold Bishop" (a first name before it, no title: not "General Manager")."""
        before = self.doc[head.i - 1] if head.i > 0 else None
        return (head.lower_ in _SURNAMES_LIKE_TITLES and before is not None and _name_shaped(before) and before.pos_ == "PROPN"
                and before.lower_ not in TITLE_WORDS and before.ent_type_ == "PERSON")

    @staticmethod
    def _is_business_word(token: Token) -> bool:
        return token.text[:1].isupper() and token.lower_ in _BUSINESS_AFTER_POSSESSIVE

    def _business_after_possessive(self, end: int) -> Token | None:
        """The word that, after a name and its possessive, names a business or an institution
        ("Sam's Club", "Joe's Diner", "St. Mary's Hospital"), else None."""
        doc = self.doc
        if end + 1 < len(doc) and doc[end].tag_ == "POS" and self._is_business_word(doc[end + 1]):
            return doc[end + 1]
        return None

    def _surname_after_bracketed_nickname(self, end: int) -> Token | None:
        """The surname after a person's name and a nickname in brackets ("Luis Gerardo (Jerry)
        Ortiz"), which the recogniser leaves out of the name."""
        doc = self.doc
        if end + 3 >= len(doc) or doc[end].text != "(" or doc[end + 2].text != ")":
            return None
        nickname, surname = doc[end + 1], doc[end + 3]
        # (a name-shaped nickname, not a party's letter or an acronym: "Obama (D) Illinois")
        if (_name_shaped(nickname) and surname.pos_ == "PROPN" and surname.text[:1].isupper() and surname.ent_type_ in {"", "PERSON"}
                and surname.lower_ not in TITLE_WORDS):
            return surname
        return None

    def _team_after(self, place: Token, end: int) -> Token | None:
        """The plural that a place's name qualifies as a team's or a band's name does ("76ers",
        "Trail Blazers", "Cowboys"): a capitalised word, or one with a digit, that the article
        never writes in lower case."""
        if place.dep_ != "compound" or place.head.i != end or end >= len(self.doc):
            return None
        noun = place.head
        if noun.text[:1].isdigit():  # ("76ers" has no capital to tell it by)
            named = True
        else:
            named = noun.text[:1].isupper() and noun.lower_ not in self._lower_words
        if noun.tag_ in {"NNS", "NNPS"} and named and not noun.is_sent_start:
            return noun
        return None

    def _name_head(self, token: Token) -> Token:
        """Climb from an entity's root through the proper-noun compound it sits in."""
        while (token.dep_ in {"compound", "flat"} and token.head.pos_ == "PROPN"
               and token.head.i > token.i and not self.doc[token.i:token.head.i].text.count(",")):
            token = token.head
        return token

    def _add_name_mention(self, head: Token, start: int, end: int, etype: str) -> None:
        tokens = list(self.doc[start:end])
        # the name part: the proper nouns right before the head that are not title words, and
        # not, left of where the recogniser's name begins, words after a title ("Miss Universe
        # Alicia Machado": "Universe" belongs to the title)
        person_start = min((t.i for t in tokens if t.ent_type_ == "PERSON"), default=head.i)
        titled = any(t.lower_ in TITLE_WORDS for t in tokens if t.i < person_start)

        def widened(position: int) -> int:
            while (position - 1 >= start and self._is_name_word(self.doc[position - 1])
                   and not (titled and position - 1 < person_start)):
                position -= 1
            return position

        name_start = widened(head.i)
        nickname = self._quoted_nickname(name_start, start) if etype == "Person" else range(0)
        if nickname:  # Vincent "The Chin" Gigante: the name is Vincent Gigante
            name_start = widened(nickname.start - 1)
        name_end = head.i + 1
        if etype != "Person":
            # organisations and places keep their whole name: "the Council of Europe"
            name_start = min(t.i for t in tokens if t.ent_type_ and t.ent_type_ != "PERSON") if any(
                t.ent_type_ and t.ent_type_ != "PERSON" for t in tokens) else start
            name_end = end
        name_tokens = _strip_noise([t for t in self.doc[name_start:name_end] if t.i not in nickname])
        possessive = next((i for i, t in enumerate(name_tokens) if t.tag_ == "POS"), None)
        if possessive and possessive + 1 < len(name_tokens) and self._is_business_word(name_tokens[possessive + 1]):
            possessive = None  # "Sam's Club", "St. Mary's Hospital": the possessive is the name's
        if possessive:  # "U.N.'s Record on Urgent Global Challenges": the owner is the name
            name_tokens = _strip_noise(name_tokens[:possessive])
        # a person's name that modifies a common noun ("a Trump campaign official") only refers
        # back (a demonym the recogniser took for a name, "the Kazakh government", is none);
        # a place or organisation so used is one ("a Perth doctor", "a Queens street")
        modifier = _modifies_a_noun(head)
        if head.lower_ in TITLE_WORDS and etype == "Person" and not self._surname_like_a_title(head):
            return
        if etype != "Person" and self._title_only(name_tokens):
            # "U.S. Surgeon General", "US President-elect": an office the recogniser took for a
            # name; it is the person who holds it, where the article makes that clear
            holder = self._title_description(head) if head.pos_ in {"NOUN", "PROPN"} else None
            if holder is None and self._office_of_one(name_tokens):
                # an office no one the article names holds: the person in it, described by it,
                # whom other articles may name ("the US President-elect")
                office = _text(name_tokens)
                self._clusters.append(_Cluster("Person", titles=[office], descriptions=[office], named=False))
                holder = len(self._clusters) - 1
            if holder is not None:
                self._record(name_tokens[0].i, name_tokens[-1].i + 1, holder, _is_subject(head))
            self._add_affiliation(name_tokens)  # the place in it is one all the same: "US"
            return
        etype = self._corrected_type(name_tokens, head, etype)
        if etype == "Organization" and head.pos_ == "PROPN" and any(
                t.lower_ in TITLE_HEADS for t in tokens if t.i < head.i and t.dep_ == "compound"):
            # "Chancellor Olaf Scholz": a name behind a person's title names a person
            etype = "Person"
            name_start = head.i
            while name_start - 1 >= start and self._is_name_word(self.doc[name_start - 1], allow_org=True):
                name_start -= 1
            name_tokens = _strip_noise(list(self.doc[name_start:head.i + 1]))
        name = _text(name_tokens)
        if not name or not any(ch.isalpha() for ch in name):
            return
        title_tokens = _strip_noise(self._title_run(start, name_start))
        title = _text(title_tokens)
        cluster = self._find_cluster(name, etype, title_gender([title]) if etype == "Person" else None)
        if cluster is None and modifier and etype == "Person" and head.head.lemma_.lower() in HOMETOWN_NOUNS:
            # "a 66-year-old Burnsville woman", "a Perth man": the town they are from, whatever
            # the recogniser read
            etype = "Place"
            cluster = self._find_cluster(name, etype)
        if cluster is None:
            if modifier and etype == "Person":
                return
            self._clusters.append(_Cluster(etype))
            cluster = len(self._clusters) - 1
        entry = self._clusters[cluster]
        in_headline = name_tokens[0].idx < self._headline_end
        entry.add_name(name, in_headline)
        if nickname and self.doc[nickname.start].text == "(" and len(nickname) == 3:
            # "Luis Gerardo (Jerry) Ortiz" is also "Jerry Ortiz"
            entry.add_name(f"{self.doc[nickname.start + 1].text} {name_tokens[-1].text}", in_headline)
        if etype == "Person" and len(name_tokens) >= 3:
            # "Miss Universe Alicia Machado", read with or without "Miss" in the name
            if name_tokens[0].lower_.rstrip(".") in COURTESY_TITLES and len(name_tokens) >= 4:
                entry.after_courtesy[name] = _text(name_tokens[2:])
            elif name_tokens[0].i > 0 and self.doc[name_tokens[0].i - 1].lower_.rstrip(".") in COURTESY_TITLES:
                entry.after_courtesy[name] = _text(name_tokens[1:])
        entry.type_votes[etype] += 1
        # a full name or a title is a person's, unless the last word is one the article also
        # writes in lower case: "Patriot Coal" (and "coal") names a company
        if etype == "Person" and (len(name.split()) > 1 or title_tokens) and name.split()[-1].lower() not in self._lower_words:
            entry.person_evidence = True
        if any(child.dep_ == "appos" and _names_organisation(child) for child in head.children):
            entry.organization_evidence = True
        if title.strip():  # title tokens can be mere line breaks between a heading and a name
            entry.titles.append(title)
        begin_token = title_tokens[0] if title_tokens else name_tokens[0]
        self._record(begin_token.i, name_tokens[-1].i + 1, cluster, _is_subject(head))
        if etype == "Person" and title_tokens:
            self._add_affiliation(title_tokens)
        # "Collective Security Treaty Organization (CSTO)": the bracketed acronym is another name
        nxt = name_tokens[-1].i + 1
        if (nxt + 2 < len(self.doc) and self.doc[nxt].text == "(" and self.doc[nxt + 2].text == ")"
                and is_acronym(self.doc[nxt + 1].text)):
            entry.add_name(self.doc[nxt + 1].text, in_headline)
            self._record(nxt + 1, nxt + 2, cluster, False)

    def _add_affiliation(self, title: list[Token]) -> None:
        """Proper nouns that open a person's title ("Chargers defensive tackle Jamal Williams",
        "Fox News host Sean Hannity", "Texas Gov. Rick Perry") name the team, company, outlet or
        place the person belongs to: a mention of that entity of its own. The title's words
        still stand for the person in the events' roles."""
        nationalities, places = per_document(self.doc, "nationality words", _nationality_words)
        run: list[Token] = []
        for token in title:
            # (a team is often read as a plural noun: "Colts quarterback Andrew Luck")
            team = token.tag_ in {"NNS", "NNPS"} and token.text[:1].isupper() and not token.is_sent_start
            # ("Kazakh President": a nationality, whatever the recogniser says, where the article
            # names its country)
            if (not (token.pos_ == "PROPN" or team) or token.lower_ in TITLE_WORDS or token.ent_type_ == "NORP"
                    or token.lower_ in nationalities
                    or any(stem_match(token.text, place) and token.lower_ != place for place in places)):
                break
            run.append(token)
        if not run or len(run) == len(title) or not run[0].text[:1].isupper():
            return  # (the title must go on after the name: "Fox News host")
        if any(link.start <= run[0].i < link.end for link in self._links[:-1]):
            return  # a name of its own already ("Pentagon" read as an organisation)
        name = _text(run)
        if len(name) < 2 or not any(ch.isalpha() for ch in name):
            return
        types = {t.ent_type_ for t in run}
        etype = "Place" if types & {"GPE", "LOC", "FAC"} else "Person" if "PERSON" in types else "Organization"
        cluster = self._find_cluster(name, etype)
        if cluster is None:
            self._clusters.append(_Cluster(etype))
            cluster = len(self._clusters) - 1
        entry = self._clusters[cluster]
        entry.add_name(name, run[0].idx < self._headline_end)
        entry.type_votes[etype] += 1
        self._record(run[0].i, run[-1].i + 1, cluster, False, refer=False)

    def _title_run(self, start: int, name_start: int) -> list[Token]:
        """The words right before a name that describe its bearer: "Kazakh President", "former
        U.S. Secretary of State", "billionaire".

        The parse often hangs more in front of a name ("More than 4 in 10 said billionaire Donald
        Trump", "Ivanka Trump and Melania Trump"); the title is the run of nouns, adjectives and
        proper nouns next to the name ("Clinton aide Huma Abedin"), so it stops at a verb, a
        conjunction, a number, or a preposition other than a title's "of".
        """
        i = name_start
        while i > start:
            token = self.doc[i - 1]
            title_word = token.pos_ in {"PROPN", "NOUN", "ADJ"} or token.tag_ == "POS"
            # "Secretary of State", "front-runner": joints inside a title, between two of its words
            joint = (i - 2 >= start and self.doc[i - 2].pos_ in {"PROPN", "NOUN", "ADJ"}
                     and (token.lower_ in {"of", "for"} and self.doc[i].text[:1].isupper()
                          or token.tag_ == "HYPH" and not token.whitespace_))
            if not (title_word or joint):
                break
            i -= 1
        if i < name_start and self.doc[name_start - 1].tag_ in {"NNS", "NNPS"}:
            # a plural is no one person's title: "front-runners Donald Trump and Ted Cruz", and
            # headlines' verbs read as plural nouns ("Cruz tops Trump", "Mayor rebuffs Trump")
            return []
        return list(self.doc[i:name_start])

    def _quoted_nickname(self, end: int, start: int) -> range:
        """The positions of a quoted or bracketed nickname that ends right before ``end`` and
        follows a first name, marks included (Vincent "The Chin" Gigante, Earvin 'Magic' Johnson,
        Luis Gerardo (Jerry) Ortiz), else an empty range; ``start``: where the mention may begin."""
        doc = self.doc
        close = end - 1
        if close <= start or (doc[close].text not in _QUOTE_MARKS and doc[close].text != ")"):
            return range(0)
        openings = {"("} if doc[close].text == ")" else _QUOTE_MARKS
        for opening in range(close - 1, max(start, close - 4) - 1, -1):
            if doc[opening].text in openings:
                inside = doc[opening + 1:close]
                if doc[opening].text == "(" and not (len(inside) == 1 and _name_shaped(inside[0])):
                    break  # "(D)", "(AP)": no nickname
                if (len(inside) and all(t.is_alpha and (t.text[0].isupper() or t.lower_ == "the") for t in inside)
                        and opening - 1 >= start and self._is_name_word(doc[opening - 1], allow_org=True)):
                    # (a first name before a quoted nickname is a person's, whatever the recogniser read)
                    return range(opening, close + 1)
                break
        return range(0)

    @staticmethod
    def _is_name_word(token: Token, *, allow_org: bool = False) -> bool:
        """A word of a person's own name: a proper noun, no title, not part of an organisation."""
        allowed = {"", "PERSON", "ORG"} if allow_org else {"", "PERSON"}
        # (a word in lower case is no name's, but a particle: "mafia godfather Gigante", "Ludwig van Beethoven")
        return (token.pos_ == "PROPN" and token.lower_ not in TITLE_WORDS and token.ent_type_ in allowed
                and (token.text[:1].isupper() or token.lower_ in _NAME_PARTICLES))

    @staticmethod
    def _corrected_type(name: list[Token], head: Token, etype: str) -> str:
        """Fix types the context or the name makes plain: "the province of Mangystau", "Mount
        Sefton", "Mt Sefton Bivvy" (read as a person), "Tasman Glacier" and "97th Avenue" (read as
        organisations) are places."""
        if (head.dep_ == "pobj" and head.head.lower_ == "of"
                and head.head.head.lemma_.lower() in PLACE_KIND_NOUNS):
            return "Place"
        words = [t.lower_ for t in name]
        # (people are called "Tom Ridge" and "Michael Bay", not "Mount ..." or "Lake ...")
        if len(words) >= 2 and (words[0] in PLACE_NAME_FIRST_WORDS
                                or etype == "Organization" and words[-1] in PLACE_NAME_LAST_WORDS):
            return "Place"
        if etype == "Person" and len(words) >= 2 and words[-1] in _INSTITUTION_LAST_WORDS:
            return "Organization"  # "the Betty Ford Center" is named after a woman, and is none
        return etype

    def _office_of_one(self, name: list[Token]) -> bool:
        """Whether a title names one person's office, qualified by its place or body, and refers
        to its holder: "the US President-elect has asked ...", "the Russian President said" (not
        "Senators", nor a bare "President", nor the office given: "was named U.S. Surgeon
        General", "served as Russian President")."""
        words = _text(name).split()
        last = name[-1]
        return (len(words) >= 2 and words[-1].lower() in TITLE_HEADS | ELECT_TITLES
                and not last.tag_.endswith("S") and name[0].lower_ not in TITLE_WORDS
                and last.dep_ not in {"attr", "oprd", "acomp", "appos"} and last.head.lower_ != "as")

    def _title_only(self, name: list[Token]) -> bool:
        """Whether a name is an office alone: a person's title behind words that are titles or
        places ("U.S. Surgeon General", "US President-elect"; not "Burger King")."""
        words = _text(name).split()
        if not words or words[-1].lower() not in TITLE_HEADS | ELECT_TITLES:
            return False
        nationalities, places = per_document(self.doc, "nationality words", _nationality_words)
        return all(w.lower() in TITLE_WORDS or w.lower() in nationalities or w.lower() in places or country_key(w)
                   for w in words[:-1])

    def _find_cluster(self, name: str, etype: str, gender: str | None = None) -> int | None:
        """The most recent entity this name can refer to, or None.

        A ``gender`` from the mention's title keeps it apart from a person whose titles say
        the other ("Mrs. Trump" after "Mr. Trump").
        """
        lowered = name.lower()
        words = lowered.split()
        if len(words) == 1 and etype != "Person":
            # the recogniser often takes a surname alone for a place or a company ("Scholz urged ...")
            owners = {index for index, cluster in enumerate(self._clusters) if cluster.person_evidence
                      and any(len(n.split()) > 1 and n.lower().split()[-1] == lowered for n in cluster.names)}
            if len(owners) == 1:
                return owners.pop()
        recent = [c for c in sorted(self._last_seen, key=lambda c: -self._last_seen[c])
                  if gender is None or self._clusters[c].gender() in {None, gender}]
        # the same name first, however long ago: after "Donald Trump ... Melania Trump", "Trump"
        # is the person already called "Trump", not the latest one with that surname
        for index in recent:
            if lowered in {n.lower() for n in self._clusters[index].names}:
                return index
        for index in recent:
            cluster = self._clusters[index]
            if cluster.type != etype:
                continue
            known = [n.lower().split() for n in cluster.names]
            if etype == "Person":
                fits = [other for other in known if same_person(words, other)]
                # "Melania Trump" fits the "Trump" of a cluster that also holds "Donald Trump": no
                clashes = [other for other in known if len(other) > 1 and len(words) > 1
                           and other[-1] == words[-1] and not same_person(words, other)]
                if fits and not clashes:
                    return index
            elif etype == "Organization":
                for other_words in known:
                    shorter, longer = sorted((words, other_words), key=len)
                    if len(shorter) >= 2 and shorter[-1] == longer[-1] and set(shorter) <= set(longer):
                        return index
        if etype == "Organization":
            # "Saints" and "New Orleans Saints", "Colts" and "Indianapolis Colts": a name's last
            # word alone is the one organisation of the article whose name ends so, unless it
            # is a word of a kind ("Police", "Party") or the article writes it in lower case
            ending = words[-1]
            if ending not in ORGANIZATION_WORDS and ending not in self._lower_words and ending.isalpha():
                owners = {index for index, cluster in enumerate(self._clusters) if cluster.type == "Organization"
                          and cluster.names and any(_ends_with_word(words, n.lower().split()) for n in cluster.names)}
                if len(owners) == 1:
                    return owners.pop()
        return None

    def _find_missed_surnames(self) -> None:
        """A proper noun the recogniser missed that is the surname of exactly one person
        ("Merkel left on Friday" after "Angela Merkel arrived") refers to that person. When two
        people share it ("Donald Trump", "Melania Trump"), it refers to the one the article
        already calls by the surname alone, if there is one."""
        surnames: dict[str, set[int]] = {}
        alone: dict[str, set[int]] = {}
        for index, cluster in enumerate(self._clusters):
            if cluster.type == "Person":
                for name in cluster.names:
                    if len(name.split()) > 1:
                        surnames.setdefault(without_suffix(name.lower().split())[-1], set()).add(index)
                    else:
                        alone.setdefault(name.lower(), set()).add(index)
        for i in positions_of_words(self.doc, surnames.keys()):
            token = self.doc[i]
            if (token.i in self._token_cluster or token.pos_ not in {"PROPN", "NOUN"} or not token.text[:1].isupper()
                    or self._ignored(token.idx) or token.ent_type_ or self._used_as_title(token)):
                continue
            owners = surnames.get(token.lower_, set())
            if len(owners) > 1:
                owners = owners & alone.get(token.lower_, set())
            if len(owners) == 1:
                cluster = next(iter(owners))
                self._clusters[cluster].add_name(token.text, token.idx < self._headline_end)
                self._record(token.i, token.i + 1, cluster, _is_subject(token))

    def _find_missed_names(self) -> None:
        """A name the article uses, written again where the recogniser saw nothing ("Maurice
        Cheeks is running the show", a headline in Title Case, "Sixers Hire Maurice Cheeks"),
        refers to the entity of that name, when only one entity of the article has it. Words the
        article also writes in lower case ("Police", "Coal") and titles are no names here."""
        owners: dict[tuple[str, ...], set[int]] = {}
        for index, cluster in enumerate(self._clusters):
            if not cluster.named:
                continue
            for name in cluster.names:
                words = tuple(name.split())
                if (not words[0][:1].isupper() or len(name) < 3
                        or (len(words) == 1 and (words[0] in self._lower_words or words[0].lower() in TITLE_WORDS))):
                    continue
                owners.setdefault(words, set()).add(index)
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for words in sorted(owners, key=len, reverse=True):
            if len(owners[words]) == 1:
                by_first.setdefault(words[0], []).append(words)
        if not by_first:
            return
        starts = positions_of_words(self.doc, {word.lower() for word in by_first})
        i = 0
        for start in starts:
            if start < i:
                continue  # inside a name found already
            i = start
            token = self.doc[i]
            found = None
            for words in by_first.get(token.text, ()):
                end = i + len(words)
                linked = {self._token_cluster[j] for j in range(i, end) if j in self._token_cluster}
                # (words that are part of the name's own entity already, "Cheeks" of "Maurice
                # Cheeks", widen to the whole name)
                if (end <= len(self.doc) and tuple(t.text for t in self.doc[i:end]) == words
                        and linked <= owners[words]
                        and not (linked and any(l.start <= i and end <= l.end for l in self._links if l.cluster in linked))
                        and (end == len(self.doc) or not self.doc[end].text[:1].isupper() or self.doc[end].is_punct)):
                    found = words
                    break
            if found is None or self._ignored(token.idx) or (len(found) == 1 and self._used_as_title(token)):
                i += 1
                continue
            cluster = next(iter(owners[found]))
            team = self._team_after(self.doc[i + len(found) - 1], i + len(found))
            if team is not None and self._type(self._clusters[cluster]) == "Place":
                self._add_name_mention(team, i, team.i + 1, "Organization")  # "the Philadelphia 76ers"
                i = team.i + 1
                continue
            if any(j in self._token_cluster for j in range(i, i + len(found))):  # widening a shorter mention
                self._links = [l for l in self._links if not (l.cluster == cluster and i <= l.start and l.end <= i + len(found))]
            last = self.doc[i + len(found) - 1]
            self._clusters[cluster].add_name(" ".join(found), token.idx < self._headline_end)
            # "a Trump campaign official": a name that modifies a common noun is a mention, but
            # the noun phrase is the official, so its words do not stand for the name's entity
            modifier = _modifies_a_noun(last)
            self._record(i, i + len(found), cluster, _is_subject(last), refer=not modifier)
            i += len(found)

    def _merge_acronyms(self) -> None:
        """Merge an acronym's entity into its expansion's, wherever each first appears."""
        for index, cluster in enumerate(self._clusters):
            acronyms = [n for n in cluster.names if is_acronym(n)]
            if not acronyms or len(cluster.names) > len(acronyms):
                continue
            for target_index, target in enumerate(self._clusters):
                if target_index == index or not target.names:
                    continue
                if any(initials(n) == a.replace(".", "") for n in target.names for a in acronyms):
                    self._absorb(target_index, index)
                    break

    def _merge_headline_names(self) -> None:
        """A headline in Title Case glues words onto names ("Lindsay Lohan Checks Into Rehab",
        "Actress Esther Williams Dies"): an entity named in the headline alone joins the one the
        body names, if the body's name is a run of the headline's words."""
        if not self._headline_end:
            return
        body = {}
        for index, cluster in enumerate(self._clusters):
            for name in (n for n, count in cluster.body_names.items() if count > 0):
                body.setdefault(normalise_name(name), set()).add(index)
        for index, cluster in enumerate(self._clusters):
            if not cluster.names or any(cluster.body_names.values()):
                continue
            if self._split_headline_name(index, body):
                continue
            owners: set[int] = set()
            for name in cluster.names:
                words = normalise_name(name).split()
                # the longest run of the headline's words that the body uses as a name
                for size in range(len(words) - 1, 0, -1):
                    found = {o for i in range(len(words) - size + 1) for o in body.get(" ".join(words[i:i + size]), ())}
                    if found:
                        owners |= found
                        break
            owners.discard(index)
            if len(owners) == 1:
                self._absorb(owners.pop(), index)

    def _split_headline_name(self, index: int, body: dict[str, set[int]]) -> bool:
        """A headline's name that glues two of the body's names ("Obama Reverses Bush on Species
        Protection") is no name: each of its runs that the body uses as a name (or as a
        person's surname) is a mention of that entity. Returns whether it was split."""
        surnames: dict[str, set[int]] = {}
        for owner, cluster in enumerate(self._clusters):
            if cluster.person_evidence:
                for name in (n for n, count in cluster.body_names.items() if count > 0 and len(n.split()) > 1):
                    surnames.setdefault(normalise_name(name.split()[-1]), set()).add(owner)
        links = [link for link in self._links if link.cluster == index]
        runs: list[tuple[int, int, int]] = []  # (start, end, owner)
        for link in links:
            position = link.start
            while position < link.end:
                for end in range(link.end, position, -1):
                    words = normalise_name(self.doc[position:end].text)
                    owners = (body.get(words) or (surnames.get(words) if end - position == 1 else None) or set()) - {index}
                    if len(owners) == 1:
                        runs.append((position, end, next(iter(owners))))
                        position = end
                        break
                else:
                    position += 1
        if len({owner for _, _, owner in runs}) < 2:
            return False
        self._links = [link for link in self._links if link.cluster != index]
        self._token_cluster = {i: c for i, c in self._token_cluster.items() if c != index}
        self._clusters[index].names.clear()
        for start, end, owner in runs:
            self._record(start, end, owner, False)
        return True

    def _merge_surnames_read_as_other_types(self) -> None:
        """A surname the recogniser took for a place or an organisation before the article gave
        the full name ("Machado said ..." ... "Alicia Machado") is that person, when one person
        of the article has that surname."""
        owners: dict[str, set[int]] = {}
        for index, cluster in enumerate(self._clusters):
            if cluster.person_evidence:
                for name in cluster.names:
                    if len(name.split()) > 1:
                        owners.setdefault(name.split()[-1].lower(), set()).add(index)
        for index, cluster in enumerate(self._clusters):
            names = {n.lower() for n in cluster.names}
            if cluster.person_evidence or not names or any(len(n.split()) > 1 for n in names):
                continue
            candidates = set().union(*(owners.get(n, set()) for n in names)) - {index}
            if len(candidates) == 1:
                self._absorb(candidates.pop(), index)

    def _merge_organisations_first_words(self) -> None:
        """A one-word name that the article uses after an organisation's full name of which it is
        the first word ("Patriot Coal, one of the nation's largest coal companies" ... "Patriot
        said") is that organisation, when one organisation of the article starts with it and no
        person of the article has it as a name."""
        first_use: dict[int, int] = {}
        for link in self._links:
            first_use[link.cluster] = min(first_use.get(link.cluster, link.start), link.start)
        people_words = {word for cluster in self._clusters if self._type(cluster) == "Person"
                        for name in cluster.names if len(name.split()) > 1 for word in name.lower().split()}
        owners: dict[str, set[int]] = {}
        for index, cluster in enumerate(self._clusters):
            if cluster.names and self._type(cluster) == "Organization" and cluster.organization_evidence:
                for name in cluster.names:
                    if len(name.split()) > 1:
                        owners.setdefault(name.split()[0].lower(), set()).add(index)
        for index, cluster in enumerate(self._clusters):
            names = {n.lower() for n in cluster.names}
            if (len(names) != 1 or cluster.person_evidence or cluster.titles or self._type(cluster) == "Place"
                    or any(len(n.split()) > 1 for n in names)):
                continue
            word = next(iter(names))
            owner = owners.get(word, set()) - {index}
            if len(owner) == 1 and word not in people_words:
                chosen = next(iter(owner))
                if first_use.get(chosen, len(self.doc)) < first_use.get(index, -1):
                    self._absorb(chosen, index)

    def _absorb(self, keep: int, gone: int) -> None:
        kept, old = self._clusters[keep], self._clusters[gone]
        kept.names.update(old.names)
        kept.body_names.update(old.body_names)
        kept.titles.extend(old.titles)
        kept.type_votes.update(old.type_votes)
        kept.person_evidence = kept.person_evidence or old.person_evidence
        kept.organization_evidence = kept.organization_evidence or old.organization_evidence
        old.names.clear()
        self._links = [_Link(l.start, l.end, keep if l.cluster == gone else l.cluster, l.subject)
                       for l in self._links]
        self._last_seen[keep] = max(self._last_seen.get(keep, -1), self._last_seen.pop(gone, -1))
        for token_i, cluster in list(self._token_cluster.items()):
            if cluster == gone:
                self._token_cluster[token_i] = keep

    def _record(self, start: int, end: int, cluster: int, subject: bool, head: int | None = None,
                refer: bool = True) -> None:
        """Note a mention; its tokens (or only its head, for a description) now refer to the
        cluster, unless ``refer`` is False (a mention whose words stand for something else)."""
        self._links.append(_Link(start, end, cluster, subject))
        self._last_seen[cluster] = max(start, self._last_seen.get(cluster, -1))
        for i in ([] if not refer else [head] if head is not None else range(start, end)):
            self._token_cluster[i] = cluster

    # -- pass 3: descriptions and pronouns ----------------------------------------------------
    def _resolve_descriptions_and_pronouns(self) -> None:
        self._links.sort(key=lambda l: l.start)
        # titles are all known by now
        self._genders = {index: gender for index, cluster in enumerate(self._clusters) if (gender := cluster.gender())}
        for i in positions_of_words(self.doc, PERSON_PRONOUNS | TITLE_HEADS):
            token = self.doc[i]
            if token.i in self._token_cluster or self._ignored(token.idx):
                continue
            cluster = None
            if token.lower_ in PERSON_PRONOUNS and token.pos_ == "PRON":
                cluster = self._pronoun_antecedent(token)
            elif token.pos_ in {"NOUN", "PROPN"} and token.lower_ in TITLE_HEADS:
                cluster = self._title_description(token)
            if cluster is not None:
                span = _description_span(token) if token.pos_ != "PRON" else self.doc[token.i:token.i + 1]
                self._record(span.start, span.end, cluster, _is_subject(token), head=token.i)
                self._links.sort(key=lambda l: l.start)

    def _links_before(self, position: int, etype: str) -> list[_Link]:
        return [l for l in self._links if l.end <= position and self._clusters[l.cluster].type == etype
                and (self._clusters[l.cluster].names or self._clusters[l.cluster].descriptions)]

    def _pronoun_antecedent(self, pronoun: Token) -> int | None:
        """he/she/his/her -> a person: the clause's own subject for a possessive or a reflexive,
        else the latest person subject of the previous sentences, else the latest person.

        An object pronoun never means its own clause's subject ("Melania Trump joined him":
        him is somebody else), so that subject is passed over.
        """
        # "she" is nobody called "Mr.": persons whose titles state the other gender are passed over
        gender = _pronoun_gender(pronoun)
        excluded = {index for index, stated in self._genders.items() if stated != gender}
        if not _is_subject(pronoun):
            verb = pronoun
            while verb.dep_ not in {"ROOT"} and verb.pos_ not in {"VERB", "AUX"}:
                verb = verb.head
            bound = pronoun.tag_ == "PRP$" or pronoun.lower_.endswith("self")
            # (a passive clause's subject too: "O'Brien has been relieved of his duties")
            passive = [c for c in verb.children if c.dep_ in PASSIVE_SUBJECTS]
            for subject in clause_subjects(verb) + passive:
                cluster = self._token_cluster.get(subject.i)
                if (cluster is not None and self._clusters[cluster].type == "Person" and subject.i < pronoun.i
                        and cluster not in excluded):
                    if bound:
                        return cluster
                    excluded.add(cluster)
        sentence = pronoun.sent
        window_start = sentence.start
        for _ in range(PRONOUN_WINDOW_SENTENCES):
            if window_start == 0:
                break
            window_start = self.doc[window_start - 1].sent.start
        candidates = [l for l in self._links_before(pronoun.i, "Person")
                      if l.start >= window_start and l.cluster not in excluded]
        # the pronoun's own sentence first: "Tokayev said he ..." links to Tokayev
        same_sentence = [l for l in candidates if l.start >= sentence.start and l.subject]
        if same_sentence:
            return same_sentence[-1].cluster
        subjects = [l for l in candidates if l.subject]
        if subjects:
            return subjects[-1].cluster
        return candidates[-1].cluster if candidates else None

    def _title_description(self, head: Token) -> int | None:
        """"the President of Kazakhstan", "the Kazakh president" -> the person with that title.

        "a lieutenant general", "another minister": an indefinite description brings in someone
        new, and refers back to nobody."""
        if any(t.dep_ == "det" and t.lower_ in INDEFINITE_DETERMINERS for t in head.children):
            return None
        qualifiers = [t for t in head.children if t.dep_ in {"amod", "compound"} and t.pos_ in {"PROPN", "ADJ"}]
        for obj in (c for p in head.children if p.dep_ == "prep" and p.lower_ == "of" for c in p.children):
            qualifiers.extend(t for t in obj.subtree if t.pos_ == "PROPN")
        qualifier_words = [t.text for t in qualifiers if t.lower_ not in TITLE_WORDS]
        qualified, unqualified = set(), set()
        earlier = self._mentioned_before(head.i)
        for index, cluster in enumerate(self._clusters):
            if cluster.type != "Person" or not cluster.names or index not in earlier:
                continue
            for title in cluster.titles:
                words = title.split()
                if not words or words[-1].lower() != head.lower_:
                    continue
                own = [w for w in words[:-1] if w.lower() not in TITLE_WORDS]
                if qualifier_words and any(stem_match(q, w) for q in qualifier_words for w in own):
                    qualified.add(index)
                elif not qualifier_words or not own:
                    unqualified.add(index)
        # "the President of the Council of Europe" fits "European Council President Michel" best;
        # "the French president" fits "President Macron" only if no other president could be meant
        for candidates in (qualified, unqualified):
            if candidates:
                return candidates.pop() if len(candidates) == 1 else None
        return None

    def _mentioned_before(self, position: int) -> set[int]:
        return {link.cluster for link in self._links if link.start < position}

    # -- lookups used by the event rules ------------------------------------------------------
    def cluster_of(self, token: Token) -> int | None:
        """The entity a token refers to, or None.

        Tries the token itself, then a name or title inside the noun phrase it heads
        ("his Chinese counterpart Wang Yi"), then a description ("the country", "the Kazakh
        government"), creating a described entity when its phrase names its owner.
        """
        if token.i in self._token_cluster:
            return self._token_cluster[token.i]
        # names inside the phrase the token heads, but not inside its own prepositional phrases
        # "his counterpart Wang Yi", "France coach Didier Deschamps": the apposition is the referent;
        # a compound in front ("France coach", "CSTO troops") only qualifies the noun
        for child in token.children:
            if child.dep_ in {"appos", "flat"} and child.i in self._token_cluster:
                return self._token_cluster[child.i]
        lemma = token.lemma_.lower()
        if lemma in PLACE_KIND_NOUNS:
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for obj in prep.children:
                        if obj.i in self._token_cluster and self._clusters[self._token_cluster[obj.i]].type == "Place":
                            return self._token_cluster[obj.i]
        if lemma in PLACE_NOUNS and any(c.lower_ == "the" for c in token.children):
            return self._dominant_place(token.i)
        if lemma in ORGANIZATION_NOUNS:
            return self._described_organization(token)
        return None

    def _dominant_place(self, position: int) -> int | None:
        """"the country": the place mentioned most so far, if it clearly leads."""
        links = [l for l in self._links_before(position, "Place")
                 if self.doc[l.start].ent_type_ == "GPE" or self._clusters[l.cluster].type == "Place"]
        # a place the article names only as a modifier ("a U.S. appeals court") is not what it is about
        named = {l.cluster for l in links if not _modifies_a_noun(self.doc[l.end - 1])}
        counts = Counter(l.cluster for l in links if l.cluster in named)
        ranked = counts.most_common(2)
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            return ranked[0][0]
        return None

    def _described_organization(self, head: Token) -> int | None:
        """"the Kazakh government", "Kazakhstan's president's office": an unnamed organisation
        named after its owner. Unqualified "the government" / "the authorities" refer to the one
        described government of the article when there is exactly one."""
        owners = [t for t in head.children if t.dep_ in {"poss", "amod", "compound", "nmod"}
                  and (t.pos_ == "PROPN" or t.ent_type_ in {"GPE", "NORP", "ORG"} or t.dep_ == "poss")
                  and t.lower_ not in PERSON_PRONOUNS | {"its", "their", "our", "my", "your"}]
        if not owners:
            # "the authorities", "the government": the government of the country the article is about
            if head.lemma_.lower() in {"government", "authority", "authorities", "regime"}:
                return self._dominant_place(head.i)
            return None
        start = min(t.left_edge.i for t in owners)
        label = _text(_strip_noise(list(self.doc[start:head.i + 1])))
        for index, cluster in enumerate(self._clusters):
            if cluster.type == "Organization" and label.lower() in {d.lower() for d in cluster.descriptions} | {
                    n.lower() for n in cluster.names}:
                self._record(start, head.i + 1, index, _is_subject(head), head=head.i)
                return index
        self._clusters.append(_Cluster("Organization", descriptions=[label], named=False))
        index = len(self._clusters) - 1
        self._record(start, head.i + 1, index, _is_subject(head), head=head.i)
        return index

    def names_an_office(self, token: Token) -> bool:
        """Whether a proper noun ends a hyphenated title, no name: "elect" of "the US
        President-elect". (A title word alone may be a surname: "Larry King", "Mr. King".)"""
        return (token.i >= 2 and self.doc[token.i - 1].tag_ == "HYPH" and not self.doc[token.i - 1].whitespace_
                and not self.doc[token.i - 2].whitespace_
                and f"{self.doc[token.i - 2].lower_}-{token.lower_}" in TITLE_WORDS)

    def unrecognised_name(self, token: Token) -> int:
        """A proper noun the recogniser missed, in a role that only people and organisations fill
        ("Musk wrote ..."): an entity named by its proper-noun phrase. It is an organisation if
        its last word says so ("... Ministry", "... Bank"), else a person. A title word used as
        a title ("the King of Jordan said") is a description, not the surname of a "... King"."""
        if self._used_as_title(token):
            return self.described_entity(token, "Person")
        start = token.i
        while start > 0 and self.doc[start - 1].pos_ == "PROPN" and self.doc[start - 1].dep_ in {"compound", "flat"}:
            start -= 1
        tokens = _strip_noise([t for t in self.doc[start:token.i + 1] if t.lower_ not in TITLE_WORDS])
        name = _text(tokens) or token.text
        etype = "Organization" if token.lower_ in ORGANIZATION_WORDS else "Person"
        cluster = self._find_cluster(name, etype)
        if cluster is None:
            self._clusters.append(_Cluster(etype))
            cluster = len(self._clusters) - 1
        self._clusters[cluster].names[name] += 1
        self._clusters[cluster].type_votes[etype] += 1
        self._record(start, token.i + 1, cluster, _is_subject(token))
        return cluster

    def described_entity(self, token: Token, etype: str) -> int:
        """An unnamed entity for a noun phrase such as "protesters" or "a senior official".

        The same description within one document is one entity.
        """
        tokens = _strip_noise(list(self.doc[token.left_edge.i:token.i + 1]))
        label = _text(tokens) or token.text
        for index, cluster in enumerate(self._clusters):
            if not cluster.named and cluster.type == etype and label.lower() in {d.lower() for d in cluster.descriptions}:
                self._record(token.i, token.i + 1, index, _is_subject(token))
                return index
        self._clusters.append(_Cluster(etype, descriptions=[label], named=False))
        index = len(self._clusters) - 1
        self._record(token.i, token.i + 1, index, _is_subject(token))
        return index

    # -- results ------------------------------------------------------------------------------
    def key(self, cluster: int) -> str:
        """The entity key of a cluster, as used in :class:`~kgraph.records.Role`.

        Two people with one name whose titles tell them apart ("Mr. Trump", "Mrs. Trump") get
        two keys: the one titled as a woman gets a suffix, so that the other keeps the key he has
        in articles where he is alone. Otherwise clusters with one label are one entity.
        """
        entry = self._clusters[cluster]
        key = entity_key(self._type(entry), entry.label())
        gender = entry.gender()
        if gender == "female" and any(other.gender() == "male" and other.names and entity_key(self._type(other), other.label()) == key
                                      for other in self._clusters):
            key += "-" + gender
        return key

    def cluster_type(self, cluster: int) -> str:
        """The entity type of a cluster: ``Person``, ``Organization`` or ``Place``."""
        return self._type(self._clusters[cluster])

    @staticmethod
    def _type(entry: _Cluster) -> str:
        votes = entry.type_votes
        if entry.person_evidence:
            return "Person"  # "Olaf Scholz", then "Scholz" taken for a place three times
        if entry.organization_evidence:
            return "Organization"  # the recogniser's "Patriot Coal" (a person), "one of ... companies"
        if votes:
            return votes.most_common(1)[0][0]
        return entry.type

    def _names_an_organisation_of(self, link: _Link) -> bool:
        """Whether a person's name in a link only qualifies an organisation's noun ("Obama" of
        "the Obama administration")."""
        last = self.doc[link.end - 1]
        return _modifies_a_noun(last) and last.head.lemma_.lower() in _ORGANIZATIONS_OF_PEOPLE

    def entities(self) -> list[Entity]:
        """The document's entities as records, in order of first mention."""
        firsts: dict[int, int] = {}
        links_of: dict[int, list[_Link]] = {}
        for link in sorted(self._links, key=lambda l: l.start):
            firsts.setdefault(link.cluster, link.start)
            links_of.setdefault(link.cluster, []).append(link)
        merged: dict[str, Entity] = {}
        for cluster_index in sorted(firsts, key=firsts.get):
            entry = self._clusters[cluster_index]
            if not entry.names and entry.named:
                continue
            key = self.key(cluster_index)
            label = entry.label()
            links = links_of[cluster_index]
            if entry.type == "Person":
                # "the Obama administration", "the Trump campaign": the organisation, not the
                # person, is what those words mention (they still refer back to the person)
                own = [l for l in links if not self._names_an_organisation_of(l)]
                links = own or links
            spans = tuple(sorted(TextSpan(self.doc[l.start].idx, self.doc[l.end - 1].idx + len(self.doc[l.end - 1]),
                                          self.doc[l.start:l.end].text) for l in links))
            aliases = {*entry.names, *entry.descriptions}
            aliases.update(self.doc[l.start:l.end].text for l in links if self.doc[l.start].lower_ not in PERSON_PRONOUNS)
            aliases.discard(label)
            aliases = {" ".join(a.split()) for a in aliases if a.lower() != label.lower()}
            names = tuple(sorted(((n, entry.body_names.get(n, 0)) for n in entry.names), key=lambda nc: (-nc[1], nc[0])))
            entity = Entity(key, self._type(entry), label, tuple(sorted(aliases)),
                            tuple(dict.fromkeys(entry.titles)), spans, entry.named, names)
            if key in merged:  # two clusters that ended with the same label are one entity
                old = merged[key]
                counts = Counter(dict(old.names))
                counts.update(dict(entity.names))
                entity = Entity(key, old.type, old.label, tuple(sorted({*old.aliases, *entity.aliases})),
                                tuple(dict.fromkeys(old.titles + entity.titles)),
                                tuple(sorted({*old.mentions, *entity.mentions})), old.named or entity.named,
                                tuple(sorted(counts.items(), key=lambda nc: (-nc[1], nc[0]))))
            merged[key] = entity
        return list(merged.values())
