"""The development set: real-world news of varied kinds, each with a gold file made by hand.

Each article under ``tests/data/dev`` is built and scored with the outside scorer
(``../shared/eval/score.py``, as for the example article). The suite fails when accuracy drops
below the levels reached when these thresholds were set, so it cannot slip silently.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from rdflib import Graph

import kgraph
from conftest import ROOT

DEV = Path(__file__).parent / "data" / "dev"
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
ARTICLES = sorted(DEV.glob("*.gold.json"))

# the levels reached on this set (events micro-averaged, roles macro-averaged over articles)
EVENTS_F1 = 0.95
ROLES_F1 = 0.92


def _scorer():
    spec = importlib.util.spec_from_file_location("kgraph_outside_scorer", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_set_is_big_and_varied():
    assert len(ARTICLES) >= 15
    classes = {e["class"] for path in ARTICLES for e in json.loads(path.read_text(encoding="utf-8"))["events"]}
    assert {"Statement", "Contact", "Deployment", "Attack", "Death", "Protest"} <= classes
    for path in ARTICLES:
        assert path.with_name(path.name.replace(".gold.json", ".txt")).is_file()


@pytest.mark.skipif(not SCORER.is_file(), reason="the outside scorer ../shared/eval/score.py is not beside this checkout")
def test_development_set_accuracy(nlp):
    scorer = _scorer()
    ontology = ROOT / "ontology" / "kgraph.ttl"
    predicted = matched = gold = found = 0
    role_p = role_r = 0.0
    for path in ARTICLES:
        annotation = json.loads(path.read_text(encoding="utf-8"))
        graph = Graph()
        for triple in kgraph.build([path.with_name(annotation["document"])]).rdf:
            graph.add(triple)
        graph.parse(ontology)
        result = scorer.score(annotation, graph)
        per_class = result["per_class"].values()
        n_predicted = sum(row["predicted"] for row in per_class)
        predicted += n_predicted
        matched += round(result["events"]["precision"] * n_predicted)
        gold += sum(row["gold"] for row in per_class)
        found += sum(row["found"] for row in per_class)
        role_p += result["roles"]["precision"]
        role_r += result["roles"]["recall"]
    precision, recall = matched / predicted, found / gold
    events_f1 = 2 * precision * recall / (precision + recall)
    role_p, role_r = role_p / len(ARTICLES), role_r / len(ARTICLES)
    roles_f1 = 2 * role_p * role_r / (role_p + role_r)
    print(f"events P/R/F1 {precision:.3f}/{recall:.3f}/{events_f1:.3f}, roles {role_p:.3f}/{role_r:.3f}/{roles_f1:.3f}")
    assert events_f1 >= EVENTS_F1, (precision, recall)
    assert roles_f1 >= ROLES_F1, (role_p, role_r)
