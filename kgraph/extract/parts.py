"""Long articles in parts: split before parsing, join the records after.

spaCy refuses texts over ``nlp.max_length`` characters (1,000,000 by default) and its pipeline
holds about 330 MB of memory per 100,000 characters at once (``en_core_web_sm``, measured). An
article longer than :data:`PART_CHARACTERS` is therefore read as consecutive parts cut at
paragraph breaks (else at line breaks, else after a sentence's full stop, else at a space),
each parsed (one at a time) and read on its own; their records are joined into one extraction whose offsets index the whole text. A
pronoun at the very start of a part cannot reach back into the previous part; names can, since
entities with the same name are one entity whatever the part.

Examples
--------
>>> text = "First paragraph.\\n\\nSecond one, longer.\\n\\nThird."
>>> [text[b:e] for b, e in part_bounds(text, 25)]
['First paragraph.\\n\\n', 'Second one, longer.\\n\\n', 'Third.']
"""
from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence

from kgraph.records import Entity, Event, Extraction, TextSpan
from kgraph.text import Document

__all__ = ["PART_CHARACTERS", "part_bounds", "split_document", "join_extractions"]

#: The longest text parsed in one piece (spaCy's own limit is ten times larger; memory is the
#: reason to stay well below it).
PART_CHARACTERS = 100_000

# where a part may end, best first: the end of a paragraph, of a line, of a sentence, of a word
_BREAKS = ("\n\n", "\n", ". ", " ")


def part_bounds(text: str, size: int = PART_CHARACTERS) -> list[tuple[int, int]]:
    """Consecutive (begin, end) offsets that cover ``text``, each part at most ``size``
    characters, cut at the best break found in the second half of the part."""
    if size < 2:
        raise ValueError("a part holds at least two characters")
    bounds, begin = [], 0
    while len(text) - begin > size:
        window_end = begin + size
        end = window_end
        for mark in _BREAKS:
            found = text.rfind(mark, begin + size // 2, window_end)
            if found != -1:
                end = found + len(mark)
                break
        bounds.append((begin, end))
        begin = end
    bounds.append((begin, len(text)))
    return bounds


def split_document(document: Document, size: int = PART_CHARACTERS) -> list[tuple[int, Document]]:
    """A document as (offset, part) pairs; a short document is its own single part."""
    if len(document.text) <= size:
        return [(0, document)]
    parts = []
    for begin, end in part_bounds(document.text, size):
        ignored = tuple((max(b, begin) - begin, min(e, end) - begin) for b, e in document.ignored if b < end and e > begin)
        parts.append((begin, dataclasses.replace(document, text=document.text[begin:end], ignored=ignored)))
    return parts


def _shift(span: TextSpan, offset: int) -> TextSpan:
    return TextSpan(span.begin + offset, span.end + offset, span.text)


def join_extractions(document: Document, parts: Sequence[tuple[int, Extraction]]) -> Extraction:
    """One extraction of the whole document from the extractions of its parts.

    Entities with the same key (the same type and name) are one; every offset is moved to
    index the whole text.
    """
    if len(parts) == 1 and parts[0][0] == 0:
        return dataclasses.replace(parts[0][1], document=document)
    entities: dict[str, Entity] = {}
    events: list[Event] = []
    warnings: list[str] = []
    classes: dict[str, object] = {}
    for offset, extraction in parts:
        classes.update((c.name, c) for c in extraction.classes)
        for entity in extraction.entities:
            moved = dataclasses.replace(entity, mentions=tuple(_shift(m, offset) for m in entity.mentions))
            old = entities.get(entity.key)
            if old is not None:
                counts = Counter(dict(old.names))
                counts.update(dict(moved.names))
                moved = dataclasses.replace(
                    old, aliases=tuple(sorted({*old.aliases, *moved.aliases} - {old.label})),
                    titles=tuple(dict.fromkeys(old.titles + moved.titles)),
                    mentions=tuple(sorted({*old.mentions, *moved.mentions})), named=old.named or moved.named,
                    names=tuple(sorted(counts.items(), key=lambda nc: (-nc[1], nc[0]))))
            entities[entity.key] = moved
        for event in extraction.events:
            events.append(dataclasses.replace(
                event, sentence=_shift(event.sentence, offset), trigger=_shift(event.trigger, offset),
                more_sentences=tuple(_shift(s, offset) for s in event.more_sentences),
                roles=tuple(dataclasses.replace(r, span=_shift(r.span, offset)) if r.span else r for r in event.roles)))
        warnings.extend(w for w in extraction.warnings if w not in warnings)
    return Extraction(document, tuple(entities.values()), tuple(events), tuple(warnings),
                      tuple(classes[name] for name in sorted(classes)))
