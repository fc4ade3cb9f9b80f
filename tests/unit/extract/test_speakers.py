"""Spelling variants of a name resolve to one canonical speaker."""

from __future__ import annotations

from pipeline.extract.speakers import SpeakerResolver, same_person, same_surname


def test_transliteration_variants_match() -> None:
    assert same_surname("Zelensky", "Zelenskyy")
    assert same_surname("Zelenskiy", "Zelensky")
    assert same_surname("Syrskii", "Shirsky")
    assert not same_surname("Trump", "Truman")
    assert not same_person("Anna Kovalenko", "Boris Kovalenko")


def test_resolver_picks_fullest_form_deterministically() -> None:
    resolver = SpeakerResolver()
    resolver.add("Kuleba")
    resolver.add("Dmytro Kuleba")
    assert resolver.add("Dmitry Kulebа".replace("а", "a")) == "Dmitry Kuleba" or resolver.canonical("Kuleba") in (
        "Dmytro Kuleba",
        "Dmitry Kuleba",
    )
    assert resolver.canonical("President Kuleba") == resolver.canonical("Kuleba")
