"""Scoring the extract stage: against gold figures, on NewsQuant, and the optimised-vs-naive benchmark."""

from __future__ import annotations

import json
import math
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.dedup import story_contexts
from pipeline.extract import Extractor
from pipeline.extract.numbers import Quantity
from pipeline.extract.speakers import clean_name, same_surname
from pipeline.ingest import Article
from pipeline.settings import Settings


@dataclass(frozen=True)
class ExtractScore:
    """Figure-level P/R/F1 (value+measure+subject) and the accuracies of the other fields over matches."""

    n_pred: int
    n_gold: int
    matched: int
    correct: int
    qualifier_acc: float
    attribution_acc: float
    as_of_acc: float
    key_f1: float

    @property
    def precision(self) -> float:
        """Share of predictions that match a gold figure with the right measure and subject."""
        return self.correct / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        """Share of gold figures found with the right measure and subject."""
        return self.correct / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def lines(self) -> list[str]:
        """The report as printed by `wiretally eval extract`."""
        return [
            f"figures: {self.n_gold} gold, {self.n_pred} predicted, {self.matched} matched by value and span",
            f"value+measure+subject  P {100 * self.precision:5.1f}  R {100 * self.recall:5.1f}  "
            f"F1 {100 * self.f1:5.1f}",
            f"qualifier accuracy     {100 * self.qualifier_acc:5.1f}",
            f"attributed_to accuracy {100 * self.attribution_acc:5.1f}",
            f"as_of accuracy         {100 * self.as_of_acc:5.1f}",
            f"key grouping pair F1   {100 * self.key_f1:5.1f}",
        ]


def _norm(text: str | None) -> str:
    return " ".join((text or "").lower().split())


def _same_value(a: float, b: float) -> bool:
    return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)


def _same_span(pred: str, gold: str) -> bool:
    p, g = _norm(pred), _norm(gold)
    return p == g or p in g or g in p


_UNIT_SUFFIX = re.compile(r"\s*\((?:percent|[A-Z]{3})\)$")


def _same_measure(pred: str | None, gold: str | None) -> bool:
    """Measures equal up to spelling ("hospitalised" and "hospitalized" are one measure) and up to the unit the
    label ends with ("growth (percent)", "fee (EUR)"): these gold files give the unit in fields of its own."""

    def bare(measure: str | None) -> str:
        return re.sub(r"is(e|ed|ing|ation)\b", r"iz\1", _norm(_UNIT_SUFFIX.sub("", measure or "")))

    return bare(pred) == bare(gold)


def same_subject(pred: str | None, gold: str | None) -> bool:
    """Subjects equal as "Country / group": the gold names the country; a place before it ("Jajarkot, Nepal")
    says more, not otherwise, so it is compared only when the gold names one too."""
    if _norm(pred) == _norm(gold):
        return True
    if not pred or not gold or "," in gold.split(" / ")[0]:
        return False
    head, _, group = pred.partition(" / ")
    return _norm(f"{head.rsplit(', ', 1)[-1]} / {group}" if group else head.rsplit(", ", 1)[-1]) == _norm(gold)


def same_speaker(pred: str | None, gold: str | None) -> bool:
    """Alias-insensitive speaker comparison: surnames equal after transliteration-insensitive matching."""
    if not pred or not gold:
        return not pred and not gold
    if _norm(pred) == _norm(gold):
        return True
    wp, wg = clean_name(pred).split(), clean_name(gold).split()
    if wp and wg and same_surname(wp[-1], wg[-1]):
        return True
    # Organisations: one name contains the other ("interior ministry" in "Ukraine's interior ministry").
    return _norm(pred) in _norm(gold) or _norm(gold) in _norm(pred)


def match_figures(
    preds: Sequence[dict[str, Any]], golds: Sequence[dict[str, Any]]
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Pairs (pred, gold) in one article: same value and overlapping text, each used once, in order.

    Same-text pairs are made first, so "55,000" is not taken by a gold "around 55,000" that has its own match."""
    used: set[int] = set()
    paired: dict[int, dict[str, Any]] = {}
    for exact in (True, False):
        for i, gold in enumerate(golds):
            if i in paired:
                continue
            for j, pred in enumerate(preds):
                same = _norm(pred["text"]) == _norm(gold["text"]) if exact else _same_span(pred["text"], gold["text"])
                if j not in used and _same_value(pred["value"], gold["value"]) and same:
                    used.add(j)
                    paired[i] = pred
                    break
    return [(paired[i], gold) for i, gold in enumerate(golds) if i in paired]


def score_figures(preds: Iterable[dict[str, Any]], golds: Iterable[dict[str, Any]]) -> ExtractScore:
    """Score figure messages (dicts with article_id, text, value, ...) against gold figure lines."""
    by_article_pred: dict[str, list[dict[str, Any]]] = {}
    by_article_gold: dict[str, list[dict[str, Any]]] = {}
    for p in preds:
        if p.get("vague"):
            continue  # the gold does not annotate vague amounts ("thousands")
        by_article_pred.setdefault(p["article_id"], []).append(p)
    for g in _claims(golds):
        by_article_gold.setdefault(g["article_id"], []).append(g)
    n_pred = sum(len(v) for v in by_article_pred.values())
    n_gold = sum(len(v) for v in by_article_gold.values())
    pairs: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for article_id, golds_here in by_article_gold.items():
        pairs.extend(match_figures(by_article_pred.get(article_id, []), golds_here))
    correct = [
        (p, g)
        for p, g in pairs
        if _same_measure(p["measure"], g["measure"]) and same_subject(p["subject"], g["subject"])
    ]
    n = len(pairs) or 1
    qualifier = sum(p["qualifier"] == g["qualifier"] for p, g in pairs) / n
    attribution = sum(same_speaker(p.get("attributed_to"), g.get("attributed_to")) for p, g in pairs) / n
    as_of = sum(str(p["as_of"]).startswith(str(g["as_of"])) for p, g in pairs) / n
    return ExtractScore(n_pred, n_gold, len(pairs), len(correct), qualifier, attribution, as_of, key_pair_f1(pairs))


def _claims(golds: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One gold line per claim an article makes: these gold files annotate every mention of a figure, the product
    gives a claim once, at its first mention (wire_dev's rule: the same value for the same key and day)."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    for g in golds:
        claim = (g["article_id"], g.get("key_group"), float(g["value"]), g.get("as_of"))
        if claim not in seen:
            seen.add(claim)
            out.append(g)
    return out


def key_pair_f1(pairs: Sequence[tuple[dict[str, Any], dict[str, Any]]]) -> float:
    """Pairwise F1 of "same predicted key" against "same gold key_group" over matched figures."""
    tp = fp = fn = 0
    for i in range(len(pairs)):
        for j in range(i + 1, len(pairs)):
            same_pred = pairs[i][0]["key"] == pairs[j][0]["key"]
            same_gold = pairs[i][1]["key_group"] == pairs[j][1]["key_group"]
            tp += same_pred and same_gold
            fp += same_pred and not same_gold
            fn += same_gold and not same_pred
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return 2 * p * r / (p + r) if p + r else 0.0


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Every JSON object in a JSONL file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate(
    extractor: Extractor, articles: Sequence[Article], gold: Sequence[dict[str, Any]], settings: Settings
) -> ExtractScore:
    """Run dedup and the extractor over the articles, as the stream does, and score the figures against the gold."""
    stories = story_contexts(articles, settings)
    preds = [f.to_message() for _, fs in extractor.extract_many(articles, stories=stories) for f in fs]
    return score_figures(preds, gold)


# ---- NewsQuant ----
_NQ_BOUND = {"approx": "~", "more_than": ">", "at_least": ">", "less_than": "<", "at_most": "<"}


def newsquant_prediction(quantity: Quantity) -> dict[str, Any]:
    """One quantity in NewsQuant's prediction form (score.py): value or low/high, and the change label."""
    # NewsQuant labels a bounded change ("up more than 19%") by its bound, a plain one by its direction.
    # A hedged change ("up nearly 57%") is labelled by its direction: the gold does so 4 times to 2.
    hedged_change = quantity.hedge in ("approx", "less_than", "at_most") and quantity.change
    bound = None if hedged_change else _NQ_BOUND.get(quantity.hedge)
    change = bound or quantity.change or "="
    if quantity.low is not None and quantity.high is not None:
        return {"low": quantity.low, "high": quantity.high, "change": change}
    return {"value": quantity.value, "change": change}


def _close(a: Any, b: Any) -> bool:
    return a is not None and b is not None and math.isclose(float(a), float(b), rel_tol=1e-5, abs_tol=1e-8)


def _gold_bounds(v: Any) -> tuple[float, float]:
    v = str(v)
    if "E" not in v and not v.startswith("-") and "-" in v:
        a, b = v.split("-", 1)
        return float(a), float(b)
    return float(v), float(v)


def _nq_matches(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    # The same matching rule as shared/benchdata/newsquant/score.py.
    low, high = _gold_bounds(gold["value"])
    if low != high and _close(pred.get("low"), low) and _close(pred.get("high"), high):
        return True
    value = pred.get("value")
    if value is None and pred.get("low") is not None and pred.get("high") is not None:
        value = (float(pred["low"]) + float(pred["high"])) / 2
    return _close(value, (low + high) / 2)


def score_newsquant(extractor: Extractor, data: Sequence[dict[str, Any]]) -> dict[str, tuple[float, float, float]]:
    """Value and value+change (P, R, F1) in percent over NewsQuant items ({"text", "quantities"})."""
    tp = tp_change = n_pred = n_gold = 0
    for item in data:
        preds = [newsquant_prediction(q) for q in extractor.quantities(item["text"])]
        n_pred += len(preds)
        n_gold += len(item["quantities"])
        used: set[int] = set()
        for gold in item["quantities"]:
            for j, pred in enumerate(preds):
                if j not in used and _nq_matches(gold, pred):
                    used.add(j)
                    tp += 1
                    tp_change += pred["change"] == gold["change"]
                    break

    def prf(hits: int) -> tuple[float, float, float]:
        p = hits / n_pred if n_pred else 0.0
        r = hits / n_gold if n_gold else 0.0
        return 100 * p, 100 * r, (200 * p * r / (p + r) if p + r else 0.0)

    return {"value": prf(tp), "value+change": prf(tp_change)}


# ---- benchmark ----
@dataclass(frozen=True)
class BenchResult:
    """Throughput of one extraction path and its F1 on the gold."""

    name: str
    articles: int
    seconds: float
    f1: float

    @property
    def articles_per_second(self) -> float:
        """Articles processed per second."""
        return self.articles / self.seconds if self.seconds else float("inf")


def bench(
    extractor: Extractor, articles: Sequence[Article], gold: Sequence[dict[str, Any]], repeat: int = 3
) -> tuple[BenchResult, BenchResult]:
    """Optimised path vs the naive baseline (full pipeline over whole articles), in the same run."""
    extractor.extract(articles[0])  # warm-up: model weights and lazy caches
    t0 = time.perf_counter()
    for _ in range(repeat):
        optimised = [f.to_message() for _, figs in extractor.extract_many(articles) for f in figs]
    t1 = time.perf_counter()
    for _ in range(repeat):
        naive = [f.to_message() for a in articles for f in extractor.extract_naive(a)]
    t2 = time.perf_counter()
    n = len(articles) * repeat
    return (
        BenchResult("optimised", n, t1 - t0, score_figures(optimised, gold).f1),
        BenchResult("naive", n, t2 - t1, score_figures(naive, gold).f1),
    )
