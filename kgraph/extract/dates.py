"""Calendar dates for time expressions, given the article's own date.

"on Monday" in an article of Tuesday 11 January 2022 is 10 January 2022; "New Year's Eve" in
January is the 31 December before; explicit dates ("5 January", "Jan. 3, 2022") are read by
dateparser. Vague spans ("last week", "this year") get no date: kg:time keeps the words.

Examples
--------
>>> import datetime as dt
>>> resolve_date("on Monday", dt.date(2022, 1, 11))
datetime.date(2022, 1, 10)
>>> resolve_date("New Year's Eve", dt.date(2022, 1, 11))
datetime.date(2021, 12, 31)
>>> resolve_date("January 5", dt.date(2022, 1, 11))
datetime.date(2022, 1, 5)
>>> resolve_date("last week", dt.date(2022, 1, 11)) is None
True
"""
from __future__ import annotations

import datetime as dt
import logging
import re

__all__ = ["resolve_date"]

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# (month, day) of holidays whose date does not move
_HOLIDAYS = {"new year's eve": (12, 31), "new year's day": (1, 1), "christmas eve": (12, 24),
             "christmas day": (12, 25), "christmas": (12, 25), "boxing day": (12, 26),
             "valentine's day": (2, 14), "halloween": (10, 31), "independence day": (7, 4)}
_VAGUE = re.compile(r"\b(week|weeks|month|months|year|years|decade|century|season|period|recent|ago|past|next)\b")


def _normalise(text: str) -> str:
    text = text.lower().replace("’", "'").strip()
    return re.sub(r"^(on|at|in|since|until|by|from|last|this|early|late)\s+", "", text)


def resolve_date(expression: str, reference: dt.date | None) -> dt.date | None:
    """The calendar day an expression names, seen from the article's date, or None."""
    if reference is None:
        return None
    text = _normalise(expression)
    for name, (month, day) in _HOLIDAYS.items():
        if name in text:
            year = reference.year if (month, day) <= (reference.month, reference.day) else reference.year - 1
            return dt.date(year, month, day)
    words = text.split()
    if words and words[0] in _WEEKDAYS and len(words) <= 3:
        # news speaks of the week it reports on: the latest such day up to the article's date
        back = (reference.weekday() - _WEEKDAYS.index(words[0])) % 7
        return reference - dt.timedelta(days=back)
    if _VAGUE.search(text) or not re.search(r"\d|yesterday|today|tomorrow|tonight", text):
        return None
    import dateparser

    logging.getLogger("dateparser").setLevel(logging.ERROR)
    parsed = dateparser.parse(expression, languages=["en"], settings={
        "RELATIVE_BASE": dt.datetime(reference.year, reference.month, reference.day),
        "PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"]})
    return parsed.date() if parsed else None
