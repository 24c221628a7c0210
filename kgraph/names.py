"""What names are made of, known to both extraction and cross-document identity: title words
and the genders some of them state.

Extraction uses them to split "Kazakh President Qasim Jomart Tokayev" into a title and a name,
and identity to keep "Mrs. Trump" apart from "Mr. Trump" across articles; this leaf module lets
both use the same lists without either importing the other.
"""
from __future__ import annotations

from collections.abc import Iterable

__all__ = ["TITLE_WORDS", "FEMALE_TITLES", "MALE_TITLES", "title_gender"]

#: Words that make a noun phrase a title or office, not a name ("Foreign Minister").
TITLE_WORDS = frozenset("""
president vice prime minister foreign defence defense interior finance secretary chancellor king
queen prince princess emperor pope leader governor mayor senator sen. rep. representative
congressman congresswoman spokesman spokeswoman spokesperson ambassador envoy chief general gen.
commander admiral colonel col. captain lieutenant sergeant chairman chairwoman chair director ceo
head premier speaker judge justice attorney deputy acting former mr. mrs. ms. dr. mr mrs ms dr
sir lord lady sheikh ayatollah president-elect minister-elect counterpart state official
""".split())

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
