"""Random news-like articles for property tests and the soak run: made-up people, places and
organisations doing what news reports (saying, meeting, deploying, attacking, dying,
protesting), with titles, pronouns, quotations, dates, numbers, and the odd stray character.

>>> import random
>>> text = article(random.Random(7))
>>> len(text.split(".")) > 3
True
"""
from __future__ import annotations

import random

FIRST = ["Anna", "Omar", "Li", "Maria", "Kwame", "Sofia", "Jean-Luc", "Aylin", "Dmitri", "Priya", "José", "Zoë"]
LAST = ["Berg", "Haddad", "Wei", "Okafor", "Novak", "Dubois", "Yilmaz", "Ivanov", "Sharma", "García", "O'Neill"]
TITLES = ["President", "Foreign Minister", "Prime Minister", "General", "Senator", "spokeswoman", "Mayor"]
PLACES = ["Oslo", "Lagos", "Quito", "Hanoi", "Tbilisi", "Nairobi", "Lima", "Riga", "Dhaka", "Almaty"]
COUNTRIES = ["Norway", "Nigeria", "Ecuador", "Vietnam", "Georgia", "Kenya", "Peru", "Latvia", "Chile", "Ghana"]
ORGANISATIONS = ["the United Nations", "NATO", "the Red Cross", "the European Union", "the African Union",
                 "the Interior Ministry", "Reuters", "the army"]
TIMES = ["on Monday", "on Tuesday", "last week", "on 3 March", "in 2021", "overnight", "on New Year's Eve", ""]
MEDIA = ["in a telephone call", "in a statement", "at a news conference", "on Twitter", ""]
NOISE = ["", "", "", " (AFP)", " —", " …", " 🙂", " [1]", "\u200b", " §"]


def _person(rng: random.Random) -> str:
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    return f"{rng.choice(TITLES)} {name}" if rng.random() < 0.5 else name


def _actor(rng: random.Random) -> str:
    return rng.choice([_person(rng), rng.choice(ORGANISATIONS), rng.choice(COUNTRIES)])


def sentence(rng: random.Random) -> str:
    """One news-like sentence."""
    who, other, place, when = _actor(rng), _actor(rng), rng.choice(PLACES), rng.choice(TIMES)
    count = rng.choice(["two", "dozens of", "more than 150", "12", "thousands of", "at least 3,000"])
    templates = [
        f"{who} said {when} that the talks with {other} would resume{rng.choice(MEDIA) and ' ' + rng.choice(MEDIA)}.",
        f'"We will not accept this," {who} told {other} {when}.',
        f"{who} met {other} in {place} {when}.",
        f"{who} deployed {count} troops to {rng.choice(COUNTRIES)} at the request of {other}.",
        f"Gunmen attacked a bus in {place} {when}, killing {count} people.",
        f"{count.capitalize()} people protested in {place} {when} against {who}.",
        f"According to {other}, {who} did not attack the convoy near {place}.",
        f"He said the situation in {place} was calm.",
        f"{who} may have sent {count} drones to {place}, officials said {when}.",
        f"The death toll in {place} rose to {rng.randint(2, 900)}.",
    ]
    return rng.choice(templates).replace("  ", " ") + rng.choice(NOISE)


def article(rng: random.Random, sentences: int | None = None) -> str:
    """A headline and a few paragraphs of news-like sentences."""
    count = sentences if sentences is not None else rng.randint(3, 14)
    body = [sentence(rng) for _ in range(count)]
    paragraphs = [" ".join(body[i:i + 3]) for i in range(0, len(body), 3)]
    headline = f"{rng.choice(PLACES)}: {rng.choice(['talks', 'clashes', 'protests', 'visit'])} continue"
    return "\n\n".join([headline, *paragraphs])
