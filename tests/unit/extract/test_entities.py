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
