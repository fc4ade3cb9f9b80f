"""A story's rare place names: learnt from its articles that say where they are, read by the ones that do not.

The districts and villages below are invented ("Qelmir", "Vostrany"): English never uses them, so they are names
particular to their story, as real districts are.
"""

from __future__ import annotations

from datetime import UTC, datetime

from pipeline import schemas
from pipeline.dedup.context import add_votes, article_votes, inherited, winners
from pipeline.dedup.deduplicator import Deduplicator
from pipeline.dedup.verdict import story_context
from pipeline.extract.places import PlaceContext, rare_names, story_names
from pipeline.ingest import Article
from pipeline.settings import Settings


def _article(article_id: str, day: int, headline: str, body: str) -> Article:
    published = datetime(2026, 3, day, 12, tzinfo=UTC)
    return Article(id=article_id, source=f"outlet-{article_id}", published_at=published, headline=headline, body=body)


def test_rare_names_are_the_places_english_does_not_know_with_the_place_they_are_tied_to() -> None:
    text = (
        "Rescuers reached Vostrany district of Kerala on Monday. Houses collapsed in Qelmir, where West Bank aid "
        "workers arrived. Officials in Delhi said more help was coming."
    )
    # "Vostrany" is tied to Kerala (India); "Qelmir" to nothing; "West" and "Delhi" are words English uses.
    assert rare_names(text) == [("Vostrany", "IN"), ("Qelmir", None)]
    assert rare_names("Qelmir Vostrany said the roads were open.") == []  # not where English puts places


def test_a_name_english_uses_now_and_then_is_learnt_only_when_the_text_ties_it_to_a_country() -> None:
    # "Corinth" (Zipf 3.0 in English, not in the gazetteer) is too common to learn untied.
    assert rare_names("Firefighters near Corinth in southern Greece battled the blaze.") == [("Corinth", "GR")]
    assert rare_names("Firefighters near Corinth battled the blaze.") == []


def test_an_article_naming_its_one_country_teaches_its_untied_names_that_country() -> None:
    taught = article_votes(
        _article("a", 2, "Landslide kills 12 in Nepal", "A landslide buried homes in Qelmir village in Nepal's west.")
    )
    assert taught["name"] == {"Qelmir=NP": 1}
    # Naming two countries, it cannot say which its untied names are in.
    mixed = article_votes(
        _article("b", 2, "Landslide kills 12", "A landslide buried homes in Qelmir. Rescuers from India reached Nepal.")
    )
    assert "name" not in mixed


def test_a_story_keeps_each_name_with_the_country_most_of_its_articles_gave_it() -> None:
    votes = add_votes({}, {"name": {"Qelmir=NP": 1}})
    votes = add_votes(votes, {"name": {"Qelmir=NP": 1, "Vostrany=IN": 1}})
    votes = add_votes(votes, {"name": {"Qelmir=IN": 1}})
    context = winners(votes)
    assert story_names(context) == {"Qelmir": "NP", "Vostrany": "IN"}
    # A new story of the storyline starts with them.
    assert story_names(winners(inherited(context))) == story_names(context)


def test_a_local_report_is_read_where_its_story_learnt_its_names() -> None:
    body = "Forty houses collapsed in Qelmir and twelve in Salyan, the district office said."
    alone = PlaceContext("Houses collapse", body)
    assert alone.country == "AZ"  # ISO knows only Azerbaijan's Salyan
    read = PlaceContext("Houses collapse", body, {"Qelmir": "NP"})
    assert read.country == "NP"
    assert read.country_of("Salyan") == "NP"  # a namesake of Azerbaijan's district, in a story set in Nepal
    # An article that names its country outright is read by its own words.
    named = PlaceContext("Houses collapse in Azerbaijan", body, {"Qelmir": "NP"})
    assert named.country == "AZ" and named.country_of("Salyan") == "AZ"


def test_the_verdict_carries_the_story_names_to_extraction() -> None:
    first = _article(
        "q1", 2, "Earthquake in western Nepal kills 40",
        "A magnitude 6.1 earthquake struck western Nepal late on Friday, killing at least 40 people in Qelmir "
        "district, Nepal's home ministry said. Rescuers were searching collapsed mud-brick houses in remote villages.",
    )  # fmt: skip
    local = _article(
        "q2", 3, "Quake damage: 900 houses destroyed in Qelmir",
        "The Friday earthquake destroyed 900 houses in Qelmir and damaged 2,000 more in Salyan, the district "
        "disaster committee said. Rescuers are still reaching remote villages where mud-brick houses collapsed.",
    )  # fmt: skip
    verdicts = Deduplicator(Settings()).observe_all([first, local])
    message = verdicts[1].to_message()
    assert schemas.validate("dedup", message) is None
    assert message["story_names"] == {"Qelmir": "NP"}
    context = story_context(message)
    assert story_names(context) == {"Qelmir": "NP"}
    assert PlaceContext(local.headline, local.body, story_names(context)).country == "NP"


def test_a_place_english_knows_well_says_the_country_as_naming_it_does() -> None:
    # U.S. local copy names its state, never "the U.S.": North Carolina is as sure as the country's name.
    body = "Thirty people died in Ostervale County, the sheriff said. North Carolina counts its dead."
    local = article_votes(_article("c", 2, "Storm kills 30 in Ostervale County", body))
    assert local["name"] == {"Ostervale=US": 1}
    later = PlaceContext("County toll rises", "The toll in Ostervale County rose to 57.", {"Ostervale": "US"})
    assert later.country == "US"
    # A rare subdivision ("Salyan", which ISO lists only in Azerbaijan) is no such proof: untied names learn nothing.
    namesake = article_votes(_article("d", 2, "Quake", "Houses fell in Qelmir. Many more fell in Salyan."))
    assert "name" not in namesake
