"""The dedup core: articles in, verdicts out, state in plain mappings (issue 5)."""

from __future__ import annotations

import json
from collections.abc import Iterator, MutableMapping
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from pipeline import schemas
from pipeline.dedup.copies import band_keys, number_keys, overlap, shingle_hashes, shingles
from pipeline.dedup.deduplicator import Deduplicator
from pipeline.dedup.params import DedupParams
from pipeline.dedup.state import DedupState, article_ref, state_bytes
from pipeline.dedup.verdict import Verdict
from pipeline.ingest import Article, parse_timestamp
from pipeline.settings import Settings

ROOT = Path(__file__).resolve().parents[3]
T0 = datetime(2026, 2, 4, 12, 0, tzinfo=UTC)


def seed_articles() -> list[Article]:
    """The five seeds, from seeds/seeds.json and seeds/*.txt, in publication order."""
    meta = json.loads((ROOT / "seeds" / "seeds.json").read_text(encoding="utf-8"))
    articles = [
        Article(
            id=entry["id"],
            source=entry["source"],
            published_at=parse_timestamp(entry["published_at"]),
            headline=entry["headline"],
            body=(ROOT / "seeds" / entry["file"]).read_text(encoding="utf-8").strip(),
        )
        for entry in meta["articles"]
    ]
    return sorted(articles, key=lambda a: a.published_at)


def body_paragraphs(article: Article) -> list[str]:
    return [p for p in article.body.split("\n") if p.strip()]


def copy_of(article: Article, suffix: str, source: str = "syndicator", minutes: int = 30, **changes: Any) -> Article:
    return replace(
        article,
        id=f"{article.id}--{suffix}",
        source=source,
        published_at=article.published_at + timedelta(minutes=minutes),
        **changes,
    )


@pytest.fixture(scope="module")
def seeds() -> list[Article]:
    return seed_articles()


# ------------------------------------------------------------------ near-verbatim


def test_trimmed_copy_has_low_jaccard_but_full_containment(seeds: list[Article]) -> None:
    original = seeds[-1]
    paragraphs = body_paragraphs(original)
    trimmed = copy_of(original, "trim", body="\n".join(paragraphs[: max(1, len(paragraphs) * 3 // 10)]))
    params = DedupParams()
    old = shingles(original, params)
    found = overlap(shingles(trimmed, params), old.sketch, len(old.hashes), params.sketch_size)
    assert found.jaccard < 0.5
    assert found.containment_new == 1.0
    assert found.similarity == 1.0


def test_shuffled_paragraphs_shingle_identically(seeds: list[Article]) -> None:
    paragraphs = body_paragraphs(seeds[0])
    assert shingle_hashes(paragraphs, 5) == shingle_hashes(list(reversed(paragraphs)), 5)


@hypothesis_settings(max_examples=60, deadline=None)
@given(
    words=st.lists(st.sampled_from([f"w{i}" for i in range(400)]), min_size=30, max_size=400),
    cut=st.floats(min_value=0.05, max_value=1.0),
)
def test_a_prefix_is_always_fully_contained(words: list[str], cut: float) -> None:
    params = DedupParams()
    whole = Article("a", "s", T0, "", " ".join(words))
    prefix = Article("b", "s", T0, "", " ".join(words[: max(5, int(len(words) * cut))]))
    old = shingles(whole, params)
    new = shingles(prefix, params)
    # The estimate rests on the prefix's hashes at or below the sketch's largest; a prefix with none
    # there (a few shingles against a long article's bottom-k) carries no evidence and scores 0.
    sampled = len(old.sketch) < params.sketch_size or any(h <= old.sketch[-1] for h in new.hashes)
    assume(sampled)
    found = overlap(new, old.sketch, len(old.hashes), params.sketch_size)
    assert found.containment_new == 1.0


def test_copies_are_duplicates_and_a_write_through_is_a_new_version(seeds: list[Article]) -> None:
    original = seeds[1]
    paragraphs = body_paragraphs(original)
    trimmed = copy_of(original, "trim", body="\n".join(paragraphs[: len(paragraphs) // 2]), minutes=20)
    reheadlined = copy_of(original, "rehead", headline="Ukraine's war dead put at 55,000 by its president", minutes=40)
    assert "55,000" in original.body
    write_through = copy_of(
        original,
        "wt",
        source=original.source,
        minutes=60,
        headline=original.headline.replace("55,000", "56,000"),
        body=original.body.replace("55,000", "56,000"),
    )
    verdicts = Deduplicator(Settings()).observe_all([original, trimmed, reheadlined, write_through])
    assert verdicts[0].duplicate_of is None
    for verdict in verdicts[1:]:
        assert verdict.duplicate_of is not None
        assert verdict.story_id == original.id
    assert [v.is_new_version for v in verdicts] == [False, False, False, True]
    assert verdicts[1].similarity == 1.0
    assert verdicts[1].is_near_duplicate and not verdicts[3].is_near_duplicate
    # Copies by other outlets are not independent reports; the write-through is the same outlet.
    assert [v.story_sources for v in verdicts] == [1, 1, 1, 1]


def test_late_copy_of_the_first_version_is_not_a_new_version(seeds: list[Article]) -> None:
    original = seeds[2]
    write_through = copy_of(original, "wt", source=original.source, body=original.body.replace("55,000", "57,500"))
    late_copy = copy_of(original, "late", minutes=90)
    verdicts = Deduplicator(Settings()).observe_all([original, write_through, late_copy])
    assert verdicts[1].is_new_version
    assert verdicts[2].duplicate_of == original.id and not verdicts[2].is_new_version


def test_number_keys_normalise_digits_and_words() -> None:
    assert number_keys("55,000 soldiers") == number_keys("55000 soldiers")
    assert number_keys("four years") != number_keys("five years")
    assert number_keys("one of the soldiers") == set()


# ------------------------------------------------------------------ stories


def test_seeds_form_one_story_without_a_near_verbatim_pair(seeds: list[Article]) -> None:
    verdicts = Deduplicator(Settings()).observe_all(seeds)
    assert {v.story_id for v in verdicts} == {seeds[0].id}
    assert {v.storyline_id for v in verdicts} == {seeds[0].id}
    assert all(v.duplicate_of is None and not v.is_new_version for v in verdicts)
    assert [v.story_sources for v in verdicts] == [1, 2, 3, 4, 5]


QUAKE_A = (
    "Strong earthquake kills 40 in eastern Turkey",
    "A magnitude 6.8 earthquake struck Malatya province in eastern Turkey on Monday, killing at least 40 people "
    "and destroying hundreds of buildings, Turkey's disaster agency AFAD said.\n"
    "Rescue teams searched the rubble in Malatya and Elazig through the night as aftershocks shook the region.\n"
    "Interior Minister Kemal Ozturk said 1,200 rescuers had been sent to Malatya.",
)
QUAKE_B = (
    "Earthquake off northern Japan injures 27, tsunami warning lifted",
    "A magnitude 6.9 earthquake struck off Aomori prefecture in northern Japan on Monday, injuring 27 people and "
    "prompting a brief tsunami warning, the Japan Meteorological Agency said.\n"
    "Bullet train services in Aomori and Iwate were halted while engineers checked the tracks.\n"
    "Chief Cabinet Secretary Hiro Tanabe said there was no abnormality at the Higashidori nuclear plant.",
)


def quake(index: int, text: tuple[str, str], source: str, when: datetime) -> Article:
    return Article(f"quake-{index}", source, when, text[0], text[1])


def test_same_topic_different_event_is_another_story(seeds: list[Article]) -> None:
    deduplicator = Deduplicator(Settings())
    deduplicator.observe_all(seeds)
    when = seeds[-1].published_at
    turkey = deduplicator.observe(quake(1, QUAKE_A, "reuters", when))
    japan = deduplicator.observe(quake(2, QUAKE_B, "ap", when + timedelta(hours=1)))
    assert japan.story_id != turkey.story_id
    assert turkey.story_id != seeds[0].id


def test_a_later_news_cycle_is_a_new_story_in_the_same_storyline(seeds: list[Article]) -> None:
    deduplicator = Deduplicator(Settings())
    first = deduplicator.observe_all(seeds)[0]
    later = seeds[0].published_at + timedelta(days=3)
    body = " ".join(body_paragraphs(seeds[3])[2:])
    follow_up = replace(seeds[3], id="euronews-follow-up", published_at=later, body=body)
    verdict = deduplicator.observe(follow_up)
    assert verdict.duplicate_of is None  # the earlier copies are outside the near-duplicate window
    assert verdict.story_id == follow_up.id != first.story_id
    assert verdict.storyline_id == first.storyline_id


# ------------------------------------------------------------------ state


class JsonTable(MutableMapping[str, Any]):
    """Stores values as JSON text, like a Faust table with json values: in-place mutation is lost."""

    def __init__(self) -> None:
        self.data: dict[str, str] = {}

    def __getitem__(self, key: str) -> Any:
        return json.loads(self.data[key])

    def __setitem__(self, key: str, value: Any) -> None:
        assert isinstance(key, str)
        self.data[key] = json.dumps(value)

    def __delitem__(self, key: str) -> None:
        del self.data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(list(self.data))

    def __len__(self) -> int:
        return len(self.data)


def gold_articles() -> list[Article]:
    path = ROOT / "tests" / "gold" / "dedup" / "articles.jsonl"
    return [Article.from_message(json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines()]


def json_state() -> DedupState:
    return DedupState(**{name: JsonTable() for name in DedupState.__dataclass_fields__})


def test_json_table_state_gives_the_same_verdicts_as_dicts() -> None:
    articles = gold_articles()
    expected = Deduplicator(Settings()).observe_all(articles)
    assert Deduplicator(Settings(), json_state()).observe_all(articles) == expected


def test_restart_from_serialised_state_continues_identically() -> None:
    articles = gold_articles()
    half = len(articles) // 2
    straight = Deduplicator(Settings()).observe_all(articles)
    first = Deduplicator(Settings())
    first.observe_all(articles[:half])
    restored = DedupState(
        **{name: json.loads(json.dumps(dict(mapping))) for name, mapping in first.state.mappings().items()}
    )
    assert restored.mappings() == first.state.mappings()
    assert Deduplicator(Settings(), restored).observe_all(articles[half:]) == straight[half:]


def test_observing_an_article_twice_repeats_its_verdict(seeds: list[Article]) -> None:
    deduplicator = Deduplicator(Settings())
    copy = copy_of(seeds[0], "repost")
    first = deduplicator.observe_all([seeds[0], copy])
    sizes = state_bytes(deduplicator.state)
    again = deduplicator.observe_all([seeds[0], copy])
    assert [replace(v, story_sources=0) for v in again] == [replace(v, story_sources=0) for v in first]
    assert state_bytes(deduplicator.state) == sizes


def test_expire_drops_everything_past_the_windows() -> None:
    articles = gold_articles()
    deduplicator = Deduplicator(Settings())
    verdicts = deduplicator.observe_all(articles)
    newest = max(a.published_at for a in articles)
    dropped = deduplicator.expire(newest)  # signatures older than 36 h go first
    assert 0 < dropped < len(articles)
    dropped += deduplicator.expire(newest + timedelta(days=15))
    assert dropped == len(articles) + len({v.story_id for v in verdicts})
    for name in ("signatures", "bands", "stories", "postings", "timeline"):
        assert len(deduplicator.state.mappings()[name]) == 0, name


def test_expire_keeps_what_is_inside_the_window(seeds: list[Article]) -> None:
    deduplicator = Deduplicator(Settings())
    deduplicator.observe_all(seeds)
    deduplicator.expire(seeds[-1].published_at + timedelta(hours=1))
    assert len(deduplicator.state.signatures) == len(seeds)
    copy = copy_of(seeds[-1], "repost", minutes=90)
    assert deduplicator.observe(copy).duplicate_of == seeds[-1].id


def test_lookups_go_through_band_keys(seeds: list[Article]) -> None:
    deduplicator = Deduplicator(Settings())
    deduplicator.observe_all(seeds)
    params = deduplicator.params
    for article in seeds:
        keys = band_keys(shingles(article, params).minhash, params.rows_per_band)
        assert len(keys) == params.bands
        assert all(article_ref(article.id) in deduplicator.state.bands[key] for key in keys)


def test_near_duplicate_state_is_under_one_kilobyte_per_article() -> None:
    articles = gold_articles()
    deduplicator = Deduplicator(Settings())
    deduplicator.observe_all(articles)
    sizes = state_bytes(deduplicator.state)
    per_article = (sizes["signatures"] + sizes["bands"] + sizes["timeline"]) / len(articles)
    assert per_article <= 1024


def test_verdict_message_matches_the_schema(seeds: list[Article]) -> None:
    verdicts = Deduplicator(Settings()).observe_all([seeds[0], copy_of(seeds[0], "repost")])
    for verdict in verdicts:
        message = verdict.to_message()
        schemas.validate("dedup", message)
        assert isinstance(verdict, Verdict)
    assert verdicts[1].to_message()["duplicate_of"] == seeds[0].id


def _quake(article_id: str, day: int, headline: str, body: str) -> Article:
    published = datetime(2026, 3, day, 12, tzinfo=UTC)
    return Article(id=article_id, source=f"outlet-{article_id}", published_at=published, headline=headline, body=body)


def test_a_story_tells_a_later_report_that_names_no_country_where_it_is() -> None:
    first = _quake(
        "q1", 2, "Earthquake in western Nepal kills 40",
        "A magnitude 6.1 earthquake struck western Nepal late on Friday, killing at least 40 people in Jajarkot and "
        "Salyan districts, Nepal's home ministry said. Rescuers were searching collapsed mud-brick houses in remote "
        "villages.",
    )  # fmt: skip
    local = _quake(
        "q2", 5, "Quake damage: 900 houses destroyed in Salyan",
        "The Friday earthquake destroyed 900 houses in Salyan district and damaged 2,000 more, the district disaster "
        "committee said. Rescuers are still reaching remote villages where mud-brick houses collapsed; the quake's "
        "death toll in Jajarkot rose.",
    )  # fmt: skip
    alone = Deduplicator(Settings()).observe(local)
    assert alone.story_context == {"country": "AZ", "event": "earthquake"}  # ISO knows only Azerbaijan's Salyan
    verdicts = Deduplicator(Settings()).observe_all([first, local])
    # Days later, a new story of the same storyline: it inherits the storyline's country, named outright there.
    assert verdicts[1].story_id != verdicts[0].story_id and verdicts[1].storyline_id == verdicts[0].storyline_id
    assert [v.story_context.get("country") for v in verdicts] == ["NP", "NP"]
    assert schemas.validate("dedup", verdicts[1].to_message()) is None
