"""`wiretally eval alerts`: the stream's cores offline over an invented stream, scored as wire_dev's score.py does."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from pipeline.claims import Policy
from pipeline.cli import main
from pipeline.cli import offline as cli_offline
from pipeline.dedup import Deduplicator
from pipeline.evaluation.alerts import published_bytes, run_offline, score
from pipeline.ingest import Article, format_timestamp, parse_timestamp
from pipeline.settings import Settings
from tests.unit.claims.factory import figure

FIRE = (
    "Firefighters battled a wildfire in the hills above Valdora for a second day, {toll}, the regional fire "
    "service said. Evacuation orders covered six villages and the main road to the coast stayed closed while "
    "crews cut firebreaks along the ridge. Officials said strong winds were expected to ease overnight."
)

# (id, outlet, published_at, version, body, figures: (value, text, as_of, qualifier, speaker, key))
STREAM: list[tuple[str, str, str, int | None, str, list[tuple[Any, ...]]]] = [
    ("wf-1", "AP", "2026-07-01T08:00:00Z", None, FIRE.format(toll="killing at least 14 people"),
     [(14, "at least 14", "2026-07-01", "at_least", "fire service", "valdora-fire|deaths")]),
    ("wf-1", "AP", "2026-07-01T15:00:00Z", 2, FIRE.format(toll="killing at least 17 people"),
     [(17, "at least 17", "2026-07-01", "at_least", "fire service", "valdora-fire|deaths")]),
    ("wf-2", "Reuters", "2026-07-02T09:00:00Z", None, FIRE.format(toll="and the toll rose to 23 on Thursday"),
     [(23, "23", "2026-07-02", "exact", "fire service", "valdora-fire|deaths"),
      (150, "150 homes", "2026-07-01", "exact", "fire service", "valdora-fire|homes")]),
    ("wf-3", "Coastal Wire", "2026-07-02T11:00:00Z", None, FIRE.format(toll="and the toll rose to 23 on Thursday"),
     [(23, "23", "2026-07-02", "exact", "fire service", "valdora-fire|deaths")]),
    ("wf-4", "EFE", "2026-07-02T12:00:00Z", None,
     "The health ministry said 19 people had died in the Valdora wildfire, while the fire service put the toll "
     "at 23. About 200 homes burned, it added.",
     [(19, "19", "2026-07-02", "exact", "health ministry", "valdora-fire|deaths"),
      (23, "23", "2026-07-02", "exact", "fire service", "valdora-fire|deaths"),
      (200, "About 200", "2026-07-02", "approx", "health ministry", "valdora-fire|homes")]),
]  # fmt: skip
GOLD = [
    {"after_article_id": "wf-1", "key": "fire/deaths", "kind": "update", "old_value": 14, "new_value": 17},
    {"after_article_id": "wf-2", "key": "fire/deaths", "kind": "update", "old_value": 17, "new_value": 23},
    {"after_article_id": "wf-4", "key": "fire/deaths", "kind": "contradiction", "old_value": 23, "new_value": 19},
    {"after_article_id": "wf-4", "key": "fire/injured", "kind": "update", "old_value": 8, "new_value": 12},
]


class Message:
    """A figure as the extractor returns it: something with `to_message()`."""

    def __init__(self, message: dict[str, Any]) -> None:
        self.message = message

    def to_message(self) -> dict[str, Any]:
        return dict(self.message)


class HandMadeExtractor:
    """The figures STREAM lists for each article version, in place of spaCy."""

    def extract(self, article: Article, story: Mapping[str, str] | None = None) -> list[Message]:
        published = format_timestamp(article.published_at)
        rows = next(row[5] for row in STREAM if row[0] == article.id and row[2] == published)
        return [
            Message(
                figure(
                    article.id, article.source, published, value, text, as_of, qualifier, key=key,
                    start=index * 50, measure=key.split("|")[1], subject="Valdora", attributed_to=speaker,
                )
            )
            for index, (value, text, as_of, qualifier, speaker, key) in enumerate(rows)
        ]  # fmt: skip


def articles() -> list[Article]:
    return [
        Article(id=aid, source=src, published_at=parse_timestamp(at), headline="Valdora wildfire", body=body, version=v)
        for aid, src, at, v, body, _ in STREAM
    ]


def offline() -> Any:
    settings = Settings()
    return run_offline(
        published_bytes(reversed(articles())),  # sent in published_at order whatever the file's order
        HandMadeExtractor(),
        Deduplicator(settings),
        Policy.from_settings(settings),
        settings.alert_min_confidence,
        settings.max_article_bytes,
    )


def test_the_cores_offline_give_the_stream_s_updates_and_alerts() -> None:
    run = offline()
    events = [(u["key"], u["kind"], u["old"]["value"], u["new"]["value"]) for u in run.updates]
    assert events == [
        ("valdora-fire|deaths", "update", 14, 17),
        ("valdora-fire|deaths", "update", 17, 23),
        ("valdora-fire|deaths", "contradiction", 23, 19),
        ("valdora-fire|homes", "update", 150, 200),
    ]
    assert [a["update"]["id"] for a in run.alerts] == [run.updates[2]["id"]]
    copy = [t for t in run.traces if t.figure["article_id"] == "wf-3"]
    assert [t.kind for t in copy] == ["duplicate"]  # the near-verbatim repost, found by the real deduplicator


def test_score_matches_as_wire_dev_score_py_does() -> None:
    report = score(GOLD, offline().updates)
    assert (report.counts("update").tp, report.counts("update").fp, report.counts("update").fn) == (2, 1, 1)
    assert (report.counts("contradiction").tp, report.counts("contradiction").fp) == (1, 0)
    overall = report.counts()
    assert (overall.tp, overall.fp, overall.fn) == (3, 1, 1)
    assert overall.precision == pytest.approx(0.75) and overall.recall == pytest.approx(0.75)
    # A gold event without an old value matches on kind and new value alone.
    loose = [{"kind": "update", "new_value": 23.1, "old_value": None}]
    assert score(loose, offline().updates).counts().tp == 1


def test_eval_alerts_command_prints_scores_and_explains_false_and_missed(tmp_path: Path, monkeypatch) -> None:
    articles_path, gold_path, out_path = tmp_path / "articles.jsonl", tmp_path / "gold.jsonl", tmp_path / "out.jsonl"
    articles_path.write_text("".join(json.dumps(a.to_message()) + "\n" for a in articles()))
    gold_path.write_text("".join(json.dumps(g) + "\n" for g in GOLD))
    monkeypatch.setattr(cli_offline, "make_extractor", lambda claims_only=True: HandMadeExtractor())
    result = CliRunner().invoke(
        main, ["eval", "alerts", "--gold", str(gold_path), str(articles_path), "--out", str(out_path)]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("5 articles, 8 figures, 2 keys; system: 3 updates, 1 contradictions (1 confident")
    assert "update         P 0.667  R 0.667  F1 0.667  (tp 2, fp 1, fn 1)" in lines
    assert "overall        P 0.750  R 0.750  F1 0.750  (tp 3, fp 1, fn 1)" in lines
    false = lines[lines.index("false (1):") + 1 : lines.index("missed (1):")]
    assert false[0] == "  [update 0.80] valdora-fire|homes: 150 -> 200 (later_as_of)"
    assert any("reason:" in line for line in false) and any("old: 150 '150 homes'" in line for line in false)
    missed = lines[lines.index("missed (1):") + 1 :]
    assert missed[0].startswith("  [update] after wf-4: fire/injured: 8 -> 12")
    assert "no figure of value 12 was extracted from wf-4" in missed[1]
    assert lines[-1] == "alert F1 = 0.750"
    written = [json.loads(line) for line in out_path.read_text().splitlines()]
    assert [w["topic"] for w in written] == ["updates"] * 4 + ["alerts"]
    assert written[2]["value"]["kind"] == "contradiction" and written[2]["value"]["new"]["value"] == 19


def test_eval_alerts_command_reports_a_bad_gold_file(tmp_path: Path) -> None:
    articles_path, gold_path = tmp_path / "articles.jsonl", tmp_path / "gold.jsonl"
    articles_path.write_text("")
    gold_path.write_text("{not json\n")
    result = CliRunner().invoke(main, ["eval", "alerts", "--gold", str(gold_path), str(articles_path)])
    assert result.exit_code != 0 and "gold.jsonl" in result.output and "Traceback" not in result.output
