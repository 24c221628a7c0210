"""Is this English? A check before parsing, so that other languages give a warning, not garbage.

kgraph's model and rules read English only. A French or Russian article run through them
yields nonsense entities and events, so such a text is not read at all. The check counts
English function words ("the", "of", "and"; "said" is not one) among the lower-case words (the
capitalised ones are mostly names): about half of the words of English news (never below 30%
in 924 PolNeAR articles), and at most one word in six of German, French, Italian, Dutch or
Spanish news.

Examples
--------
>>> english_share("The minister said on Monday that the talks would resume in Geneva.") > 0.3
True
>>> english_share("Le ministre a déclaré lundi que les négociations reprendraient à Genève.") < 0.15
True
>>> looks_english("Премьер-министр заявил в понедельник, что переговоры возобновятся. " * 5)
False
"""
from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

__all__ = ["english_share", "looks_english", "MIN_SHARE", "MIN_WORDS"]

#: Below this share of English function words a text is taken for another language.
MIN_SHARE = 0.22
#: Texts with fewer lower-case words than this are too short to judge, and pass.
MIN_WORDS = 30

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# a sample is enough to judge: a long article's first words say what language it is in
_SAMPLE_CHARACTERS = 20_000


def _common_words(text: str) -> list[str]:
    # capitalised words are mostly names, which say nothing of the language around them
    return [w for w in _WORD.findall(text[:_SAMPLE_CHARACTERS]) if w.islower()]


def _share(words: list[str]) -> float:
    return sum(1 for word in words if word in STOP_WORDS) / len(words) if words else 0.0


def english_share(text: str) -> float:
    """The share of English function words among the lower-case words of (the start of) a text."""
    return _share(_common_words(text))


def looks_english(text: str) -> bool:
    """Whether a text reads as English (a text too short to judge counts as English)."""
    words = _common_words(text)
    return len(words) < MIN_WORDS or _share(words) >= MIN_SHARE
