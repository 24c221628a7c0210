"""Boilerplate in plain text: share buttons, photo credits, author bios, related links, comment forms.

Text copied from a web page keeps the page's furniture. kgraph does not cut it out of the text,
since every character offset must point into the input as given; it marks where it is, and
extraction reads no entity and no event there. A byline with an author bio names the article's
author, which becomes the document's ``dcterms:creator``.

Examples
--------
>>> text = "Talks resume\\nSpread the love\\nTroops left. (Photo: AFP)\\nLeave a Reply"
>>> [text[b:e] for b, e in find_boilerplate(text).spans]
['Spread the love', '(Photo: AFP)', 'Leave a Reply']
"""
from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Boilerplate", "find_boilerplate"]

# Whole lines that are page furniture, not article text.
_FURNITURE = re.compile(r"""^(?:
    spread\ the\ love | share(?:\ this)?(?:\ (?:article|story|post))?(?:\ on\ \w+)* | tweet | pin\ it |
    click\ to\ (?:share|print|email).* | follow\ us.* | print | email | whatsapp | facebook | twitter |
    related(?:\ (?:articles?|posts?|stories|news|content))? | read\ more.* | see\ also.* | more\ from\ .* |
    you\ may\ also\ like.* | recommended(?:\ for\ you)? | trending(?:\ now)? | most\ read |
    leave\ a\ (?:reply|comment).* | \d+\ comments? | comments? | post\ comment | submit(?:\ comment)? |
    your\ email\ address\ will\ not\ be\ published.* | required\ fields\ are\ marked.* |
    save\ my\ name,\ email.* | (?:name|email|website)\ ?\*? | back\ to\ top(?:\ button)? | advertisement |
    subscribe.* | sign\ up.* | newsletter.* | (?:©|copyright|\(c\)).* | all\ rights\ reserved.* |
    (?:photo|image|picture|caption|credit|file\ photo)s?\ ?:.* | skip\ to\ (?:content|main\ content)
)$""", re.IGNORECASE | re.VERBOSE)
# Photo credits inside a line: "(Photo: AFP)", "(AP Photo/Jane Doe)", "(Reuters)".
_CREDIT = re.compile(r"\((?:(?:photo|image|picture)(?:\s+credit)?\s*:[^)]{1,60}|[A-Z]{2,}\s+Photo/[^)]{1,60})\)", re.IGNORECASE)
_NAME_LINE = re.compile(r"^(?:by\s+)?([A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3})$")
_BIO = re.compile(r"\bis\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,4}(?:journalist|reporter|writer|editor|correspondent|"
                  r"columnist|contributor|author|blogger|analyst)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Boilerplate:
    """Where a text's boilerplate is, and the author its byline names.

    ``spans`` are (begin, end) character ranges; ``author_span`` is where the author is named.
    """

    spans: tuple[tuple[int, int], ...] = ()
    author: str | None = None
    author_span: tuple[int, int] | None = None

    def covers(self, position: int) -> bool:
        """Whether a character offset lies in boilerplate."""
        return any(begin <= position < end for begin, end in self.spans)


def _lines(text: str) -> list[tuple[int, int, str]]:
    out, start = [], 0
    for line in text.split("\n"):
        stripped = line.strip()
        begin = start + (len(line) - len(line.lstrip()))
        out.append((begin, begin + len(stripped), stripped))
        start += len(line) + 1
    return out


def find_boilerplate(text: str) -> Boilerplate:
    """Find the boilerplate of a plain text."""
    spans: list[tuple[int, int]] = []
    author = author_span = None
    lines = [line for line in _lines(text) if line[2]]
    for index, (begin, end, line) in enumerate(lines):
        if _FURNITURE.match(line):
            spans.append((begin, end))
            continue
        for credit in _CREDIT.finditer(line):
            spans.append((begin + credit.start(), begin + credit.end()))
        # a byline followed by a bio that starts with the same name: "Jane Doe\nJane Doe is a reporter ..."
        name = _NAME_LINE.match(line)
        following = lines[index + 1] if index + 1 < len(lines) else None
        if name and following and following[2].startswith(name.group(1)) and _BIO.search(following[2]):
            author = name.group(1)
            author_span = (begin + name.start(1), begin + name.end(1))
            spans.append((begin, end))
        elif _BIO.search(line) and author and line.startswith(author):
            spans.append((begin, end))
    return Boilerplate(tuple(sorted(spans)), author, author_span)
