"""Identity across articles: one node per real-world entity and event, whatever the order of the
articles and the path they take (in memory, a store added to in batches and reopened, two
processes); never two entities in one node. Articles of our own, one rule each."""
from __future__ import annotations

import itertools

import pytest
from rdflib.compare import isomorphic

import kgraph
from conftest import integers_as_integer
from kgraph.identity import resolve
from kgraph.text import document_from_text


def _people(graph: kgraph.KnowledgeGraph) -> dict[str, int]:
    return {r["label"]: r["mentions"] for r in graph.query("entities") if r["type"] == "Person"}


def _labels(graph: kgraph.KnowledgeGraph, etype: str) -> list[str]:
    return sorted(r["label"] for r in graph.query("entities") if r["type"] == etype)


def _report_counts(graph: kgraph.KnowledgeGraph, cls: str) -> list[int]:
    """The number of reports of each event of a class, in ascending order."""
    return sorted(r["reports"] for r in graph.query(f"SELECT ?e ?reports WHERE {{ ?e a kg:{cls} ; kg:reportCount ?reports }}"))


def test_a_middle_name_an_initial_and_a_misspelling_are_one_person():
    graph = kgraph.build(["Hillary Rodham Clinton spoke in Ohio on Monday.",
                          "Hillary Clinton told voters in Iowa that the race was close.",
                          "Qasim Jomarat Tokayev said the unrest was over.",
                          "President Qasim Jomart Tokayev met the envoy. Qasim Jomart Tokayev said talks went well.",
                          "Fred LaRue testified on Tuesday.", "Frederick C. LaRue was born in Texas."])
    people = _people(graph)
    # one node each, under the fullest name the articles use as often as any
    assert {"Hillary Rodham Clinton", "Qasim Jomart Tokayev", "Frederick C. LaRue"} <= set(people)
    assert not {"Hillary Clinton", "Qasim Jomarat Tokayev", "Fred LaRue"} & set(people)


def test_a_short_surname_misspelt_with_a_letter_more_is_one_person_but_a_plural_surname_is_not():
    graph = kgraph.build(["Duncan Rait died after a fall from a ridge, police said.",
                          "On Friday, Duncan Raite died after slipping on the ice.",
                          "Chris Evan wrote the report.", "Chris Evans presented the show."])
    people = sorted(_people(graph))
    assert [p for p in people if p.startswith("Duncan")] in (["Duncan Rait"], ["Duncan Raite"])
    assert [p for p in people if p.startswith("Chris")] == ["Chris Evan", "Chris Evans"]


def test_a_son_is_not_his_father_and_a_wife_is_not_her_husband():
    graph = kgraph.build(["Donald Trump Jr. spoke in Ohio.", "Donald Trump spoke in Iowa.",
                          "Melania Trump visited a school.", "Mrs. Clinton spoke first.", "Mr. Clinton spoke later."])
    people = set(_people(graph))
    assert {"Donald Trump Jr.", "Donald Trump", "Melania Trump"} <= people
    clintons = [r["entity"] for r in graph.query("entities") if r["label"] == "Clinton"]
    assert len(set(clintons)) == 2  # Mrs. and Mr. Clinton apart


def test_a_surname_alone_goes_to_the_one_person_the_corpus_makes_clear():
    graph = kgraph.build(["Chancellor Olaf Scholz met Emmanuel Macron in Paris.", "Scholz said the talks went well.",
                          "Hillary Clinton spoke in Ohio.", "Bill Clinton spoke in Iowa.", "Clinton said no."])
    people = _people(graph)
    assert "Scholz" not in people and people["Olaf Scholz"] == 2
    # two Clintons equally known: "Clinton" alone is a node of its own rather than a guess
    assert {"Hillary Clinton", "Bill Clinton", "Clinton"} <= set(people)


def test_the_far_better_known_person_of_a_name_takes_the_name_alone():
    texts = [f"Barack Obama spoke in city number {i} on Monday." for i in range(6)]
    texts += ["Michelle Obama visited a school.", "Obama said the vote mattered."]
    people = _people(kgraph.build(texts))
    assert "Obama" not in people and people["Barack Obama"] == 7


def test_an_epithet_and_a_headline_never_label_a_person():
    graph = kgraph.build([
        "Black Lawmakers Rip Donald Trump\nDonald Trump spoke in Ohio on Monday. Trump said the race was close.",
        "Crooked Hillary lies, Donald Trump told a rally. Crooked Hillary must go.",
        "Hillary Clinton spoke in Iowa. Hillary Clinton said the race was close.",
        "Hillary Clinton met voters in Ohio."])
    people = _people(graph)
    assert {"Donald Trump", "Hillary Clinton"} <= set(people)
    assert not [p for p in people if "Crooked" in p or "Lawmakers Rip Donald" in p]
    assert people["Hillary Clinton"] == 5  # the epithet's two mentions with her three


def test_titles_and_descriptions_join_no_two_people():
    graph = kgraph.build(["President Barack Obama spoke in Washington. The president said the economy grew.",
                          "Hillary Clinton spoke in Ohio. The president of the club said she was right."])
    nodes = {r["label"]: r["entity"] for r in graph.query("entities") if r["type"] == "Person"}
    assert nodes["Barack Obama"] != nodes["Hillary Clinton"]
    # a description is one article's own: two articles' "the president" are not one node
    assert all(label.count("president") <= 1 for label in nodes)


def test_an_acronym_alone_joins_the_organisation_it_abbreviates():
    graph = kgraph.build(["The North Atlantic Treaty Organization met in Brussels.", "NATO said it would send troops.",
                          "The Collective Security Treaty Organization (CSTO) sent troops.", "The CSTO said they would stay."])
    organisations = _labels(graph, "Organization")
    assert organisations.count("North Atlantic Treaty Organization") == 1 and "NATO" not in organisations
    assert organisations.count("Collective Security Treaty Organization") == 1 and "CSTO" not in organisations


def test_every_iri_names_its_label():
    from kgraph.identity import node_slug

    graph = kgraph.build(["Keith Lamont Scott died in Charlotte.", "Bobby Scott spoke in Virginia.",
                          "Scott was shot by police, officials said."])
    for row in graph.query("entities"):
        if row["entity"].rsplit("/", 1)[-1].split("--")[0].rstrip("-0123456789") != node_slug(row["label"]):
            pytest.fail(f"{row['entity']} is labelled {row['label']!r}")


REPORTS = ["Protests erupted in Almaty on Monday. Qasim Jomart Tokayev said the unrest was a terrorist attack by foreign fighters.",
           "Qasim Jomart Tokayev told reporters on Monday that the unrest was a terrorist attack by foreign fighters.",
           "Kazakh President Qasim Jomart Tokayev said it was a terrorist attack by foreign fighters, AFP reported.",
           "Qasim Jomart Tokayev said the economy would recover soon.",
           "The Collective Security Treaty Organization deployed troops in Kazakhstan.",
           "The Collective Security Treaty Organization sent military equipment to Kazakhstan."]


def test_reports_of_one_statement_are_one_event_and_other_statements_stay_apart():
    graph = kgraph.build(REPORTS)
    said = graph.query("SELECT ?content ?reports ?documents WHERE { ?e a kg:Statement ; kg:content ?content ; "
                       "kg:reportCount ?reports ; kg:documentCount ?documents ; kg:speaker/rdfs:label 'Qasim Jomart Tokayev' }").rows
    attack = [r for r in said if "terrorist attack" in r["content"]]
    assert len(attack) == 1 and attack[0]["reports"] == 3 and attack[0]["documents"] == 3
    assert [r["reports"] for r in said if "economy" in r["content"]] == [1]
    # troops and equipment: two deployments, though by one agent to one place
    assert len(graph.query("who-deployed-where").rows) == 2


def test_the_shipped_statement_query_counts_reports():
    rows = kgraph.build(REPORTS).query("who-said-what-to-whom").rows
    attack = [r for r in rows if r["content"] and "terrorist attack" in r["content"] and r["speaker"] == "Qasim Jomart Tokayev"]
    assert len(attack) == 1 and (attack[0]["reports"], attack[0]["documents"]) == (3, 3)


def test_two_killings_of_one_article_that_name_no_one_stay_two():
    graph = kgraph.build(["More than 150 people were killed in protests in Kazakhstan. It is estimated that more than "
                          "150 people, including officials, were killed in violence during the protests."])
    assert len(graph.query("SELECT ?e WHERE { ?e a kg:Death }").rows) == 2


def test_a_death_told_by_two_outlets_is_one_event():
    graph = kgraph.build(["Actress Esther Williams died in Beverly Hills on Thursday, her publicist said.",
                          "Esther Williams, the swimming star, died on Thursday in Beverly Hills.",
                          "Bettie Page died in Los Angeles on Thursday."])
    deaths = graph.query("SELECT ?victim ?reports WHERE { ?e a kg:Death ; kg:reportCount ?reports ; kg:victim/rdfs:label ?victim }").rows
    assert sorted((r["victim"], r["reports"]) for r in deaths) == [("Bettie Page", 1), ("Esther Williams", 2)]


CORPUS = ["Chancellor Olaf Scholz met Emmanuel Macron in Paris on Monday.", "Macron met Scholz in Paris.",
          "Scholz said the talks went well.", "Hillary Clinton spoke in Ohio.", "Bill Clinton spoke in Iowa.",
          "Clinton said no.", *REPORTS[:3], "NATO said it would send troops.",
          "The North Atlantic Treaty Organization met in Brussels."]


def test_the_same_graph_whatever_the_order_and_the_path(tmp_path):
    from kgraph.store import Store

    documents = [document_from_text(text, f"article-{i}") for i, text in enumerate(CORPUS)]
    reference = kgraph.build(documents).rdf
    for order in (documents[::-1], documents[1::2] + documents[::2]):
        assert isomorphic(kgraph.build(order).rdf, reference)
    assert isomorphic(kgraph.build(documents, jobs=2).rdf, reference)
    graph = kgraph.KnowledgeGraph()
    for document in documents:  # one at a time
        graph.add(next(iter(kgraph.build([document])._records.values())))
    assert isomorphic(graph.rdf, reference)
    with Store(tmp_path / "store") as store:
        store.add_texts(documents[5:])
        store.add_texts(documents[:2])
    with Store(tmp_path / "store") as store:  # reopened: its records are read back
        store.add_texts(documents[2:5])
        assert isomorphic(integers_as_integer(store.to_graph()), integers_as_integer(reference))


def test_resolution_does_not_depend_on_the_order_of_its_input(read):
    extractions = [read(text) for text in CORPUS]
    first = resolve(extractions)
    for order in itertools.islice(itertools.permutations(extractions), 1, 4):
        again = resolve(list(order))
        assert again.entities == first.entities and again.events == first.events


def test_victims_known_by_descriptions_do_not_keep_one_killing_apart():
    # two outlets, one hit-and-run: "a woman" in one and "a grandmother" in the other are not
    # different people for all the articles say, so the killing is one event with two reports
    graph = kgraph.build([
        "A woman was killed by a driver outside the Sam's Club in Bloomington on Wednesday, police in Bloomington said. "
        "Bloomington police arrested Mark Olson.",
        "A grandmother was killed by a hit-and-run driver outside a store in Bloomington on Wednesday. "
        "Police in Bloomington arrested Mark Olson on Thursday.",
        "A man was killed in a crash in Houston on Friday. Houston police arrested Ted Price."])
    assert _report_counts(graph, "Death") == [1, 2]


def test_a_speaker_who_says_a_thing_twice_in_one_article_said_it_twice():
    graph = kgraph.build(["Angela Merkel said the euro zone must reform its banking rules soon. "
                          "Later Merkel said again that the euro zone must reform its banking rules."])
    statements = graph.query("SELECT ?e WHERE { ?e a kg:Statement }").rows
    assert len(statements) == 2


def test_names_of_one_country_that_share_no_words_are_one_place():
    graph = kgraph.build(["America must lead, the senator said in Ohio.", "The United States sent aid to Haiti.",
                          "Voters in Latin America went to the polls."])
    places = _labels(graph, "Place")
    assert "Latin America" in places and "America" not in places
    assert places.count("United States") == 1


def test_a_short_first_name_read_as_an_organisation_joins_the_person():
    # the recogniser may read "Mo Cheeks" as an organisation or a place in one article
    from kgraph.records import Entity, Extraction

    def article(text, etype, name):
        key = f"{etype}/{name.lower().replace(' ', '-')}"
        return Extraction(document_from_text(text), (Entity(key, etype, name, names=((name, 2),)),))

    records = [article("Maurice Cheeks was hired.", "Person", "Maurice Cheeks"),
               article("Mo Cheeks was hired by the team.", "Organization", "Mo Cheeks"),
               article("Mo Cheeks arrived.", "Place", "Mo Cheeks"),
               article("Moana Cheeks Ltd was sold.", "Organization", "Mona Cheeks")]
    resolution = resolve(records)
    nodes = {node.label: node for node in resolution.entities.values()}
    assert nodes["Maurice Cheeks"].type == "Person" and len(nodes["Maurice Cheeks"].members) == 3
    assert "Mona Cheeks" in nodes  # a misspelling across types is no evidence


def test_a_demonym_in_front_and_a_degree_behind_are_no_part_of_a_name():
    graph = kgraph.build(["Englishman Robert Buckley died on the mountain on Tuesday.",
                          "Robert Buckley, 42, was a keen climber, police said.",
                          "Dr. Regina Benjamin, MD, spoke in Alabama. Benjamin said the clinic would reopen."])
    people = _people(graph)
    assert "Robert Buckley" in people and not any("Englishman" in name for name in people)
    assert "MD" not in {r["label"] for r in graph.query("entities")}


def test_a_one_word_name_read_as_another_type_in_a_few_articles_joins_the_common_reading():
    from kgraph.records import Entity, Extraction

    def article(number, etype, name):
        return Extraction(document_from_text(f"Article {number} about {name}."),
                          (Entity(f"{etype}/{name.lower()}", etype, name, names=((name, 1),)),))

    places = [article(n, "Place", "Queens") for n in range(3)]
    nodes = resolve(places + [article(9, "Organization", "Queens")]).entities
    assert [(node.type, len(node.members)) for node in nodes.values()] == [("Place", 4)]
    # two readings of a name neither of which is far commoner stay two entities
    clubs = [article(n, "Organization", "Chelsea") for n in range(2)] + [article(n + 5, "Place", "Chelsea") for n in range(3)]
    assert len(resolve(clubs).entities) == 2


def test_a_word_read_as_a_person_alone_in_some_articles_is_the_place_most_read_it_as():
    from kgraph.records import Entity, Extraction

    def article(number, etype, name, titles=()):
        return Extraction(document_from_text(f"Article {number} about {name}."),
                          (Entity(f"{etype}/{name.lower()}", etype, name, names=((name, 1),), titles=titles),))

    places = [article(n, "Place", "Bloomington") for n in range(3)]
    nodes = resolve(places + [article(7, "Person", "Bloomington"), article(8, "Person", "Bloomington")]).entities
    assert [(node.type, len(node.members)) for node in nodes.values()] == [("Place", 5)]
    # a title says it is a person; and a person of the corpus called so by a full name stays one
    titled = resolve(places + [article(7, "Person", "Bloomington", titles=("Senator",))]).entities
    assert len(titled) == 2
    surname = resolve(places + [article(7, "Person", "Bloomington"),
                                article(8, "Person", "Anna Bloomington")]).entities
    assert sorted(node.type for node in surname.values()) == ["Person", "Place"]


def test_a_team_called_by_its_last_word_is_the_team_and_keeps_its_full_name():
    graph = kgraph.build(["The New Orleans Saints won on Sunday. The Saints scored twice.",
                          "The Saints lost at home.", "The Saints flew to Miami.",
                          "The New Orleans Saints hired a coach.", "A fifth Saints player was hurt."])
    organisations = {r["label"]: r["mentions"] for r in graph.query("entities") if r["type"] == "Organization"}
    assert organisations.get("New Orleans Saints", 0) >= 5 and "Saints" not in organisations
    # a word of a kind is no organisation's short name
    police = kgraph.build(["Police said the Metropolitan Police were there."])
    assert sorted(r["label"] for r in police.query("entities")) == ["Metropolitan Police", "Police"]


def test_an_organisation_called_by_the_word_before_of_is_that_organisation_and_keeps_its_full_name():
    graph = kgraph.build(["The Academy of Motion Picture Arts and Sciences announced the nominees on Tuesday. "
                          "The Academy said the ceremony would be held in February.",
                          "The Academy named Hugh Jackman as host."])
    assert _labels(graph, "Organization") == ["Academy of Motion Picture Arts and Sciences"]
    # two of that word: neither is clearly the one; a word of a kind names none
    two = kgraph.build(["The University of Michigan and the University of Texas met. The University said no.",
                        "The Department of Justice opened an inquiry. The Department said it would report in May."])
    assert _labels(two, "Organization") == ["Department", "Department of Justice", "University",
                                            "University of Michigan", "University of Texas"]


def test_mt_and_mount_are_one_word_in_a_place_name():
    graph = kgraph.build(["Two climbers fell on Mount Cook on Monday.", "Rescuers searched Mt Cook on Tuesday."])
    assert _labels(graph, "Place").count("Mount Cook") + _labels(graph, "Place").count("Mt Cook") == 1


def test_a_quote_two_outlets_repeat_is_one_statement_even_where_one_names_no_speaker():
    quote = "the new bridge will carry twelve thousand commuters across the harbour every morning"
    graph = kgraph.build([f'Mayor Anna Kowalski said on Monday that {quote}.',
                          f'Officials said that {quote}.',
                          'Officials said that the old ferry will stop running across the harbour in May.'])
    said = graph.query("SELECT ?e ?content ?reports WHERE { ?e a kg:Statement ; kg:content ?content ; "
                       "kg:reportCount ?reports }").rows
    bridge = [r for r in said if "bridge" in r["content"]]
    assert len(bridge) == 1 and bridge[0]["reports"] == 2
    assert len(said) == 2  # the ferry's statement shares some words only: another statement
    # one row per speaker: the outlets' two attributions of the one statement
    rows = [r for r in graph.query("who-said-what-to-whom") if "bridge" in r["content"]]
    assert sorted(r["speaker"] for r in rows) == ["Anna Kowalski", "Officials"]


def test_attacks_by_one_named_person_told_by_two_outlets_are_one_attack():
    graph = kgraph.build(["John Keller opened fire in an office building in Denver.",
                          "Police said John Keller opened fire on his former colleagues.",
                          "Insurgents attacked a convoy near Kandahar.", "Insurgents attacked a market in Herat."])
    assert _report_counts(graph, "Attack") == [1, 1, 2]


def test_an_attack_told_as_alleged_in_one_article_and_as_fact_in_another_is_one_attack_but_a_denial_is_not():
    graph = kgraph.build(["Police said John Keller allegedly opened fire in an office in Denver on Friday.",
                          "John Keller opened fire in an office in Denver on Friday.",
                          "John Keller did not open fire at the office, his lawyer said."])
    assert _report_counts(graph, "Attack") == [1, 2]


def test_an_attack_on_a_person_and_on_a_company_is_one_attack_but_on_two_people_two():
    # the target is a man in one article and the company in the other: no contradiction; two
    # men shot are two shootings, whatever else they share
    graph = kgraph.build(["John Keller shot Mark Ellis at a warehouse in Denver on Friday, police said.",
                          "John Keller attacked Brightline Foods in Denver on Friday.",
                          "John Keller shot Tom Burke in Denver on Friday."])
    assert _report_counts(graph, "Attack") == [1, 2]
    people = graph.query("SELECT ?e (COUNT(DISTINCT ?person) AS ?n) WHERE { ?e a kg:Attack ; kg:target ?person . "
                         "?person a kg:Person } GROUP BY ?e").rows
    assert all(r["n"] == 1 for r in people)


def test_an_attack_on_a_target_known_by_a_description_is_one_attack_in_one_place():
    # "a police checkpoint" is each article's own, so the place is what the reports share; the
    # articles name nothing else in common, and the attack in Homs is another
    graph = kgraph.build(["On Sunday gunmen attacked a police checkpoint outside the town in Aleppo. Interior Minister "
                          "Ousmane Traore condemned the violence in a speech to the National Assembly in Damascus.",
                          "In Aleppo, rebels attacked a police checkpoint on Sunday, Reuters reported. The United Nations "
                          "mission in Syria sent a team from Beirut to help.",
                          "In Homs, gunmen attacked a police checkpoint on Sunday."])
    assert _report_counts(graph, "Attack") == [1, 2]


def test_two_reports_of_one_article_are_one_attack_through_a_report_of_another_but_not_an_attack_told_again():
    # "stormed" and "attacked" by the same gunmen on the same checkpoint, and a second outlet's
    # report that agrees with both: one attack; "attacked the checkpoint again" is another
    one = kgraph.build(["Gunmen stormed a police checkpoint in Aleppo on Sunday. Witnesses said the gunmen attacked "
                        "the police checkpoint with grenades.",
                        "In Aleppo, rebels attacked a police checkpoint on Sunday."])
    attacks = one.query("SELECT ?e ?reports ?documents WHERE { ?e a kg:Attack ; kg:reportCount ?reports ; "
                        "kg:documentCount ?documents }").rows
    assert [(r["reports"], r["documents"]) for r in attacks] == [(3, 2)]
    again = kgraph.build(["In Homs, gunmen attacked a police checkpoint on Sunday. Hours later they attacked the "
                          "checkpoint again.",
                          "In Homs, gunmen attacked a police checkpoint on Sunday, officials said."])
    assert _report_counts(again, "Attack") == [1, 2]


def test_a_meeting_two_articles_of_one_story_tell_is_one_meeting_and_another_meeting_is_not():
    # the one participant both name is the pope; the others are descriptions ("refugees",
    # "families"), which never differ across articles; the meeting in Berlin is another story
    graph = kgraph.build(["Pope Francis met refugees in a camp near Athens on Saturday. Greek officials in Athens welcomed the visit.",
                          "In a camp near Athens, Pope Francis met with families of refugees on Saturday, Greek officials said.",
                          "Pope Francis met Angela Merkel in Berlin on Saturday."])
    assert _report_counts(graph, "Contact") == [1, 2]


def _records(*articles: tuple[str, str, tuple[tuple[str, int], ...]]):
    """One extraction per (type, key name, names) triple: an entity record as an article gives it."""
    from kgraph.records import Entity, Extraction

    return [Extraction(document_from_text(f"Article {number} about {names[0][0]}."),
                       (Entity(f"{etype}/{key}", etype, names[0][0], names=names),))
            for number, (etype, key, names) in enumerate(articles)]


def test_one_name_read_as_a_place_in_some_articles_and_an_organisation_in_others_is_one_entity():
    nodes = resolve(_records(("Place", "white-house", (("White House", 2),)),
                             ("Organization", "white-house", (("White House", 1),)),
                             ("Organization", "tmz", (("TMZ", 1),)), ("Person", "tmz", (("TMZ", 2),)))).entities
    assert sorted(len(node.members) for node in nodes.values()) == [2, 2]


def test_a_place_name_whose_first_word_starts_no_name_is_no_epithet():
    # "Crooked Hillary" is an epithet and a first name; "Bandar Abbas", read as a place elsewhere
    # and beside one "Abbas Jazayeri", is a name of its own
    nodes = resolve(_records(("Place", "bandar-abbas", (("Bandar Abbas", 1),)),
                             ("Person", "bandar-abbas", (("Bandar Abbas", 3),)),
                             ("Person", "abbas-jazayeri", (("Abbas Jazayeri", 1),)))).entities
    assert sorted(node.label for node in nodes.values()) == ["Abbas Jazayeri", "Bandar Abbas"]


def test_a_plural_a_hyphen_and_a_british_spelling_do_not_split_an_organisation():
    nodes = resolve(_records(("Organization", "a", (("Academy of Motion Picture Arts and Sciences", 1),)),
                             ("Organization", "b", (("Academy of Motion Pictures Arts and Sciences", 1), ("AMPAS", 1))),
                             ("Organization", "c", (("Promises Treatment Center", 2),)),
                             ("Organization", "d", (("Promises Treatment Centre", 1),)),
                             ("Place", "e", (("SAP Arena", 1),)), ("Place", "f", (("SAP-Arena", 1),)))).entities
    assert sorted(len(node.members) for node in nodes.values()) == [2, 2, 2]
    # two editions of one ceremony stay two
    editions = resolve(_records(("Organization", "a", (("2012 Summer Olympics", 1),)),
                                ("Organization", "b", (("2016 Summer Olympics", 1),)))).entities
    assert len(editions) == 2


def test_a_headline_name_the_body_gives_whole_is_that_entity_and_not_a_word_of_it():
    # "Academy Awards" in a headline is the Academy Awards, not the Academy whose name is its first word
    nodes = resolve(_records(("Organization", "academy-awards", (("Academy Awards", 0),)),
                             ("Organization", "academy-awards", (("Academy Awards", 2),)),
                             ("Organization", "academy", (("Academy", 3),)))).entities
    assert sorted((node.label, len(node.members)) for node in nodes.values()) == [("Academy", 1), ("Academy Awards", 2)]


def test_a_size_or_an_age_in_front_and_an_officers_rank_are_no_part_of_a_name():
    graph = kgraph.build(["The 6,000-member Academy voted on Monday. The Academy said the show would go on.",
                          "The Academy announced the nominees.",
                          "Officer Jerry Ortiz was shot on Sunday.", "Officer Ortiz was a veteran of the force.",
                          "Coroner Gary Hargrove said the death was natural.", "Gary Hargrove spoke on Friday."])
    labels = {r["label"] for r in graph.query("entities")}
    assert {"Academy", "Jerry Ortiz", "Gary Hargrove"} <= labels
    assert not {"6,000-member Academy", "Officer Ortiz", "Coroner Gary Hargrove"} & labels


def test_one_statement_retold_in_other_inflections_is_one_statement():
    # "will host the talks on climate funding" and "is hosting talks about climate funds": the
    # same words but for their endings
    graph = kgraph.build(["Angela Merkel said Germany will host the talks on climate funding in Bonn.",
                          "Merkel said on Tuesday that Germany is hosting a talk about climate funds.",
                          "Merkel said Germany will reform its pension rules."])
    said = graph.query("SELECT ?content ?reports WHERE { ?e a kg:Statement ; kg:content ?content ; "
                       "kg:reportCount ?reports }").rows
    assert sorted(r["reports"] for r in said) == [1, 2]
    assert [r["reports"] for r in said if "pension" in r["content"]] == [1]


def test_police_quoted_by_two_outlets_of_one_story_are_one_statement_and_other_police_are_not():
    # no name for the speaker on either side: "police" is one speaker within one story (the
    # two articles name the same suspect and town), not across stories
    graph = kgraph.build([
        "Police said the gunman fired at least twenty shots in the food court before he fled on foot. "
        "The suspect, Daniel Mertz, was arrested in Lakewood on Sunday.",
        "The attacker fired twenty shots at shoppers in the food court, police said. "
        "Daniel Mertz was arrested in Lakewood on Sunday, hours after the shooting.",
        "Police said a gunman fired twenty shots in the food court of a mall in Porto. "
        "Officers searched the streets of Porto all night."])
    said = graph.query("SELECT ?content ?reports WHERE { ?e a kg:Statement ; kg:content ?content ; "
                       "kg:reportCount ?reports }").rows
    assert sorted(r["reports"] for r in said) == [1, 2]
    assert [r["reports"] for r in said if "Porto" in r["content"]] == [1]



def test_a_word_that_opens_one_full_name_but_names_a_team_in_more_articles_is_the_team():
    # "Hawks Dylan Marsh" (a team glued to a player's name in one article) does not make the
    # "Hawks" of two other articles, read there as a person, that player
    nodes = resolve(_records(("Person", "hawks-dylan-marsh", (("Hawks Dylan Marsh", 1),)),
                             ("Organization", "riverton-hawks", (("Riverton Hawks", 1), ("Hawks", 3))),
                             ("Organization", "hawks", (("Hawks", 2),)),
                             ("Person", "hawks", (("Hawks", 2),)), ("Person", "hawks", (("Hawks", 1),)))).entities
    groups = sorted(sorted(m[1] for m in node.members) for node in nodes.values())
    assert ["Person/hawks-dylan-marsh"] in groups
    assert ["Organization/hawks", "Organization/riverton-hawks", "Person/hawks", "Person/hawks"] in groups


def test_a_name_written_as_one_word_or_two_is_one_organisation():
    nodes = resolve(_records(("Organization", "portland-trail-blazers", (("Portland Trail Blazers", 1),)),
                             ("Organization", "portland-trailblazers", (("Portland Trailblazers", 2),)),
                             ("Organization", "portland-trail", (("Portland Trail", 1),)))).entities
    assert sorted(len(node.members) for node in nodes.values()) == [1, 2]


def test_two_reports_of_one_article_with_one_count_are_one_death_through_a_report_of_another():
    # "three people died" and "killed three bank workers": no word and no one named in common
    # but the count, and a second outlet's report agrees with both
    graph = kgraph.build([
        "Three people died in a fire at a bank in Patras on Wednesday during a general strike. "
        "The prime minister condemned those who killed three bank workers.",
        "Three bank employees died in Patras on Wednesday when rioters set fire to their bank during the strike."])
    assert _report_counts(graph, "Death") == [3]


def test_a_nickname_in_brackets_is_no_part_of_the_name_and_with_the_surname_is_another_name():
    # "Luis Gerardo (Jerry) Ortiz": the recogniser stops at the bracket; the man is Luis
    # Gerardo Ortiz, whom another article calls Jerry Ortiz. "(D)" is a party, no nickname
    alone = kgraph.build(["Deputy Luis Gerardo (Jerry) Ortiz was shot on Friday. Ortiz, 35, died at the hospital."])
    assert _people(alone) == {"Luis Gerardo Ortiz": 2}
    both = kgraph.build(["Deputy Luis Gerardo (Jerry) Ortiz was shot on Friday. Ortiz, 35, died at the hospital.",
                         "Jerry Ortiz had been a deputy for ten years, his sister said."])
    # one man: Luis Gerardo Ortiz, Ortiz, Jerry Ortiz and "his"
    assert [count for label, count in _people(both).items() if "Ortiz" in label] == [4]


def test_a_shooting_told_in_other_words_by_one_article_is_one_attack_with_another_articles_report():
    # "shot" and "opened fire" name one shooting; "the gunman" of the article may be the man it
    # names, once another article's report agrees with both of its reports
    graph = kgraph.build([
        "Eric Kirkland shot a man at an office party in Vancouver on Friday. Witnesses said the gunman opened fire without warning.",
        "Eric Kirkland opened fire at an office party in Vancouver on Friday night, police said."])
    assert _report_counts(graph, "Attack") == [3]


def test_a_surname_read_as_an_organisation_in_one_article_is_the_person_of_another():
    # the recogniser reads the "Lohan" of the second article as a company; no other article
    # names a company so
    graph = kgraph.build(["Lindsay Lohan checked into the Betty Ford Center in Rancho Mirage on Friday.",
                          "Lohan arrived at the Betty Ford Centre on Friday, her lawyer said."])
    assert _people(graph)["Lindsay Lohan"] == 2
    assert "Lohan" not in _labels(graph, "Organization")


def test_a_sea_named_by_an_adjective_is_one_place_with_or_without_sea():
    graph = kgraph.build(["Rescuers searched the Mediterranean Sea for the missing boat.",
                          "The boat sank in the Mediterranean, officials said.",
                          "A ferry crossed the Java Sea. Floods hit Java on Monday."])
    places = _labels(graph, "Place")
    assert [p for p in places if p.startswith("Mediterranean")] == ["Mediterranean Sea"]
    # the Java Sea is no name of Java (whatever type the recogniser gives the island)
    assert sorted(r["label"] for r in graph.query("entities") if r["label"].startswith("Java")) == ["Java", "Java Sea"]


def test_an_acronym_is_no_surname():
    graph = kgraph.build(["North Korean leader Kim Jong Un ordered the test. The U.N. called an emergency meeting."])
    assert "Kim Jong Un" in _people(graph) and _people(graph)["Kim Jong Un"] == 1
    assert [r["speaker"] for r in graph.query("who-said-what-to-whom")] == ["U.N."]


def test_a_killing_by_one_named_person_is_one_death_where_the_tolls_agree():
    # one article counts the victim ("one man"), the other names him: the killer named in both,
    # and one death told by each; a toll of two is another killing
    one = kgraph.build(["Police said Eric Kirkland killed one man on Friday after an argument.",
                        "Eric Kirkland killed Benjamin Marsh, his former boss, on Friday."])
    assert _report_counts(one, "Death") == [2]
    two = kgraph.build(["Police said Eric Kirkland killed two men on Friday after an argument.",
                        "Eric Kirkland killed Benjamin Marsh, his former boss, on Friday."])
    assert _report_counts(two, "Death") == [1, 1]


def test_a_day_told_relative_to_two_articles_dates_may_be_a_few_days_apart_but_two_written_dates_not():
    # "on Saturday night" in an article of Monday is the 9th; "today", quoted in an article of the
    # 11th, is the 11th: each outlet dates the death from its own day, and it is one death
    relative = kgraph.build([
        "Teen killed\nMarch 11, 2013\nPolice said two officers shot and killed Kimani Gray on Saturday night in Brooklyn.",
        "Vigil held\nMarch 11, 2013\n\"They killed Kimani Gray today,\" his sister told reporters in Brooklyn."])
    assert _report_counts(relative, "Death") == [2]
    written = kgraph.build([
        "Teen killed\nMarch 12, 2013\nPolice said two officers shot and killed Kimani Gray on March 2 in Brooklyn.",
        "Vigil held\nMarch 12, 2013\nPolice said officers killed Kimani Gray on March 9 in Brooklyn."])
    assert _report_counts(written, "Death") == [1, 1]


def test_police_cops_and_investigators_of_one_story_are_one_speaker():
    # two outlets of one story (the same victim and street named) give the police's account in
    # their own words and under their own word for the police
    graph = kgraph.build([
        "The driver struck Raj Chohan on 117th Street in Richmond Hill and fled the scene, cops said. "
        "Raj Chohan, 59, died at Jamaica Hospital.",
        "Raj Chohan was killed in Richmond Hill on Friday. Investigators said a driver hit Chohan "
        "on 117th Street."])
    said = graph.query("SELECT ?reports WHERE { ?e a kg:Statement ; kg:reportCount ?reports }").rows
    assert [r["reports"] for r in said] == [2]


def test_a_short_name_many_more_articles_give_alone_is_not_the_one_organisation_a_place_qualifies():
    # one article names the New York Mafia and calls it "the Mafia"; four articles on Sicily
    # speak of the Mafia alone: that is not the New York one. The Colts of three articles are
    # the Indianapolis Colts two others name in full.
    mafia = kgraph.build(["The New York Mafia lost its boss on Monday. The Mafia has five families in New York.",
                          *[f"Police in Palermo arrested {n} Mafia bosses on Monday. The Mafia is weaker in Sicily."
                            for n in ("two", "three", "four", "five")]])
    assert {"Mafia", "New York Mafia"} <= set(_labels(mafia, "Organization"))
    colts = kgraph.build(["The Indianapolis Colts beat the Texans. The Colts scored twice.",
                          "The Indianapolis Colts signed a guard on Monday.",
                          *[f"The Colts won {n} games in a row." for n in ("two", "three", "four")]])
    assert [label for label in _labels(colts, "Organization") if "Colts" in label] == ["Indianapolis Colts"]


def test_an_island_is_one_place_with_or_without_island_before_or_after_its_name():
    # the recogniser reads only "Island" of "the Island of Qeshm"
    graph = kgraph.build(["An earthquake struck Qeshm on Sunday.", "The tourist Island of Qeshm was hit hard.",
                          "Damage on Qeshm Island was heavy.", "Ferries left Long Island and Rhode Island."])
    places = _labels(graph, "Place")
    assert [p for p in places if "Qeshm" in p] == ["Island of Qeshm"]
    assert {"Long Island", "Rhode Island"} <= set(places) and "Island" not in places


def test_a_place_of_care_called_center_clinic_or_treatment_center_by_turns_is_one_organisation():
    graph = kgraph.build(["Lindsay Lohan checked into the Betty Ford Center on Friday.",
                          "Lohan arrived at the Betty Ford Clinic in Rancho Mirage.",
                          "She left the Betty Ford Treatment Center after a month.",
                          "The Kennedy Center and the Kennedy Clinic are in two cities."])
    organisations = _labels(graph, "Organization")
    assert len([o for o in organisations if "Betty Ford" in o]) == 1
    # a name of one word beside the kind of place is too little to tell one place from another
    assert {"Kennedy Center", "Kennedy Clinic"} <= set(organisations)


def test_a_killing_threatened_or_tried_is_not_the_killing_and_a_charge_in_a_death_is_the_death():
    graph = kgraph.build([
        "Gang members shot and killed Zurana Horton in Brooklyn on Friday.",
        "A witness said Lopez had threatened to kill Zurana Horton in Brooklyn.",
        "Andrew Lopez was charged with murder in the death of Zurana Horton in Brooklyn."])
    deaths = graph.query("SELECT ?e ?reports ?f WHERE { ?e a kg:Death ; kg:reportCount ?reports "
                         "OPTIONAL { ?e kg:factuality ?f } }").rows
    # the killing told twice (the charge's "murder" and "death" are one report of it each) and
    # the threat apart
    assert sorted((r["reports"], r["f"] or "") for r in deaths) == [(1, "intended"), (3, "")]


def test_names_of_one_organisation_that_share_no_words_are_one_organisation():
    graph = kgraph.build(["The GOP nominated its candidate on Monday.",
                          "The Republican Party met in Cleveland.",
                          "The Fed raised rates. The Federal Reserve said inflation was high.",
                          "The Democratic Party met in Philadelphia."])
    organisations = _labels(graph, "Organization")
    assert len({"GOP", "Republican Party"} & set(organisations)) == 1
    assert len({"Fed", "Federal Reserve"} & set(organisations)) == 1
    assert "Democratic Party" in organisations


def test_an_office_an_article_names_no_holder_of_is_the_one_person_other_articles_give_that_office():
    graph = kgraph.build([
        "President-elect Barack Obama named his health team on Monday.",
        "Russian President Vladimir Putin met the envoy. President Emmanuel Macron spoke later.",
        "The US President-elect has asked Dr Sanjay Gupta to be surgeon general.",
        "The Russian President said the talks went well.",
        "The French Foreign Minister said the talks went well."])
    people = _people(graph)
    # the office of the third article is Obama's, the fourth's Putin's; no one holds the fifth's
    assert people["Barack Obama"] == 3 and people["Vladimir Putin"] == 2  # ("his" is one of Obama's)
    assert not {p for p in people if "President" in p}
    assert "French Foreign Minister" in people
