"""What names are made of, known to both extraction and cross-document identity: title words
and the genders some of them state.

Extraction uses them to split "Kazakh President Qasim Jomart Tokayev" into a title and a name,
and identity to keep "Mrs. Trump" apart from "Mr. Trump" across articles; this leaf module lets
both use the same lists without either importing the other.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from rapidfuzz import fuzz

__all__ = ["TITLE_WORDS", "TITLE_HEADS", "ELECT_TITLES", "COURTESY_TITLES", "FEMALE_TITLES", "MALE_TITLES", "NAME_SUFFIXES", "without_suffix", "title_gender", "same_spelling", "same_person", "organization_key",
           "normalise_name", "is_acronym", "initials", "SAME_NAME_SIMILARITY", "short_form_of", "country_key"]

#: Two full names with the same surname are one person from this fuzzy similarity (0-100) on.
SAME_NAME_SIMILARITY = 85
#: Words after a surname that tell a son from his father ("Donald Trump Jr.").
NAME_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv".split())
_ACRONYM_STOPWORDS = frozenset("of the and for on in de du des".split())

#: Words that make a noun phrase a title or office, not a name ("Foreign Minister").
TITLE_WORDS = frozenset("""
president vice prime minister foreign defence defense interior finance secretary chancellor king
queen prince princess emperor pope leader governor mayor senator sen. rep. representative
congressman congresswoman spokesman spokeswoman spokesperson ambassador envoy chief general gen.
commander admiral colonel col. captain lieutenant sergeant chairman chairwoman chair director ceo
head premier speaker judge justice attorney deputy acting former mr. mrs. ms. dr. mr mrs ms dr
sir lord lady sheikh ayatollah president-elect minister-elect counterpart state official
gov. gov lt. lt sgt. sgt cmdr. capt. maj. adm. gen prof. rev. supt. insp. amb. pres. sec. rep sen miss
actor actress singer rapper comedian author writer novelist journalist reporter anchor host lawyer attorney
doctor surgeon coach quarterback striker goalkeeper champion boxer billionaire businessman businesswoman activist
officer coroner sheriff undersheriff detective constable trooper prosecutor commissioner councilman
councilwoman councillor superintendent inspector corporal patrolman lineman linebacker
englishman englishwoman frenchman frenchwoman irishman irishwoman scotsman scotswoman welshman
welshwoman dutchman dutchwoman briton countryman countrywoman
qb wr rb lb cb gm cfo coo cto mp mep
""".split())

#: The head nouns of a title ("the president of X", "the foreign minister").
TITLE_HEADS = frozenset("""
president minister secretary chancellor king queen prince princess emperor pope leader governor
mayor senator representative congressman congresswoman spokesman spokeswoman spokesperson
ambassador envoy chief commander admiral general chairman chairwoman director ceo premier
speaker judge attorney counterpart
""".split())


#: Titles of an office not yet taken up ("president-elect").
ELECT_TITLES = frozenset(w for w in TITLE_WORDS if w.endswith("-elect"))

#: Titles of courtesy, without their full stop: "Miss Universe Alicia Machado" hides a title of two words.
COURTESY_TITLES = frozenset("mr mrs ms miss mister".split())

#: Title words that say a person is a woman or a man ("Mrs. Trump" is not "Mr. Trump").
FEMALE_TITLES = frozenset("""
mrs. mrs ms. ms miss madam madame lady dame queen princess empress duchess congresswoman
chairwoman spokeswoman businesswoman sister mother wife widow daughter first-lady
""".split())
MALE_TITLES = frozenset("""
mr. mr sir lord king prince emperor duke congressman chairman spokesman businessman brother
father husband widower son
""".split())


def title_gender(titles: Iterable[str]) -> str | None:
    """The gender a person's titles state, if they state one and agree.

    >>> title_gender(["Mrs."]), title_gender(["Republican Congressman"]), title_gender(["Senator"])
    ('female', 'male', None)
    """
    words = {w.lower() for title in titles for w in title.split()}
    female, male = bool(words & FEMALE_TITLES), bool(words & MALE_TITLES)
    return "female" if female and not male else "male" if male and not female else None


_POSSESSIVE = re.compile(r"'s\b")
_INNER_DOT = re.compile(r"(?<=\w)\.(?=\w)")
_PUNCTUATION = re.compile(r"[^\w\s'-]")


@functools.lru_cache(maxsize=1 << 16)  # (a corpus spells its names alike thousands of times)
def normalise_name(name: str) -> str:
    """A name as compared: lower case, curly quotes straightened, no possessive, no punctuation
    but inner hyphens and apostrophes, no leading "the".

    >>> normalise_name("the U.S. Senate's"), normalise_name("Kassym-Jomart  Tokayev"), normalise_name("Mt. Cook")
    ('us senate', 'kassym-jomart tokayev', 'mount cook')
    """
    text = name.lower().replace("’", "'").replace("‘", "'")
    text = _POSSESSIVE.sub("", text)
    text = _INNER_DOT.sub("", text)  # "u.s." -> "us"
    text = _PUNCTUATION.sub(" ", text)
    words = [w.strip("'-") for w in text.split()]
    if words and words[0] == "the":
        words = words[1:]
    if len(words) > 1 and words[0] in _ABBREVIATED_FIRST_WORDS:  # "Mt Cook" is "Mount Cook"
        words[0] = _ABBREVIATED_FIRST_WORDS[words[0]]
    return " ".join(w for w in words if w)


# short forms that begin place names
_ABBREVIATED_FIRST_WORDS = {"mt": "mount", "ft": "fort", "st": "saint"}


def is_acronym(name: str) -> bool:
    """ "NATO", "U.S.", "CSTO": capitals (with dots), two to ten of them."""
    return bool(re.fullmatch(r"[A-Z][A-Z0-9.&-]{1,9}", name))


def initials(name: str) -> str:
    """The capitals an acronym of the name would have: "Collective Security Treaty Organization" -> "CSTO"."""
    return "".join(w[0] for w in name.split() if w.lower() not in _ACRONYM_STOPWORDS and w[0].isupper())


# English short forms of first names that are not the start of the name ("Fred" is the start of
# "Frederick" and needs no entry): short form -> the names it is short for
_SHORT_FORMS = {
    "bill": {"william"}, "billy": {"william"}, "will": {"william"}, "bob": {"robert"}, "bobby": {"robert"},
    "rob": {"robert"}, "dick": {"richard"}, "rick": {"richard", "frederick", "eric"}, "jim": {"james"},
    "jimmy": {"james"}, "mike": {"michael"}, "mo": {"maurice", "mohammed", "muhammad", "morris"},
    "tom": {"thomas"}, "tommy": {"thomas"}, "ted": {"edward", "theodore"}, "ed": {"edward", "edwin", "edmund"},
    "jack": {"john"}, "johnny": {"john"}, "chuck": {"charles"}, "charlie": {"charles"}, "hank": {"henry"},
    "harry": {"henry", "harold"}, "tony": {"anthony", "antonio"}, "liz": {"elizabeth"}, "beth": {"elizabeth"},
    "betty": {"elizabeth"}, "peggy": {"margaret"}, "maggie": {"margaret"}, "kate": {"katherine", "catherine"},
    "katie": {"katherine", "catherine"}, "sandy": {"alexander", "sandra"}, "alex": {"alexander", "alexandra"},
    "andy": {"andrew"}, "dan": {"daniel"}, "danny": {"daniel"}, "dave": {"david"}, "joe": {"joseph"},
    "larry": {"lawrence", "laurence"}, "len": {"leonard"}, "nick": {"nicholas"}, "pat": {"patrick", "patricia"},
    "pete": {"peter"}, "ron": {"ronald"}, "steve": {"steven", "stephen"}, "sue": {"susan"}, "tim": {"timothy"},
    "vince": {"vincent"}, "walt": {"walter"}, "chris": {"christopher", "christine"}, "greg": {"gregory"},
    "jerry": {"gerald", "jerome"}, "matt": {"matthew"}, "sam": {"samuel", "samantha"}, "abe": {"abraham"},
}


# names of one country that share no words: normalised name -> the country
_COUNTRY_NAMES = {
    "america": "united states", "united states": "united states", "united states of america": "united states",
    "us": "united states", "usa": "united states",
    "britain": "united kingdom", "great britain": "united kingdom", "united kingdom": "united kingdom",
    "uk": "united kingdom",
}


# names of one organisation that share no words: normalised name -> the organisation
_ORGANIZATION_NAMES = {
    "gop": "republican party", "grand old party": "republican party", "republican party": "republican party",
    "fed": "federal reserve", "federal reserve": "federal reserve", "federal reserve board": "federal reserve",
    "federal reserve system": "federal reserve",
}


def organization_key(name: str) -> str | None:
    """The organisation a name stands for, when English has names for it that share no words.

    >>> organization_key("GOP"), organization_key("the Republican Party"), organization_key("Democratic Party")
    ('republican party', 'republican party', None)
    """
    return _ORGANIZATION_NAMES.get(normalise_name(name))


def country_key(name: str) -> str | None:
    """The country a name stands for, when English has names for it that share no words.

    >>> country_key("America"), country_key("the U.S."), country_key("Latin America")
    ('united states', 'united states', None)
    """
    return _COUNTRY_NAMES.get(normalise_name(name))


def short_form_of(short: str, full: str) -> bool:
    """Whether one first name is a short form of another (lower case).

    >>> short_form_of("fred", "frederick"), short_form_of("mo", "maurice"), short_form_of("mo", "michael")
    (True, True, False)
    """
    return short != full and (len(short) >= 3 and full.startswith(short) or full in _SHORT_FORMS.get(short, ()))


def same_spelling(a: str, b: str) -> bool:
    """Two spellings of one long word: "Zelensky"/"Zelenskyy", "Jomart"/"Jomarat"; never two
    words that differ in a digit ("Berg123"/"Berg124" are two names, if names at all).

    >>> same_spelling("zelensky", "zelenskyy"), same_spelling("berg123", "berg124")
    (True, False)
    """
    if any(c.isdigit() for c in a + b):
        return a == b
    return min(len(a), len(b)) >= 6 and a[0] == b[0] and fuzz.ratio(a, b) >= SAME_NAME_SIMILARITY


def without_suffix(words: list[str]) -> list[str]:
    """A name's lower-case words without a suffix such as "Jr." at the end.

    >>> without_suffix("w. mark felt sr.".split()), without_suffix("felt".split())
    (['w.', 'mark', 'felt'], ['felt'])
    """
    return words[:-1] if len(words) > 1 and words[-1] in NAME_SUFFIXES else words


def same_person(words: list[str], other: list[str]) -> bool:
    """Whether two person names (lower-case words) can name one person.

    >>> same_person("tokayev".split(), "qasim jomart tokayev".split())
    True
    >>> same_person("qasim jomarat tokayev".split(), "qasim jomart tokayev".split())
    True
    >>> same_person("melania trump".split(), "donald trump".split())
    False
    >>> same_person("felt".split(), "w. mark felt sr".split()), same_person("donald trump".split(), "donald trump jr".split())
    (True, False)
    """
    if len(words) == 1 or len(other) == 1:
        # a surname alone is the surname of a name with a suffix ("Felt", "W. Mark Felt Sr."); two
        # full names keep theirs, which tell a son from his father
        words, other = without_suffix(words), without_suffix(other)
    if other[-1] != words[-1]:
        # "Zelensky" / "Zelenskyy": one surname spelt two ways, same first names
        return same_spelling(other[-1], words[-1]) and (len(words) == 1 or len(other) == 1 or words[:-1] == other[:-1])
    if set(words) <= set(other) or set(other) <= set(words):
        return True  # "Tokayev" and "Qasim Jomart Tokayev"
    return other[0][0] == words[0][0] and fuzz.ratio(" ".join(words), " ".join(other)) >= SAME_NAME_SIMILARITY
