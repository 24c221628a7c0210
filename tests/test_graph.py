"""The RDF graph follows the contract, the ontology declares everything, the NetworkX view is
derived from the RDF alone."""
from __future__ import annotations

import networkx as nx
from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

import kgraph
from kgraph.extract.lexicon import load_lexicon
from kgraph.graph import KG, NIF, KnowledgeGraph, ontology_graph
from kgraph.graph.rdf import entity_classes, event_classes

KG_NS = "https://w3id.org/kgraph/ontology#"
SEM_NS = "http://semanticweb.cs.vu.nl/2009/11/sem/"


def test_namespace_mirrors_the_ontology():
    ontology = ontology_graph()
    declared = {str(s)[len(KG_NS):] for s in ontology.subjects(RDF.type, None) if str(s).startswith(KG_NS)}
    in_python = {name for name in KG.__annotations__}
    assert declared == in_python


def test_every_kg_iri_the_code_emits_is_declared(example_graph):
    declared = {str(s) for s in ontology_graph().subjects(RDF.type, None)}
    used = {str(t) for triple in example_graph.rdf for t in triple if isinstance(t, URIRef) and str(t).startswith(KG_NS)}
    assert used and used <= declared, used - declared


def test_ontology_aligns_roles_with_sem_and_documents_with_nif_and_prov():
    ontology = ontology_graph()
    sem = {"hasActor", "hasPlace", "hasTime", "eventProperty", "hasTimeStamp"}
    for prop in load_lexicon().frames[0].roles:
        parents = {str(o)[len(SEM_NS):] for o in ontology.objects(KG[prop], RDFS.subPropertyOf)}
        assert parents & sem, prop
    assert (KG.speaker, RDFS.subPropertyOf, URIRef(SEM_NS + "hasActor")) in ontology
    assert (KG.destination, RDFS.subPropertyOf, URIRef(SEM_NS + "hasPlace")) in ontology
    assert (KG.Event, RDFS.subClassOf, URIRef(SEM_NS + "Event")) in ontology
    assert (KG.Document, RDFS.subClassOf, NIF.Context) in ontology
    assert (KG.Document, RDFS.subClassOf, PROV.Entity) in ontology
    for cls in ontology.subjects(RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class")):
        assert ontology.value(cls, RDFS.label) and ontology.value(cls, RDFS.comment), cls


def test_document_node_holds_the_analysed_text(example_graph):
    (doc,) = list(example_graph.rdf.subjects(RDF.type, KG.Document))
    text = str(example_graph.rdf.value(doc, NIF.isString))
    assert text.startswith("Fighters from Central Asia")
    assert str(example_graph.rdf.value(doc, DCTERMS.source)).endswith("kazakhstan-unrest.txt")


def test_every_event_has_a_span_whose_offsets_index_the_text(example_graph):
    rdf = example_graph.rdf
    (doc,) = list(rdf.subjects(RDF.type, KG.Document))
    text = str(rdf.value(doc, NIF.isString))
    events = {s for cls in event_classes(rdf) for s in rdf.subjects(RDF.type, cls)}
    assert len(events) >= 17
    for event in events:
        spans = list(rdf.objects(event, PROV.wasDerivedFrom))
        assert spans
        for span in spans:
            begin, end = int(rdf.value(span, NIF.beginIndex)), int(rdf.value(span, NIF.endIndex))
            assert text[begin:end] == str(rdf.value(span, NIF.anchorOf))
            assert rdf.value(span, NIF.referenceContext) == doc


def test_each_entity_has_exactly_one_label(example_graph):
    rdf = example_graph.rdf
    for cls in entity_classes(rdf):
        for entity in rdf.subjects(RDF.type, cls):
            assert len(list(rdf.objects(entity, RDFS.label))) == 1, entity


def test_label_is_the_fullest_name_and_titles_are_data(example_graph):
    rdf = example_graph.rdf
    tokayev = [s for s in rdf.subjects(RDFS.label, Literal("Qasim Jomart Tokayev"))]
    assert len(tokayev) == 1
    titles = {str(t) for t in rdf.objects(tokayev[0], KG.title)}
    assert "Kazakh President" in titles
    aliases = {str(a) for a in rdf.objects(tokayev[0], KG.alias)}
    assert {"Qasim Jomarat Tokayev", "President of Kazakhstan"} <= aliases


def test_roles_point_to_entities_and_literals_as_the_contract_says(example_graph):
    rdf = example_graph.rdf
    for prop in (KG.speaker, KG.addressee, KG.agent, KG.destination, KG.requester, KG.participant, KG.source):
        for value in rdf.objects(None, prop):
            assert isinstance(value, URIRef) and rdf.value(value, RDFS.label) is not None
    for prop in (KG.content, KG.medium):
        assert all(isinstance(v, Literal) for v in rdf.objects(None, prop))
    counts = [v for v in rdf.objects(None, KG["count"])]
    assert counts and all(v.datatype == URIRef("http://www.w3.org/2001/XMLSchema#integer") for v in counts)


def test_readding_a_document_changes_nothing(read):
    extraction = read("Russia deployed troops in Syria.")
    graph = KnowledgeGraph()
    graph.add(extraction)
    size = len(graph)
    graph.add(extraction)
    assert len(graph) == size


def test_same_name_in_two_documents_is_one_node():
    graph = kgraph.build(["Russia deployed troops in Syria.", "Iran sent drones to Russia."])
    russia = [s for s in graph.rdf.subjects(RDFS.label, Literal("Russia"))]
    assert len(russia) == 1
    assert len(list(graph.rdf.objects(russia[0], KG.mentionedIn))) == 2


def test_networkx_view_is_the_same_after_a_turtle_round_trip(example_graph, tmp_path):
    path = tmp_path / "g.ttl"
    example_graph.serialize(path)
    loaded = kgraph.load(str(path))
    fresh, again = example_graph.to_networkx(), loaded.to_networkx()
    assert set(fresh.nodes) == set(again.nodes)
    assert sorted(fresh.edges(keys=True)) == sorted(again.edges(keys=True))
    assert all(fresh.nodes[n] == again.nodes[n] for n in fresh)


def test_networkx_view_works_with_networkx_algorithms(example_graph):
    view = example_graph.to_networkx()
    assert isinstance(view, nx.MultiDiGraph)
    people = {n: d["label"] for n, d in view.nodes(data=True) if d.get("cls") == "Person"}
    most_active = max(people, key=view.in_degree)
    assert people[most_active] == "Qasim Jomart Tokayev"
    roles = {d["role"] for _, _, d in view.edges(data=True)}
    assert {"speaker", "addressee", "agent", "destination", "requester", "participant", "place", "source"} <= roles
    statement = next(n for n, d in view.nodes(data=True) if d.get("cls") == "Statement")
    assert {"sentence", "begin", "end", "trigger", "confidence"} <= set(view.nodes[statement])


def test_serialize_writes_other_formats(example_graph, tmp_path):
    for suffix in (".nt", ".jsonld", ".rdf"):
        path = tmp_path / f"g{suffix}"
        example_graph.serialize(path)
        assert len(kgraph.load(str(path))) == len(example_graph)


def test_author_is_the_documents_creator(example_graph):
    rdf = example_graph.rdf
    (doc,) = list(rdf.subjects(RDF.type, KG.Document))
    creator = rdf.value(doc, DCTERMS.creator)
    assert str(rdf.value(creator, RDFS.label)) == "Abdullah Shafqat"
    assert (creator, RDF.type, KG.Person) in rdf
    # the bio's furniture names no entity
    labels = {str(o) for o in rdf.objects(None, RDFS.label)}
    assert not {"World News", "Education News", "Related Articles"} & labels


def test_factuality_and_dates_reach_the_graph():
    import datetime as dt

    from kgraph.text import document_from_text

    graph = kgraph.build([document_from_text("Germany will deploy two battalions in Lithuania on Monday.",
                                             created=dt.date(2023, 6, 28))])
    (row,) = graph.query("SELECT ?f ?d WHERE { ?e a kg:Deployment ; kg:factuality ?f ; kg:date ?d }").rows
    assert row == {"f": "future", "d": dt.date(2023, 6, 26)}


def test_event_classes_map_to_cameo_ace_and_kairos():
    from rdflib.namespace import SKOS

    ontology = ontology_graph()
    for cls in ("Statement", "Contact", "Deployment", "Attack", "Death", "Protest"):
        schemes = {str(ontology.value(match, SKOS.inScheme)).rsplit("/", 1)[-1]
                   for match in ontology.objects(KG[cls], SKOS.closeMatch)}
        assert {"ace", "kairos"} <= schemes, cls
        assert "cameo" in schemes or cls == "Death"


def test_actor_graph_and_central_actors(example_graph):
    from kgraph.graph import actor_graph, central_actors

    view = example_graph.to_networkx()
    actors = actor_graph(view)
    label = {n: d["label"] for n, d in actors.nodes(data=True)}
    by_label = {v: k for k, v in label.items()}
    link = actors[by_label["Qasim Jomart Tokayev"]][by_label["Charles Mitchell"]]
    assert link["weight"] == 3 and len(link["events"]) == 3
    assert central_actors(view, 1)[0][0] == "Qasim Jomart Tokayev"
    speech = actor_graph(view, roles={"speaker", "addressee"})
    assert speech.has_edge(by_label["Qasim Jomart Tokayev"], by_label["Charles Mitchell"])
    assert not speech.has_node(by_label["Collective Security Treaty Organization"])


def test_analytics_example_runs():
    import subprocess
    import sys

    from conftest import ROOT

    result = subprocess.run([sys.executable, str(ROOT / "examples" / "analytics.py")], capture_output=True, text=True, check=True)
    assert "Most central actors" in result.stdout and "Qasim Jomart Tokayev" in result.stdout


def test_entities_merge_across_documents():
    graph = kgraph.build(["Chancellor Olaf Scholz met Emmanuel Macron in Paris.",
                          "Scholz said the talks went well.",
                          "The North Atlantic Treaty Organization met in Brussels.",
                          "NATO said it would send troops.",
                          "Hillary Clinton spoke in Ohio.", "Bill Clinton spoke in Iowa.", "Clinton said no."])
    people = {r["label"]: r for r in graph.query("entities") if r["type"] == "Person"}
    assert "Scholz" not in people and people["Olaf Scholz"]["mentions"] == 2
    orgs = [r["label"] for r in graph.query("entities") if r["type"] == "Organization"]
    assert orgs.count("North Atlantic Treaty Organization") == 1 and "NATO" not in orgs
    # two known Clintons: "Clinton" alone stays its own node rather than a guess
    assert {"Hillary Clinton", "Bill Clinton", "Clinton"} <= set(people)


def test_merging_works_on_a_graph_loaded_from_a_file(tmp_path):
    first = kgraph.build(["Chancellor Olaf Scholz met Emmanuel Macron in Paris."])
    first.serialize(tmp_path / "g.ttl")
    loaded = kgraph.load(str(tmp_path / "g.ttl"))
    from kgraph.extract import extract
    from kgraph.text import document_from_text

    loaded.add(extract(document_from_text("Scholz said the talks went well.")))
    people = [r["label"] for r in loaded.query("entities") if r["type"] == "Person"]
    assert sorted(people) == ["Emmanuel Macron", "Olaf Scholz"]
