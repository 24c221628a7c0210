"""Entities: one node per real-world entity, titles as data, coreference only where it is clear."""
from __future__ import annotations

from conftest import roles_by_label


def _people(extraction):
    return {e.label: e for e in extraction.entities if e.type == "Person" and e.named}


def test_title_is_split_from_the_name(read):
    extraction = read("Foreign Minister Annalena Baerbock arrived in Kyiv. Baerbock said the war must end.")
    people = _people(extraction)
    assert list(people) == ["Annalena Baerbock"]
    assert people["Annalena Baerbock"].titles == ("Foreign Minister",)
    assert "Foreign Minister Annalena Baerbock" in people["Annalena Baerbock"].aliases


def test_a_quoted_nickname_is_no_part_of_the_name(read):
    # the name is the first name and the surname, whichever quotation marks the outlet uses;
    # the brother of the same surname stays another person
    extraction = read('Mob boss Vincent "The Chin" Gigante died on Monday. His brother, Louis Gigante, '
                      "is a priest. Earvin 'Magic' Johnson sent flowers.")
    people = _people(extraction)
    assert sorted(people) == ["Earvin Johnson", "Louis Gigante", "Vincent Gigante"]
    assert people["Vincent Gigante"].mentions[0].text == 'Mob boss Vincent "The Chin" Gigante'


def test_a_word_in_lower_case_is_no_part_of_a_name_but_a_particle_is(read):
    # the parser tags "godfather" a proper noun here; "the" opens a nickname in lower case
    extraction = read('US mafia godfather Gigante dies\nOne of the most famous mafia godfathers, Vincent "the Chin" '
                      "Gigante, died on Monday. Ludwig van Beethoven was played at the funeral.")
    people = _people(extraction)
    assert sorted(people) == ["Ludwig van Beethoven", "Vincent Gigante"]
    assert not any("godfather" in name for name, _ in people["Vincent Gigante"].names)


def test_surname_and_misspelling_merge_into_the_fullest_name(read):
    extraction = read("President Volodymyr Zelenskyy visited Washington. Zelensky met senators. "
                      "Later Volodymyr Zelensky said aid was vital. Zelenskyy thanked Congress.")
    people = [e for e in extraction.entities if e.type == "Person" and e.named]
    assert len(people) == 1
    assert people[0].label in {"Volodymyr Zelensky", "Volodymyr Zelenskyy"}


def test_different_first_names_stay_apart(read):
    extraction = read("Hillary Clinton spoke in Ohio. Bill Clinton spoke in Iowa.")
    assert sorted(_people(extraction)) == ["Bill Clinton", "Hillary Clinton"]


def test_a_relative_with_the_surname_is_not_merged_into_the_person(read):
    extraction = read("Donald Trump spoke in Ohio on Monday. Trump said the deal was bad. "
                      "Melania Trump joined him later. Trump left on Tuesday.")
    people = _people(extraction)
    assert sorted(people) == ["Donald Trump", "Melania Trump"]
    assert not any("Melania" in alias for alias in people["Donald Trump"].aliases)
    # the surname alone stays with the person already called by it, even after the relative
    last = extraction.document.text.rindex("Trump left")
    assert any(m.begin == last for m in people["Donald Trump"].mentions)
    # an object pronoun is never its own clause's subject: "Melania Trump joined him"
    assert "him" in {m.text for m in people["Donald Trump"].mentions}
    assert "him" not in {m.text for m in people["Melania Trump"].mentions}


def test_titles_that_state_a_gender_keep_two_people_of_one_name_apart(read):
    import kgraph

    extraction = read("Mr. Trump spoke in Ohio. Mrs. Trump said she was proud of him.")
    people = {e.key: e for e in extraction.entities if e.type == "Person"}
    assert len(people) == 2
    mentions = {key: {m.text for m in e.mentions} for key, e in people.items()}
    assert {"Mr. Trump", "him"} in mentions.values() and {"Mrs. Trump", "she"} in mentions.values()
    # and across documents: "Mrs. Trump" of a later article is not the Trump called "Mr."
    graph = kgraph.build(["Mr. Trump spoke in Ohio. Mrs. Trump said she was proud of him.",
                          "Mrs. Trump visited Paris. Mr. Trump stayed home."])
    assert sorted(r["mentions"] for r in graph.query("entities") if r["type"] == "Person") == [3, 3]


def test_a_pronoun_of_one_gender_passes_over_a_person_titled_with_the_other(read):
    extraction = read("Mrs. Warren met Mr. Obama. He said she was right.")
    people = {e.label: {m.text for m in e.mentions} for e in extraction.entities if e.type == "Person"}
    assert people == {"Warren": {"Mrs. Warren", "she"}, "Obama": {"Mr. Obama", "He"}}


def test_a_title_is_the_run_of_words_next_to_the_name(read):
    extraction = read("More than 4 in 10 voters said billionaire Donald Trump would win. "
                      "Former U.S. Secretary of State Hillary Clinton disagreed.")
    people = _people(extraction)
    assert people["Donald Trump"].titles == ("billionaire",)
    assert people["Hillary Clinton"].titles == ("Former U.S. Secretary of State",)
    # a plural is no one person's title, and a headline's verb often reads as one
    extraction = read("The front-runners Donald Trump and Ted Cruz spoke in Iowa on Monday.")
    assert all(not e.titles for e in extraction.entities if e.type == "Person")


def test_acronym_and_expansion_are_one_organisation(read):
    extraction = read("NATO met in Brussels. The North Atlantic Treaty Organization (NATO) said it would act.")
    orgs = [e for e in extraction.entities if e.type == "Organization"]
    assert [o.label for o in orgs] == ["North Atlantic Treaty Organization"]
    assert "NATO" in orgs[0].aliases


def test_pronoun_refers_back_to_the_person(read):
    extraction = read("Angela Merkel arrived in Paris on Monday. She told reporters that Europe was united.")
    statement = next(e for e in extraction.events if e.cls == "Statement")
    assert roles_by_label(extraction, statement)["speaker"] == ["Angela Merkel"]


def test_possessive_pronoun_prefers_its_clause_subject(read):
    extraction = read("Sergei Lavrov discussed the war with his counterpart Wang Yi and assured him of his support.")
    statement = next(e for e in extraction.events if e.cls == "Statement")
    assert roles_by_label(extraction, statement)["speaker"] == ["Sergei Lavrov"]


def test_title_description_is_linked_by_its_qualifier(read):
    extraction = read("Russian President Vladimir Putin spoke with French President Emmanuel Macron. "
                      "The French president told the Russian president that talks must go on.")
    statement = next(e for e in extraction.events if e.cls == "Statement")
    roles = roles_by_label(extraction, statement)
    assert roles["speaker"] == ["Emmanuel Macron"]
    assert roles["addressee"] == ["Vladimir Putin"]


def test_ambiguous_description_stays_unlinked(read):
    extraction = read("President Joe Biden met President Xi Jinping. The president said trade was discussed.")
    statement = next(e for e in extraction.events if e.cls == "Statement")
    assert "speaker" not in roles_by_label(extraction, statement)


def test_the_country_is_the_place_the_article_is_about(read):
    extraction = read("Floods hit Pakistan. Pakistan asked for aid. Protests erupted in the country.")
    protest = next(e for e in extraction.events if e.cls == "Protest")
    assert roles_by_label(extraction, protest)["place"] == ["Pakistan"]


def test_place_kind_noun_makes_its_name_a_place(read):
    extraction = read("Thousands took to the streets in the western province of Mangystau.")
    places = {e.label for e in extraction.entities if e.type == "Place"}
    assert "Mangystau" in places


def test_demonym_is_no_entity_of_its_own(read):
    extraction = read("The Kazakh government blamed foreign powers.")
    labels = {e.label for e in extraction.entities}
    assert "Kazakh" not in labels
    assert "Kazakh government" in labels


def test_a_place_that_qualifies_a_noun_is_an_entity_and_an_office_alone_is_none(read):
    extraction = read("A Perth doctor died in a fall. Dr. Regina Benjamin was named U.S. Surgeon General on Tuesday.")
    entities = {e.label: e for e in extraction.entities}
    assert entities["Perth"].type == "Place" and [m.text for m in entities["Perth"].mentions] == ["Perth"]
    assert "U.S. Surgeon General" not in entities and "Regina Benjamin" in entities


def test_a_name_that_opens_a_title_is_the_affiliation_and_a_nationality_is_none(read):
    extraction = read("Clinton aide Huma Abedin left. Texas Gov. Rick Perry spoke. "
                      "Kazakh President Qasim Jomart Tokayev spoke in Kazakhstan.")
    entities = {e.label: e for e in extraction.entities}
    assert [m.text for m in entities["Texas"].mentions] == ["Texas"] and entities["Texas"].type == "Place"
    assert [m.text for m in entities["Clinton"].mentions] == ["Clinton"]
    assert "Gov. Rick Perry" in entities["Rick Perry"].mentions[0].text  # the person keeps the title
    assert "Kazakh" not in entities


def test_a_town_in_front_of_a_woman_or_a_man_is_a_place(read):
    extraction = read("A 66-year-old Burnsville woman was killed on Wednesday.")
    assert [(e.type, e.label) for e in extraction.entities if e.named] == [("Place", "Burnsville")]
    death = next(e for e in extraction.events if e.cls == "Death")
    assert not any(role.entity == "Place/burnsville" for role in death.roles if role.name == "victim")


def test_an_office_in_a_role_is_a_person_it_describes_not_a_name(read):
    extraction = read("Mindful of the US health care system, the US President-elect has asked Dr Sanjay Gupta to serve.")
    labels = {e.label: e.type for e in extraction.entities}
    assert labels.get("US") == "Place" and "Sanjay Gupta" in labels
    # the office is no name: a person described by it, whom other articles may name
    assert not any("elect" in e.label.lower() for e in extraction.entities if e.named)
    office = next(e for e in extraction.entities if e.label == "US President-elect")
    assert office.type == "Person" and not office.named


def test_a_name_that_begins_with_mount_is_a_place_whatever_the_recogniser_says(read):
    extraction = read("Rescuers reached Mt Sefton Bivvy on Sunday.")
    assert [(e.type, e.label) for e in extraction.entities] == [("Place", "Mt Sefton Bivvy")]


def test_mentions_point_into_the_text(read):
    text = "Angela Merkel arrived in Paris. Merkel left on Friday."
    extraction = read(text)
    merkel = next(e for e in extraction.entities if e.label == "Angela Merkel")
    assert [text[m.begin:m.end] for m in merkel.mentions] == ["Angela Merkel", "Merkel"]


def test_the_two_ministers_are_the_two_who_met(read):
    extraction = read("Sergei Lavrov discussed the situation with his Chinese counterpart Wang Yi. "
                      "The two ministers expressed concern over the crisis.")
    statement = next(e for e in extraction.events if e.cls == "Statement")
    assert sorted(roles_by_label(extraction, statement)["speaker"]) == ["Sergei Lavrov", "Wang Yi"]


def test_a_full_name_outweighs_a_surname_taken_for_a_place(read):
    extraction = read("German Chancellor Olaf Scholz spoke with Vladimir Putin. Scholz urged Putin to withdraw. "
                      "Scholz had informed Kyiv. Scholz said more talks would follow.")
    scholz = [e for e in extraction.entities if "Scholz" in e.label]
    assert [(e.type, e.label) for e in scholz] == [("Person", "Olaf Scholz")]


def test_every_use_of_a_name_the_article_gives_is_a_mention(read):
    # a Title Case headline and sentences the recogniser may read without a name: each exact
    # use of a name the article gives elsewhere is a mention of that entity
    text = ("Sixers Hire Maurice Cheeks as Head Coach\n"
            "The Philadelphia team named Maurice Cheeks its coach on Tuesday. "
            "Maurice Cheeks is running the show again. Fans cheered when Maurice Cheeks spoke.")
    extraction = read(text)
    owners = [e for e in extraction.entities if any(text[m.begin:m.end] == "Maurice Cheeks" for m in e.mentions)]
    assert len(owners) == 1
    spans = {(m.begin, m.end) for m in owners[0].mentions}
    start = -1
    while (start := text.find("Maurice Cheeks", start + 1)) >= 0:
        assert (start, start + len("Maurice Cheeks")) in spans


def test_an_indefinite_description_refers_back_to_nobody(read):
    extraction = read("Major General Ivan Petrov died near the city on Friday. "
                      "In 2017 a lieutenant general was killed in the same province.")
    petrov = next(e for e in extraction.entities if e.label == "Ivan Petrov")
    assert all("lieutenant" not in m.text for m in petrov.mentions)


def test_a_word_after_miss_that_the_article_drops_belongs_to_the_title(read):
    # "Miss Universe" is a title of two words: the recogniser reads "Universe Sofia Ramirez" as her name
    extraction = read("Trump has mocked former Miss Universe Sofia Ramirez for years. "
                      "Sofia Ramirez said the remarks were cruel. Sofia Ramirez thanked her fans.")
    labels = [e.label for e in extraction.entities if "Ramirez" in e.label]
    assert labels == ["Sofia Ramirez"]


def test_a_name_after_mr_keeps_its_middle_name(read):
    # the rule drops a first word only when the article uses the rest as the name
    extraction = read("Mr. Walter Henry Brandt arrived on Monday. Walter Brandt said the plant would close.")
    assert [e.label for e in extraction.entities if "Brandt" in e.label] == ["Walter Henry Brandt"]


def test_an_apposition_that_says_company_makes_an_organisation_and_its_first_word_its_short_name(read):
    extraction = read("The mine belonged to Harmon Coal, one of the largest coal companies in the state. "
                      "Harmon closed it in May. Harmon said the seams were exhausted. "
                      "Workers said Harmon owed them wages.")
    harmon = [e for e in extraction.entities if "Harmon" in e.label]
    assert [(e.type, e.label) for e in harmon] == [("Organization", "Harmon Coal")]
    assert len(harmon[0].mentions) >= 4


def test_a_headline_that_glues_two_names_gives_a_mention_to_each(read):
    # "Carter Overrules Dalton" is one PERSON to the recogniser: the body names both men
    text = ("Carter Overrules Dalton on Harbour Dredging Plan\n"
            "Governor Mark Carter on Friday overruled a plan drawn up by Senator Paul Dalton. "
            "Carter said the dredging would harm the bay. Dalton said he would appeal.")
    extraction = read(text)
    labels = sorted(e.label for e in extraction.entities if e.type == "Person")
    assert labels == ["Mark Carter", "Paul Dalton"]
    headline = text.index("\n")
    headline_mentions = sorted(text[m.begin:m.end] for e in extraction.entities for m in e.mentions if m.end <= headline)
    assert headline_mentions == ["Carter", "Dalton"]


def test_a_first_line_that_only_dates_the_article_comes_before_its_headline(read):
    # the headline after the date is still a headline: the words it glues onto a name are no
    # one's name ("Female Worker Dana Pruitt Kills")
    text = ("9/10/2010 @ 1:19PM\n"
            "Female Worker Dana Pruitt Kills Two In Warehouse Shooting\n"
            "Police said the shooting happened late on Thursday. "
            "The woman, identified as Dana Pruitt, was not hurt. She had called 911 before she fired.")
    people = [(e.type, e.label) for e in read(text).entities if "Pruitt" in e.label]
    assert people == [("Person", "Dana Pruitt")]


def test_a_place_that_names_a_team_is_part_of_the_team_name(read):
    # "the Denver 49ers" is a team whether or not the recogniser sees a name in it; "Denver" alone
    # and "Denver police" stay the city
    extraction = read("Fans in Denver were angry on Sunday. The Denver 49ers fired their coach, "
                      "and Denver police closed the stadium road. Rick Holm now coaches the Denver 49ers.")
    kinds = sorted((e.type, e.label) for e in extraction.entities if "Denver" in e.label)
    assert kinds == [("Organization", "Denver 49ers"), ("Place", "Denver")]


def test_a_surname_alone_is_the_surname_of_a_name_with_a_suffix(read):
    extraction = read("W. Mark Felt Sr., the FBI official known as Deep Throat, died on Thursday. Felt was 95.")
    felt = [e for e in extraction.entities if e.type == "Person" and "Felt" in e.label]
    assert len(felt) == 1 and len(felt[0].mentions) == 2


def test_an_institution_named_after_a_person_is_an_organisation(read):
    # (the recogniser reads this "Betty Ford Center" as a person's name)
    extraction = read("Lindsay Lohan checked into California's Betty Ford Center rehab facility late Thursday, "
                      "sources said. Former first lady Betty Ford founded it.")
    types = {e.label: e.type for e in extraction.entities if e.named}
    assert types["Betty Ford Center"] == "Organization" and types["Betty Ford"] == "Person"


def test_a_surname_that_is_a_title_word_ends_the_name_but_the_title_stays_a_title(read):
    extraction = read("General Manager Billy King announced the move. King said the team would go on.")
    assert [(e.label, len(e.mentions)) for e in extraction.entities if e.named] == [("Billy King", 2)]
    extraction = read("Martin Luther King gave a speech. The King of Jordan spoke on Monday.")
    king = next(e for e in extraction.entities if e.label == "Martin Luther King")
    assert [m.text for m in king.mentions] == ["Martin Luther King"]


def test_a_business_named_with_a_possessive_keeps_it(read):
    # the recogniser reads "Sam" as a person and leaves "'s Club" out
    extraction = read("A woman was struck outside a Sam's Club store in Bloomington on Friday. "
                      "He was taken to St. Mary's Hospital. Trump's campaign said it was saddened.")
    names = {e.label: e.type for e in extraction.entities if e.named}
    assert names["Sam's Club"] == "Organization" and "Sam" not in names
    assert "St. Mary's Hospital" in names and "Trump" in names


def test_a_name_that_qualifies_an_administration_is_the_organisations_mention(read):
    extraction = read("Barack Obama spoke on Monday. The Obama administration said it would act. Obama left.")
    mentions = {e.label: [m.text for m in e.mentions] for e in extraction.entities}
    assert mentions["Barack Obama"] == ["Barack Obama", "Obama"]
    assert mentions["Obama administration"] == ["Obama administration"]


def test_a_word_without_a_capital_is_no_name_in_a_text_written_in_both_cases(read):
    # the recogniser reads the verb "die" as a person here
    text = ("An Australian climber who survived two nights stuck on Mount Cook after seeing his brother die "
            "narrowly escaped being buried alive.")
    assert [e.label for e in read(text).entities if e.named] == ["Mount Cook"]


def test_a_possessive_in_a_passive_clause_is_its_subjects(read):
    # "his" is O'Brien's, not the announcer's
    extraction = read("General Manager Billy King announced today that Jim O'Brien has been relieved of his duties.")
    mentions = {e.label: [m.text for m in e.mentions] for e in extraction.entities}
    assert mentions["Jim O'Brien"] == ["Jim O'Brien", "his"] and mentions["Billy King"] == ["General Manager Billy King"]
