"""Scoring functions of the extract evaluation."""

from __future__ import annotations

from pipeline.evaluation.extract import key_pair_f1, same_speaker, score_figures


def fig(value, text, measure="deaths", subject="Ukraine / military", key="k1", **extra):
    base = {
        "article_id": "a",
        "value": value,
        "text": text,
        "measure": measure,
        "subject": subject,
        "key": key,
        "qualifier": "exact",
        "attributed_to": "Volodymyr Zelensky",
        "as_of": "2026-02-04",
    }
    base.update(extra)
    return base


def test_perfect_and_partial_scores() -> None:
    gold = [dict(fig(55000, "55,000"), key_group="g1"), dict(fig(12, "12", measure="injured"), key_group="g2")]
    preds = [fig(55000, "55,000", attributed_to="Zelenskiy"), fig(12, "12", measure="deaths", key="k2")]
    score = score_figures(preds, gold)
    assert score.precision == 0.5 and score.recall == 0.5
    assert score.attribution_acc == 1.0
    assert score.as_of_acc == 1.0


def test_speaker_alias_insensitive() -> None:
    assert same_speaker("Oleksandr Syrskyi", "Oleksandr Shirsky")
    assert not same_speaker("Donald Trump", "Steve Witkoff")


def test_key_pair_f1() -> None:
    pairs = [({"key": "a"}, {"key_group": "x"}), ({"key": "a"}, {"key_group": "x"}), ({"key": "b"}, {"key_group": "y"})]
    assert key_pair_f1(pairs) == 1.0


def test_vague_predictions_are_not_scored_and_same_text_pairs_first() -> None:
    gold = [dict(fig(55000, "55,000"), key_group="g1"), dict(fig(55000, "around 55,000"), key_group="g1")]
    preds = [fig(55000, "around 55,000", qualifier="approx"), fig(55000, "55,000"), fig(1000, "thousands", vague=True)]
    gold[1].update(qualifier="approx", as_of="2026-02-05")  # another day's claim of the same value
    score = score_figures(preds, gold)
    assert score.n_pred == 2 and score.precision == 1.0 and score.qualifier_acc == 1.0


def test_a_claim_the_gold_annotates_at_every_mention_is_scored_once() -> None:
    gold = [dict(fig(55000, "55,000"), key_group="g1"), dict(fig(55000, "an estimated 55,000"), key_group="g1")]
    score = score_figures([fig(55000, "55,000")], gold)
    assert (score.n_gold, score.precision, score.recall) == (1, 1.0, 1.0)
