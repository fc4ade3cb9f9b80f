"""Dedup scoring, the dedup test set and the dedup CLI commands (issue 5)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline import schemas
from pipeline.cli import main
from pipeline.evaluation.dedup import (
    UCI_CSV,
    bcubed,
    bench_lookup,
    copy_groups,
    evaluate_gold,
    flag_scores,
    pairwise,
    read_articles,
    read_clusters,
)
from pipeline.settings import Settings

ROOT = Path(__file__).resolve().parents[3]
GOLD = ROOT / "tests" / "gold" / "dedup"
UCI = ROOT.parent / "shared" / "benchdata" / "uci_news_aggregator_prefix"


def test_perfect_clustering_scores_one() -> None:
    gold = ["a", "a", "b", "c", "c", "c"]
    predicted = [1, 1, 2, 3, 3, 3]
    assert pairwise(gold, predicted).f1 == 1.0
    assert bcubed(gold, predicted).f1 == 1.0


def test_one_big_cluster_has_full_recall_and_known_precision() -> None:
    gold = ["a", "a", "b", "b"]
    predicted = ["x"] * 4
    assert pairwise(gold, predicted).recall == 1.0
    assert pairwise(gold, predicted).precision == pytest.approx(2 / 6)
    assert bcubed(gold, predicted).precision == pytest.approx(0.5)
    assert bcubed(gold, predicted).recall == 1.0


def test_singletons_have_full_precision_and_known_recall() -> None:
    gold = ["a", "a", "a", "b"]
    predicted = [1, 2, 3, 4]
    scores = bcubed(gold, predicted)
    assert scores.precision == 1.0
    assert scores.recall == pytest.approx((3 * (1 / 3) + 1) / 4)
    assert pairwise(gold, predicted).precision == 1.0  # no predicted pairs: nothing wrong said


def test_copy_groups_follow_duplicate_chains() -> None:
    ids = ["o", "c1", "c2", "x"]
    assert copy_groups(ids, [None, "o", "c1", None]) == ["o", "o", "o", "x"]


def test_flag_scores() -> None:
    scores = flag_scores([True, False, True, False], [True, True, False, False])
    assert (scores.precision, scores.recall) == (0.5, 0.5)


# ------------------------------------------------------------------ the test set


def load_builder():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("dedup_gold_build", GOLD / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_gold_files_are_what_the_builder_writes() -> None:
    articles, clusters = load_builder().build()
    on_disk = [json.loads(line) for line in (GOLD / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    gold = [json.loads(line) for line in (GOLD / "clusters.jsonl").read_text(encoding="utf-8").splitlines()]
    assert articles == on_disk
    assert clusters == gold
    for message in articles:
        schemas.validate("articles", message)
    kinds = {c["article_id"].rsplit("--", 1)[-1].rstrip("0123456789") for c in gold if c["duplicate_of"]}
    assert kinds == {"trimmed", "reheadlined", "shuffled", "repost", "writethrough"}


def test_gold_set_goals() -> None:
    """Near-verbatim pairwise F1 >= 0.98; the seeds one story with no near-verbatim pair among them."""
    articles = read_articles(GOLD / "articles.jsonl")
    gold = read_clusters(GOLD / "clusters.jsonl")
    report = evaluate_gold(articles, gold, Settings())
    assert report.copies_pairwise.f1 >= 0.98
    assert report.new_versions.f1 >= 0.9
    assert report.stories_bcubed.f1 >= 0.9
    assert report.near_dup_bytes_per_article <= 1024


def test_evaluate_gold_rejects_unlabelled_articles() -> None:
    articles = read_articles(GOLD / "articles.jsonl")
    with pytest.raises(ValueError, match="no gold label"):
        evaluate_gold(articles, {}, Settings())


def test_bench_lookup_finds_the_copies_among_synthetic_signatures() -> None:
    articles = read_articles(GOLD / "articles.jsonl")
    gold = read_clusters(GOLD / "clusters.jsonl")
    (result,) = bench_lookup([2000], articles, Settings())
    assert result.indexed == 2000
    assert result.copies_found == sum(1 for c in gold.values() if c["duplicate_of"])
    assert 0 < result.near_dup_bytes_per_article <= 1024


# ------------------------------------------------------------------ CLI


def test_cli_dedup_prints_one_valid_verdict_per_article() -> None:
    result = CliRunner().invoke(main, ["dedup", str(GOLD / "articles.jsonl")])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert len(lines) == len(read_articles(GOLD / "articles.jsonl"))
    for line in lines:
        schemas.validate("dedup", line)


def test_cli_eval_dedup() -> None:
    result = CliRunner().invoke(
        main, ["eval", "dedup", "--gold", str(GOLD / "clusters.jsonl"), str(GOLD / "articles.jsonl")]
    )
    assert result.exit_code == 0, result.output
    assert "near-verbatim pairwise" in result.output and "B-cubed" in result.output


def test_cli_bench_dedup_small() -> None:
    result = CliRunner().invoke(main, ["bench", "dedup", "--sizes", "500", "--articles", str(GOLD / "articles.jsonl")])
    assert result.exit_code == 0, result.output
    assert "500 indexed" in result.output and "us/lookup" in result.output


def test_cli_bench_dedup_rejects_bad_sizes() -> None:
    result = CliRunner().invoke(main, ["bench", "dedup", "--sizes", "ten"])
    assert result.exit_code != 0
    assert "--sizes" in result.output


def test_cli_eval_uci_missing_data_is_a_user_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["eval", "uci", "--data", str(tmp_path)])
    assert result.exit_code == 1
    assert UCI_CSV in result.output


@pytest.mark.skipif(not (UCI / UCI_CSV).is_file(), reason="shared UCI prefix not present")
def test_cli_eval_uci_scores_above_the_minhash_baseline() -> None:
    result = CliRunner().invoke(main, ["eval", "uci"])
    assert result.exit_code == 0, result.output
    bcubed_line = next(line for line in result.output.splitlines() if line.startswith("B-cubed"))
    assert float(bcubed_line.split("F1")[1].split()[0]) >= 0.6


def test_timing_only_rule_starts_a_story_after_each_long_gap() -> None:
    from pipeline.evaluation.dedup import timing_only

    assert timing_only([0, 1_000, 2_000, 60_000, 61_000, 200_000]) == [0, 0, 0, 1, 1, 2]
    assert timing_only([]) == []
