"""The frame lexicon: trigger words -> event class -> how each role is found, read from TOML.

The lexicon is data, so users extend kgraph without Python: copy ``ontology/lexicon.toml``, add
a frame, and pass the file to :func:`kgraph.build` (``lexicon=``) or ``kgraph build --lexicon``.

Examples
--------
>>> lexicon = load_lexicon()
>>> lexicon.frame_for_verb("say").cls
'Statement'
>>> lexicon.frame_for_noun("deployment").cls
'Deployment'
"""
from __future__ import annotations

import functools
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from kgraph.errors import InputError
from kgraph.records import EVENT_CLASSES, RESERVED_CLASS_NAMES, ROLE_NAMES, EventClass

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

__all__ = ["Frame", "Lexicon", "load_lexicon", "default_lexicon_path"]


@dataclass(frozen=True)
class Frame:
    """One frame of the lexicon. See ``ontology/lexicon.toml`` for the meaning of each field."""

    name: str
    cls: str
    roles: dict[str, tuple[str, ...]]
    verbs: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()
    phrases: tuple[str, ...] = ()
    confidence: float = 0.5
    requires: tuple[str, ...] = ()
    gather: tuple[str, ...] = ()
    alone: bool = False
    excluded_subjects: frozenset[str] = frozenset()
    actor_classes: dict[str, frozenset[str]] = field(default_factory=dict)
    object_words: frozenset[str] = frozenset()
    parent: str = "Event"
    label: str | None = None
    comment: str | None = None

    def __hash__(self) -> int:
        return hash(self.name)


@dataclass(frozen=True)
class Lexicon:
    """All frames, indexed by trigger lemma."""

    frames: tuple[Frame, ...]
    _verbs: dict[str, Frame] = field(default_factory=dict, repr=False)
    _nouns: dict[str, Frame] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for frame in self.frames:
            for lemma in frame.verbs:
                self._verbs.setdefault(lemma, frame)
            for lemma in frame.nouns:
                self._nouns.setdefault(lemma, frame)

    def frame_for_verb(self, lemma: str) -> Frame | None:
        """The frame a verb lemma triggers, if any."""
        return self._verbs.get(lemma)

    def frame_for_noun(self, lemma: str) -> Frame | None:
        """The frame a noun lemma triggers, if any."""
        return self._nouns.get(lemma)

    def may_trigger(self, lemma: str) -> bool:
        """Whether a lower-cased lemma triggers some frame as a verb or a noun (a capitalised
        plural counts by its singular: "Protests erupted")."""
        return lemma in self._verbs or lemma in self._nouns or (lemma.endswith("s") and lemma[:-1] in self._nouns)

    @property
    def classes(self) -> dict[str, Frame]:
        """Every event class the lexicon names, with the first frame that names it."""
        out: dict[str, Frame] = {}
        for frame in self.frames:
            out.setdefault(frame.cls, frame)
        return out

    def declarations(self, names: Iterable[str]) -> tuple[EventClass, ...]:
        """The declarations of these event classes beyond the core six, with their parents'.

        >>> load_lexicon().declarations(["Statement"])
        ()
        """
        frames = self.classes
        declared: dict[str, EventClass] = {}
        pending = [n for n in names if n not in EVENT_CLASSES]
        while pending:
            name = pending.pop()
            if name in declared or name in EVENT_CLASSES or name == "Event":
                continue
            frame = frames.get(name)
            declared[name] = EventClass(name, frame.parent if frame else "Event", frame.label if frame else None,
                                        frame.comment if frame else None)
            pending.append(declared[name].parent)
        return tuple(declared[n] for n in sorted(declared))


def default_lexicon_path() -> Path:
    """The lexicon shipped with kgraph (``ontology/lexicon.toml``)."""
    return Path(str(resources.files("kgraph") / "ontology" / "lexicon.toml"))


def _strings(value: object, where: str, source: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(source, f"{where} must be a list of strings")
    return tuple(v.strip().lower() for v in value)


# a class becomes an IRI of the ontology's namespace, kg:NAME: a letter, then letters and digits
_CLASS_NAME = re.compile(r"[A-Z][A-Za-z0-9]*")


def _class_name(value: object, where: str, source: str) -> str:
    if not isinstance(value, str) or not _CLASS_NAME.fullmatch(value):
        raise InputError(source, f"{where}: {value!r} is not a class name (a capital letter, then letters and digits, "
                                 "such as 'Arrest')")
    if value in RESERVED_CLASS_NAMES:
        raise InputError(source, f"{where}: '{value}' is kgraph's class of {value.lower()}s, not of events; "
                                 "name the event class otherwise")
    return value


def _frame(name: str, table: dict, source: str, known_rules: frozenset[str]) -> Frame:
    if not isinstance(table, dict) or "class" not in table:
        raise InputError(source, f"frame '{name}' needs a 'class' name")
    cls = _class_name(table["class"], f"frame '{name}' class", source)
    parent = _class_name(table.get("parent", "Event"), f"frame '{name}' parent", source)
    roles_table = table.get("roles", {})
    if not isinstance(roles_table, dict):
        raise InputError(source, f"frame '{name}': 'roles' must be a table")
    roles = {role: _strings(rules, f"frame '{name}' role '{role}'", source) for role, rules in roles_table.items()}
    for role in roles:
        if role not in ROLE_NAMES:
            raise InputError(source, f"frame '{name}' role '{role}' is not one of kgraph's roles ({', '.join(ROLE_NAMES)})")
    actor_classes = table.get("actor_classes", {})
    if not isinstance(actor_classes, dict):
        raise InputError(source, f"frame '{name}': 'actor_classes' must be a table")
    for actor_class in actor_classes:
        _class_name(actor_class, f"frame '{name}' actor_classes", source)
    for role, rules in roles.items():
        unknown = [r for r in rules if r not in known_rules]
        if unknown:
            raise InputError(source, f"frame '{name}' role '{role}' names unknown rule '{unknown[0]}'")
    verbs = frozenset(_strings(table.get("verbs", []), f"frame '{name}' verbs", source))
    nouns = frozenset(_strings(table.get("nouns", []), f"frame '{name}' nouns", source))
    phrases = _strings(table.get("phrases", []), f"frame '{name}' phrases", source)
    if not (verbs or nouns or phrases):
        raise InputError(source, f"frame '{name}' has no verbs, nouns or phrases")
    confidence = table.get("confidence", 0.5)
    if not isinstance(confidence, (int, float)) or not 0 <= confidence <= 1:
        raise InputError(source, f"frame '{name}': confidence must be a number in [0, 1]")
    return Frame(name=name, cls=cls, roles=roles, verbs=verbs, nouns=nouns, phrases=phrases,
                 confidence=float(confidence),
                 requires=_strings(table.get("requires", []), f"frame '{name}' requires", source),
                 gather=_strings(table.get("gather", []), f"frame '{name}' gather", source),
                 alone=bool(table.get("alone", False)),
                 excluded_subjects=frozenset(_strings(table.get("excluded_subjects", []),
                                                      f"frame '{name}' excluded_subjects", source)),
                 actor_classes={cls: frozenset(_strings(words, f"frame '{name}' actor_classes", source))
                                for cls, words in actor_classes.items()},
                 object_words=frozenset(_strings(table.get("object_words", []), f"frame '{name}' object_words", source)),
                 parent=parent, label=_text(table.get("label"), f"frame '{name}' label", source),
                 comment=_text(table.get("comment"), f"frame '{name}' comment", source))


def _text(value: object, where: str, source: str) -> str | None:
    if value is not None and not isinstance(value, str):
        raise InputError(source, f"{where} must be a string")
    return value


def _check_parents(frames: tuple[Frame, ...], source: str) -> None:
    """Every new class's parent is kg:Event, a core class or a class of the lexicon, and no class
    is its own ancestor."""
    parents = {frame.cls: frame.parent for frame in frames if frame.cls not in EVENT_CLASSES}
    for frame in frames:
        if frame.parent not in {"Event", *EVENT_CLASSES, *parents}:
            raise InputError(source, f"frame '{frame.name}' parent '{frame.parent}' is no event class (use Event, one "
                                     f"of {', '.join(EVENT_CLASSES)}, or a class of the lexicon)")
        seen, cls = set(), frame.cls
        while cls in parents:
            if cls in seen:
                raise InputError(source, f"frame '{frame.name}': class '{frame.cls}' is its own ancestor")
            seen.add(cls)
            cls = parents[cls]


@functools.lru_cache(maxsize=8)
def load_lexicon(path: str | Path | None = None, *, extend: bool = False) -> Lexicon:
    """Read a frame lexicon from a TOML file.

    Parameters
    ----------
    path : str or Path, optional
        The lexicon file; the shipped one by default.
    extend : bool
        Add the file's frames to the shipped ones instead of replacing them.

    Raises
    ------
    InputError
        If the file is missing, is not TOML, or a frame is malformed.
    """
    from kgraph.extract.rules import RULES  # the rule names a frame may use

    source = str(path or default_lexicon_path())
    try:
        with open(source, "rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise InputError(source, "lexicon file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(source, f"not valid TOML ({exc})") from None
    frames_table = data.get("frames")
    if not isinstance(frames_table, dict) or not frames_table:
        raise InputError(source, "no [frames.NAME] tables found")
    frames = tuple(_frame(name, table, source, frozenset(RULES)) for name, table in frames_table.items())
    if extend and path is not None:
        # the user's frames come first so that their trigger words win
        frames = frames + load_lexicon().frames
    _check_parents(frames, source)
    return Lexicon(frames)
