"""Shared fixtures: the spaCy model loads once per test session, the example graph is built once."""
from __future__ import annotations

from pathlib import Path

import pytest

import kgraph
from kgraph.extract import Extraction, extract
from kgraph.nlp import load_model
from kgraph.text import document_from_text

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "kazakhstan-unrest.txt"
EXAMPLE_GOLD = ROOT / "examples" / "kazakhstan-unrest.gold.json"


@pytest.fixture(scope="session")
def nlp():
    return load_model()


@pytest.fixture(scope="session")
def read(nlp):
    """Extract a text: read("Russia deployed troops.") -> Extraction."""
    def _read(text: str) -> Extraction:
        return extract(document_from_text(text), nlp=nlp)
    return _read


@pytest.fixture(scope="session")
def example_graph(nlp) -> kgraph.KnowledgeGraph:
    return kgraph.build([EXAMPLE])


def roles_by_label(extraction: Extraction, event) -> dict[str, list[str]]:
    """An event's roles with entity keys replaced by labels: {"speaker": ["Angela Merkel"], ...}."""
    labels = {e.key: e.label for e in extraction.entities}
    out: dict[str, list[str]] = {}
    for role in event.roles:
        out.setdefault(role.name, []).append(labels[role.entity] if role.entity else str(role.literal))
    return out
