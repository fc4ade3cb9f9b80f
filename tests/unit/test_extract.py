"""The extract core on articles written for these tests."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from pipeline import schemas
from pipeline.extract import Extractor, load_nlp, split_sentences
from pipeline.ingest import Article


@pytest.fixture(scope="module")
def nlp():
    return load_nlp("en_core_web_sm")


@pytest.fixture()
def extractor(nlp):
    return Extractor(nlp)


def article(body: str, headline: str = "", published: str = "2026-03-12T10:00:00+00:00") -> Article:
    return Article(id="t-1", source="test", published_at=datetime.fromisoformat(published), headline=headline, body=body)


def test_figures_validate_and_ids_are_deterministic(extractor) -> None:
    a = article("Russian shelling killed 14 civilians in Kherson on Tuesday, the regional governor said.")
    first = extractor.extract(a)
    again = extractor.extract(a)
    assert [f.id for f in first] == [f.id for f in again]
    assert first
    for f in first:
        schemas.validate("figures", f.to_message())
        assert a.body[f.start:f.end] == f.text


def test_measure_subject_and_event_date(extractor) -> None:
    figs = extractor.extract(article("Russian shelling killed 14 civilians in Kherson on Tuesday, officials said."))
    f = figs[0]
    assert (f.value, f.measure) == (14, "deaths")
    assert f.subject == "Russia / civilians" or f.subject.endswith("/ civilians")
    assert f.as_of == "2026-03-10"


def test_list_gives_two_measures(extractor) -> None:
    figs = extractor.extract(article("In 2025 the attacks killed 1,234 civilians and injured 9,876 others, the monitors said."))
    assert {(f.value, f.measure) for f in figs} == {(1234, "deaths"), (9876, "injured")}
    assert all(f.scope.kind == "period" and f.as_of.startswith("2025") for f in figs)


def test_speaker_through_pronoun_across_sentences(extractor) -> None:
    body = ("Defence Minister Anna Kovalenko visited the front. "
            "She said 3,400 Ukrainian soldiers have been wounded since the war began.")
    figs = extractor.extract(article(body))
    assert figs and figs[0].attributed_to == "Anna Kovalenko"
    assert figs[0].measure == "injured" and figs[0].subject == "Ukraine / military"
    assert figs[0].scope.kind == "cumulative"


def test_non_claims_are_skipped(extractor) -> None:
    body = "The war began in 2022. She spoke to France 2 for four years of programmes. He is 54."
    assert extractor.extract(article(body)) == []


def test_quantity_layer_has_no_claim_filter(extractor) -> None:
    assert [q.value for q in extractor.quantities("Two boats and 30 crew.")] == [2, 30]


def test_extract_many_matches_extract(extractor, nlp) -> None:
    arts = [article("Floods displaced 2,000 people in Sindh last month."), article("Nothing to count here.")]
    many = [figs for _, figs in extractor.extract_many(arts, batch_size=1)]
    assert many[0] == Extractor(nlp).extract(arts[0])
    assert many[1] == []


def test_sentence_split_offsets() -> None:
    text = "Mr. Smith came. He said 5 died.\nNext line"
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["Mr. Smith came.", "He said 5 died.", "Next line"]
