"""The date line of a plain-text article: "Updated: November 11, 2011 18:50 IST".

Text copied from a news page often keeps, under the headline, the line that says when the story
was published or updated. That date is the article's own: it turns "on Friday" into a calendar
date and tells two reports of two different years apart. A line counts as a date line when it is
near the top, gives a full date (day, month and year) and says little else: times, weekdays, time
zones, "Published", "Updated", a place or an agency. The first date of the line is taken, since
"Published ..., updated ..." puts the publication first.

>>> find_dateline("Indian ship thwarts piracy attempt\\nUpdated: November 11, 2011 18:50 IST\\nThe navy said ...")
(datetime.date(2011, 11, 11), (35, 71))
>>> find_dateline("On July 4, 1776, delegates of thirteen colonies adopted the Declaration of Independence.") is None
True
"""
from __future__ import annotations

import datetime as dt
import re

__all__ = ["find_dateline"]

#: How many non-empty lines from the top a date line may be found in.
DATELINE_LINES = 6
#: How many words other than the date and its furniture a date line may hold ("Washington D.C.",
#: "(CNA)", "By Jane Doe").
OTHER_WORDS = 4

_MONTHS = {name: number for number, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
    ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
    ("november", "nov"), ("december", "dec")), start=1) for name in names}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# "November 11, 2011", "Apr 12 2007", "Aug. 2nd, 2013"; "16 Sep 2013", "11 Nov, 2011"; "4/9/2007",
# "15/09/2013"; "2013-09-14"
_DATES = [re.compile(pattern, re.IGNORECASE) for pattern in (
    rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b",
    rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b",
    r"\b(?P<first>[01]?\d|[23]\d)/(?P<second>[0-3]?\d)/" + _YEAR + r"\b",
    r"\b" + _YEAR + r"-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b",
)]
# what a date line holds besides its date: times, weekdays, zones, verbs of publishing
_FURNITURE_WORDS = re.compile(r"""
    \b\d{1,2}(?:[:.]\s?\d{2}){1,2}\s?(?:[ap]\.?m\.?|hrs)?\b | \b\d{1,2}\s?[ap]\.?m\.?\b | \b\d{3,4}\s?(?:gmt|hrs)\b |
    \b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\b\.? |
    \b(?:gmt|utc|bst|cet|cest|est|edt|cst|cdt|mst|mdt|pst|pdt|ist|hkt|aest|aedt|et|pt|ct)(?:[+-]\d{1,2})?\b |
    \b(?:last|updated?|published|posted|created|modified|first|on|at|in|date|time|by|hrs|and)\b
""", re.IGNORECASE | re.VERBOSE)
_WORD = re.compile(r"[^\W_]+")


def _date(match: re.Match) -> dt.date | None:
    """The calendar date of a match of one of _DATES, or None where it is no real day. A
    numeric date is read day first only where the month could not come first ("15/09/2013")."""
    found = match.groupdict()
    try:
        if found.get("month"):
            return dt.date(int(found["year"]), _MONTHS[found["month"].lower()], int(found["day"]))
        if found.get("first"):
            first, second = int(found["first"]), int(found["second"])
            month, day = (second, first) if first > 12 else (first, second)
            return dt.date(int(found["year"]), month, day)
        return dt.date(int(found["year"]), int(found["m"]), int(found["d"]))
    except ValueError:  # "February 30", "13/13/2013"
        return None


def _lines(text: str):
    start = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            begin = start + len(line) - len(line.lstrip())
            yield begin, begin + len(stripped), stripped
        start += len(line) + 1


def find_dateline(text: str) -> tuple[dt.date, tuple[int, int]] | None:
    """The date a plain text's date line gives, with the line's (begin, end), or None.

    >>> find_dateline("Briton dies on a mountain\\n16 September 2013 Last updated at 12:42 GMT\\nA climber fell.")[0]
    datetime.date(2013, 9, 16)
    >>> find_dateline("Title\\nPosted 2/3/2009 11:11 PM\\nText.")[0], find_dateline("Title\\nLast updated 15:48 15/09/2013")[0]
    (datetime.date(2009, 2, 3), datetime.date(2013, 9, 15))
    """
    for number, (begin, end, line) in enumerate(_lines(text[:4000])):
        if number >= DATELINE_LINES:
            break
        matches = [m for pattern in _DATES for m in pattern.finditer(line)]
        if not matches:
            continue
        first = min(matches, key=lambda m: m.start())
        date = _date(first)
        if date is None:
            continue
        rest = line
        for m in sorted(matches, key=lambda m: m.start(), reverse=True):
            rest = rest[:m.start()] + " " + rest[m.end():]
        if len(_WORD.findall(_FURNITURE_WORDS.sub(" ", rest))) <= OTHER_WORDS:
            return date, (begin, end)
    return None
