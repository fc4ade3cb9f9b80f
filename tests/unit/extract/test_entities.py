"""Rule-based entities from the parse (the optimised extract path runs without spaCy's ner)."""

from __future__ import annotations

import pytest

from pipeline.extract import load_nlp
from pipeline.extract.entities import cheap_persons, rule_entities
from pipeline.extract.lexicon import _COUNTRIES, _DEMONYMS


@pytest.fixture(scope="module")
def parse():
    nlp = load_nlp("en_core_web_sm")
    return lambda text: nlp(text, disable=["ner"])


def test_titles_and_nationalities_stay_outside_a_person(parse) -> None:
    doc = parse("Moldovan President Ana Rusu told Channel 4 News on Monday that 40 people had died in Chisinau.")
    rule_entities([doc], _COUNTRIES, _DEMONYMS, [])
    ents = {(e.text, e.label_) for e in doc.ents}
    assert ("Ana Rusu", "PERSON") in ents
    assert any(label == "ORG" and "Channel" in text for text, label in ents)
    assert ("Chisinau", "GPE") in ents


def test_a_bare_surname_is_a_person_once_the_full_name_is_known(parse) -> None:
    doc = parse("Rusu said 40 people had died.")
    rule_entities([doc], _COUNTRIES, _DEMONYMS, ["Ana Rusu"])
    assert [(e.text, e.label_) for e in doc.ents] == [("Rusu", "PERSON")]


def test_cheap_persons_finds_titled_names_and_known_surnames() -> None:
    text = "Interior Minister Ana Rusu met envoy Tom Reid, and Rusu thanked him."
    found = cheap_persons(text, [], _DEMONYMS)
    assert [name for _, name in found] == ["Ana Rusu", "Tom Reid"]
    again = cheap_persons(text, ["Ana Rusu"], _DEMONYMS)
    assert [name for _, name in again][-1] == "Rusu"
    assert all(text[offset : offset + len(name)] == name for offset, name in again)


def test_one_word_that_acts_as_a_body_is_an_organisation_unless_the_article_says_it_is_something_else(parse) -> None:
    doc = parse("Shares rose after Rivona said it delivered 21,300 vehicles.")
    rule_entities([doc], _COUNTRIES, _DEMONYMS, [])
    assert ("Rivona", "ORG") in {(e.text, e.label_) for e in doc.ents}
    # a place the article puts a preposition before, and a common word opening a sentence, are no company
    place, common = parse("Aid arrived in Brunvik, and Brunvik reported 40 deaths."), parse("Cholera killed 40 people.")
    rule_entities([place], _COUNTRIES, _DEMONYMS, [])
    rule_entities([common], _COUNTRIES, _DEMONYMS, [])
    assert not [e for e in place.ents if e.label_ == "ORG"]
    assert not [e for e in common.ents if e.label_ == "ORG"]


def test_a_union_named_with_its_members_possessive_is_one_name(parse) -> None:
    doc = parse("The International Longshoremen's Association said 31 ports had closed at Russia's ports.")
    rule_entities([doc], _COUNTRIES, _DEMONYMS, [])
    assert ("International Longshoremen's Association", "ORG") in {(e.text, e.label_) for e in doc.ents}


def test_a_portuguese_name_runs_across_do_and_da(parse) -> None:
    doc = parse("The Civil Defense of Rio Grande do Sul said 75 people had died.")
    rule_entities([doc], _COUNTRIES, _DEMONYMS, [])
    assert ("Civil Defense of Rio Grande do Sul", "ORG") in {(e.text, e.label_) for e in doc.ents}


def test_a_capitalised_word_tagged_as_a_plural_noun_opens_the_name_after_it(parse) -> None:
    doc = parse("Singapore's Straits Air Holdings posted a 24% rise in profit.")
    rule_entities([doc], _COUNTRIES, _DEMONYMS, [])
    assert "Straits Air Holdings" in [e.text for e in doc.ents]
