"""Reading inputs: plain text, HTML without boilerplate, and clear errors for bad files."""
from __future__ import annotations

import datetime as dt

import pytest

from kgraph.errors import InputError
from kgraph.text import document_from_text, load_document

ARTICLE_HTML = """<!doctype html><html><head><title>Troops arrive in Almaty</title>
<meta property="article:published_time" content="2022-01-07T10:00:00Z"></head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<div class="share">Share on Facebook Share on Twitter Spread the love</div>
<article><h1>Troops arrive in Almaty</h1>
<p>The Collective Security Treaty Organization has deployed troops in Kazakhstan, officials said on Friday.</p>
<p>President Kassym-Jomart Tokayev told reporters that order had been restored in Almaty after days of unrest.</p>
<p>Thousands of people took to the streets of the city earlier in the week, and dozens were killed.</p>
</article>
<aside><h3>Related Articles</h3><ul><li><a href="/a">Oil prices rise</a></li></ul></aside>
<div id="comments"><h3>Leave a Reply</h3><form><textarea></textarea><button>Post Comment</button></form></div>
<footer>Copyright 2022 News Corp. Back to top</footer></body></html>"""


def test_plain_text_is_kept_exactly(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Line one.\r\nLine “two”.\n".encode("utf-8"))
    document = load_document(path)
    assert document.text == "Line one.\nLine “two”.\n"
    assert document.source == str(path)


def test_windows_1252_text_is_decoded(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Caf\xe9 owners said \x93no\x94.".encode("latin-1"))
    assert load_document(path).text == "Café owners said “no”."


ENCODED_TEXTS = [
    ("utf-16", "The minister said “the talks will resume” in Geneva on Monday."),
    ("cp1252", "The café owners said “no” to the mayor’s plan on Monday, and the council – angry – met again."),
    ("cp1251", "Министр иностранных дел заявил в понедельник, что переговоры в Женеве возобновятся на следующей неделе."),
    ("iso-8859-2", "Minister spraw zagranicznych powiedział w poniedziałek, że rozmowy w Genewie zostaną wznowione."),
]


@pytest.mark.parametrize(("encoding", "text"), ENCODED_TEXTS, ids=[e for e, _ in ENCODED_TEXTS])
def test_the_encoding_of_a_text_file_is_detected(tmp_path, encoding, text):
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode(encoding))
    assert load_document(path).text == text


def test_html_keeps_the_article_and_drops_the_boilerplate(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(ARTICLE_HTML, encoding="utf-8")
    document = load_document(path)
    assert document.title == "Troops arrive in Almaty"
    assert "deployed troops in Kazakhstan" in document.text
    assert "took to the streets" in document.text
    for boilerplate in ("Share on Facebook", "Related Articles", "Leave a Reply", "Post Comment", "Home |", "Copyright"):
        assert boilerplate not in document.text
    assert str(document.created) == "2022-01-07"


@pytest.mark.parametrize(("name", "content", "problem"), [
    ("empty.txt", b"", "contains no text"),
    ("blank.txt", b"  \n\t \n", "contains no text"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("notes.docx", b"text", "unknown input type"),
])
def test_bad_files_name_the_file_and_the_problem(tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as error:
        load_document(path)
    assert str(path) in str(error.value) and problem in str(error.value)
    assert "\n" not in str(error.value)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        load_document(tmp_path / "nothere.txt")


def test_document_digest_depends_on_text_only():
    assert document_from_text("same", "a").digest == document_from_text("same", "b").digest
    assert document_from_text("same").digest != document_from_text("other").digest


def test_plain_text_boilerplate_is_marked_not_removed():
    text = ("Troops arrive\nSpread the love\nTroops arrived in Almaty. (Photo: AFP)\n\nJane Doe\n"
            "Jane Doe is a journalist who covers World News and Sport.\nRelated Articles\nLeave a Reply\n"
            "Your email address will not be published. Required fields are marked *\nBack to top button")
    document = document_from_text(text)
    assert document.text == text
    marked = [text[b:e] for b, e in document.ignored]
    assert "Spread the love" in marked and "(Photo: AFP)" in marked and "Related Articles" in marked
    assert any(m.startswith("Jane Doe is a journalist") for m in marked)
    assert document.author == "Jane Doe"
    assert not document.is_ignored(text.index("Troops arrived"))


def test_boilerplate_gives_no_entities_or_events(read):
    extraction = read("Spread the love\nRussia deployed troops in Syria. (Photo: AFP)\n\nJane Doe\n"
                      "Jane Doe is a reporter at World News who said the weather was fine.\nRelated Articles")
    labels = {e.label for e in extraction.entities}
    assert "World News" not in labels and "AFP" not in labels and "Related Articles" not in labels
    assert [e.trigger.text for e in extraction.events] == ["deployed"]
    assert "Jane Doe" in labels  # the author, as the byline names her


@pytest.mark.parametrize("line, day", [
    ("Updated: November 11, 2011 18:50 IST", "2011-11-11"),
    ("Published 12:17 am, Monday, September 16, 2013", "2013-09-16"),
    ("8:44AM BST 16 Sep 2013", "2013-09-16"),
    ("Last updated 15:48 15/09/2013", "2013-09-15"),  # a day that cannot be a month comes first
    ("Posted 2/3/2009 11:11 PM", "2009-02-03"),
    ("on April 30, 2008 at 4:31 AM, updated May 2, 2008 at 8:33 AM", "2008-04-30"),  # published, then updated
])
def test_a_date_line_under_the_headline_dates_a_plain_text(read, line, day):
    text = f"Pirates caught in the Gulf\n{line}\nThe Indian Navy captured 26 pirates on Friday, a spokesman said."
    document = document_from_text(text)
    assert document.created.isoformat() == day
    assert [text[b:e] for b, e in document.ignored] == [line]  # furniture: it names no entity
    # a date given by the caller wins
    assert document_from_text(text, created=dt.date(2020, 1, 1)).created == dt.date(2020, 1, 1)


@pytest.mark.parametrize("text", [
    "On July 4, 1776, delegates of thirteen colonies adopted the Declaration of Independence in Philadelphia.",
    "Pirates caught\nThe navy said on November 11, 2011 that it had caught 26 pirates off the coast of Yemen.",
    "Troops arrive\nThe 2008-09 season was supposed to be a good one.",
])
def test_a_sentence_with_a_date_is_no_date_line(text):
    assert document_from_text(text).created is None


def test_the_date_line_turns_a_weekday_into_a_calendar_date(read):
    extraction = read("Pirates caught\nUpdated: November 11, 2011 18:50 IST\n"
                      "Indian commandos attacked the pirates' boats in the Gulf of Aden on Wednesday.")
    assert extraction.document.created == dt.date(2011, 11, 11)
    attack = next(e for e in extraction.events if e.cls == "Attack")
    assert {r.name: r.literal for r in attack.roles if r.literal}.get("date") == "2011-11-09"


def test_characters_no_graph_file_can_hold_are_replaced_one_for_one():
    # pdftotext puts a form feed between pages; a bad copy leaves NULs; a lone surrogate is half
    # of a UTF-16 pair: none can be written to XML, and the last not even to UTF-8
    text = "Troops left Oslo.\fPage two: talks\x00resumed \ud800 in Riga.\x0bEnd."
    document = document_from_text(text)
    assert len(document.text) == len(text)
    assert document.text == "Troops left Oslo.\nPage two: talks resumed \ufffd in Riga.\nEnd."
    assert document.text.encode("utf-8")  # no surrogate is left


def test_a_lone_surrogate_is_no_error_at_all():
    import kgraph

    problems = []
    graph = kgraph.build(["Talks in Oslo \udcff resumed on Monday, officials said."], on_error=problems.append)
    assert problems == [] and graph.summary()["documents"] == 1
    assert "\ufffd" in graph.serialize()


PARAGRAPH = "<p>Minister Anna Berg said on Monday that the talks in Oslo would resume after a long pause.</p>"


@pytest.mark.parametrize("shape", ["100k nested divs", "one 12 MB text node", "a 6 MB page"])
def test_pages_that_lxml_cannot_build_a_tree_of_keep_their_article(tmp_path, shape):
    import time

    if shape == "100k nested divs":
        page = ("<html><head><title>Deep</title></head><body><nav><a href='/'>Home</a> | <a href='/w'>World</a></nav>"
                + "<div>" * 100_000 + f"<article>{PARAGRAPH * 20}</article>" + "</div>" * 100_000
                + "<footer>Share this story</footer></body></html>")
    elif shape == "one 12 MB text node":
        page = "<html><body><article><p>" + "Minister Anna Berg said the talks would resume. " * 250_000 + "</p></article></body></html>"
    else:
        page = ("<html><head><title>Long</title><meta property='article:published_time' content='2022-01-10'></head>"
                "<body><nav><a href='/'>Home</a></nav><article>" + PARAGRAPH * 60_000
                + "</article><div class='comments'><p>Leave a reply to this story now.</p></div></body></html>")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    started = time.monotonic()
    document = load_document(path)
    assert time.monotonic() - started < 60
    assert "Minister Anna Berg said" in document.text
    assert "Home" not in document.text and "Share this story" not in document.text and "Leave a reply" not in document.text
    if shape == "a 6 MB page":
        assert document.title == "Long" and str(document.created) == "2022-01-10"
        assert document.text.count("Minister Anna Berg") == 60_000
