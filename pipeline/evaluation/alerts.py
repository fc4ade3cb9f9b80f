"""Offline evaluation of updates and alerts: articles through the stream's cores, scored against gold events.

`run_offline` does what a worker does, without Kafka: each article (read as replay reads it, in
published_at order, ties by id) is parsed from its published bytes by `ingest.parse_article`,
judged by one `Deduplicator`, extracted by the `Extractor`; its figures carry the dedup verdict
as the extract agent attaches it, are ordered by `claims.order_for_apply`, folded into a dict by
`claims.apply_figure`, and contradictions pass `alerts.alert_for`. `score` matches system updates
to gold events as wire_dev's score.py does (kind, new value, and old value when the gold gives
one), and `AlertReport.lines` explains every false and missed event: key, old and new claim,
sources, as-of days, rule and reason.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from pipeline import alerts, claims, ingest
from pipeline.ingest import Article, Rejection

KINDS = ("update", "contradiction")
# wire_dev's score.py: equal, or within 0.5% of the larger.
VALUE_TOLERANCE = 0.005
# A fixed clock for emitted_at, so that two runs print the same messages.
EVAL_NOW = datetime(2000, 1, 1, tzinfo=UTC)


class FigureSource(Protocol):
    """What `run_offline` needs of the extractor."""

    def extract(self, article: Article, story: Mapping[str, str] | None = None) -> Sequence[Any]:
        """The article's figures (objects with `to_message()`), read in its story's country."""
        ...


class VerdictSource(Protocol):
    """What `run_offline` needs of the deduplicator."""

    def observe(self, article: Article) -> Any:
        """The article's dedup verdict (a `dedup.Verdict`)."""
        ...


@dataclass(frozen=True)
class Trace:
    """One figure as the claims stage saw it, and what it did."""

    figure: dict[str, Any]
    kind: claims.ChangeKind
    explanation: str


@dataclass
class OfflineRun:
    """What the cores produced for a list of articles."""

    updates: list[dict[str, Any]] = field(default_factory=list)
    alerts: list[dict[str, Any]] = field(default_factory=list)
    table: dict[str, dict[str, Any]] = field(default_factory=dict)
    traces: list[Trace] = field(default_factory=list)
    rejected: list[tuple[int, Rejection]] = field(default_factory=list)
    articles: int = 0

    def output_lines(self) -> list[str]:
        """The updates and alerts as `wiretally replay` prints them: {"topic": ..., "value": ...} per line."""
        lines = [json.dumps({"topic": "updates", "value": u}, ensure_ascii=False) for u in self.updates]
        lines += [json.dumps({"topic": "alerts", "value": a}, ensure_ascii=False) for a in self.alerts]
        return lines


def published_bytes(articles: Iterable[Article]) -> list[bytes]:
    """Each article as the bytes `wiretally publish` and replay send to the articles topic."""
    return [json.dumps(a.to_message(), ensure_ascii=False).encode("utf-8") for a in articles]


def figure_message(figure: Any, article: Article, verdict: Any) -> dict[str, Any]:
    """A figures message: the extractor's figure with the article's dedup verdict, as the extract agent sends it."""
    message: dict[str, Any] = figure.to_message()
    message.update(
        story_id=verdict.story_id,
        duplicate_of=verdict.duplicate_of,
        is_new_version=verdict.is_new_version,
        story_sources=verdict.story_sources,
        article_version=article.version,
    )
    return message


def run_offline(
    raw_articles: Iterable[bytes],
    extractor: FigureSource,
    deduplicator: VerdictSource,
    policy: claims.Policy,
    min_confidence: float,
    max_article_bytes: int,
) -> OfflineRun:
    """Ingest, dedup, extract, claims and alerts over the articles in published_at order (ties by id)."""
    run = OfflineRun()
    parsed: list[Article] = []
    for number, raw in enumerate(raw_articles, start=1):
        article = ingest.parse_article(raw, max_article_bytes)
        if isinstance(article, Rejection):
            run.rejected.append((number, article))
        else:
            parsed.append(article)
    seen: set[str] = set()
    for article in sorted(parsed, key=lambda a: (a.published_at, a.id)):
        run.articles += 1
        verdict = deduplicator.observe(article)
        found = extractor.extract(article, verdict.story_context)
        messages = [figure_message(f, article, verdict) for f in found]
        for figure in claims.order_for_apply(messages):
            outcome = claims.apply_figure(run.table.get(figure["key"]), figure, policy, EVAL_NOW)
            if outcome.entry is not None:
                run.table[figure["key"]] = outcome.entry
            run.traces.append(Trace(figure, outcome.kind, outcome.explanation))
            for update in outcome.messages:
                if update["id"] in seen:
                    continue  # a late figure re-judged a later one the same way: sent already
                seen.add(update["id"])
                run.updates.append(update)
                alert = alerts.alert_for(update, min_confidence)
                if alert is not None:
                    run.alerts.append(alert)
    return run


# --- scoring ---------------------------------------------------------------------------------------


def same_number(a: Any, b: Any) -> bool:
    """score.py's value match: equal, or within 0.5% of the larger."""
    try:
        x, y = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return x == y or abs(x - y) <= VALUE_TOLERANCE * max(abs(x), abs(y))


def matches(gold: Mapping[str, Any], update: Mapping[str, Any]) -> bool:
    """score.py's rule: the same kind and new value, and the old value when the gold gives one."""
    if update["kind"] != gold["kind"] or not same_number(gold["new_value"], update["new"]["value"]):
        return False
    return gold.get("old_value") is None or same_number(gold["old_value"], update["old"]["value"])


@dataclass(frozen=True)
class Counts:
    """True positives, false positives and false negatives of one kind (or all)."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 0 when nothing was emitted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 0 when there was nothing to find."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self, name: str) -> str:
        """One row of the report table."""
        return (
            f"{name:<14} P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}  "
            f"(tp {self.tp}, fp {self.fp}, fn {self.fn})"
        )


@dataclass(frozen=True)
class AlertReport:
    """Matches of system updates to gold events, with what it takes to explain the misses."""

    gold: list[dict[str, Any]]
    updates: list[dict[str, Any]]
    matched: dict[int, int]  # gold index -> update index
    run: OfflineRun | None = None

    def counts(self, kind: str | None = None) -> Counts:
        """Counts for one kind, or overall."""
        gold = [i for i, g in enumerate(self.gold) if kind in (None, g["kind"])]
        system = [i for i, u in enumerate(self.updates) if kind in (None, u["kind"])]
        tp = sum(1 for i in gold if i in self.matched)
        return Counts(tp, len(system) - tp, len(gold) - tp)

    def alert_counts(self) -> Counts | None:
        """Counts for what reaches the alerts topic: the confident contradictions against the gold ones."""
        if self.run is None:
            return None
        alerted = {alert["update"]["id"] for alert in self.run.alerts}
        gold = [i for i, g in enumerate(self.gold) if g["kind"] == "contradiction"]
        tp = sum(1 for i in gold if i in self.matched and self.updates[self.matched[i]]["id"] in alerted)
        return Counts(tp, len(alerted) - tp, len(gold) - tp)

    def false_updates(self) -> list[dict[str, Any]]:
        """System updates that match no gold event."""
        used = set(self.matched.values())
        return [u for i, u in enumerate(self.updates) if i not in used]

    def missed(self) -> list[dict[str, Any]]:
        """Gold events no system update matched."""
        return [g for i, g in enumerate(self.gold) if i not in self.matched]

    def lines(self) -> list[str]:
        """The report: a table by kind, then every false and missed event explained."""
        by_kind = {kind: sum(1 for u in self.updates if u["kind"] == kind) for kind in KINDS}
        out = []
        if self.run is not None:
            alerted = len(self.run.alerts)
            out.append(
                f"{self.run.articles} articles, {len(self.run.traces)} figures, {len(self.run.table)} keys; "
                f"system: {by_kind['update']} updates, {by_kind['contradiction']} contradictions "
                f"({alerted} confident enough for alerts); gold: {len(self.gold)}"
            )
            for number, rejection in self.run.rejected:
                out.append(f"  article {number} rejected by ingest: {rejection.reason}: {rejection.detail}")
        out += [self.counts(kind).line(kind) for kind in KINDS]
        out.append(self.counts().line("overall"))
        paged = self.alert_counts()
        if paged is not None:
            out.append(paged.line("alerts topic"))  # what pages an operator: confident contradictions only
        false = self.false_updates()
        out.append(f"false ({len(false)}):")
        out += [f"  {line}" for u in false for line in explain_update(u)]
        missed = self.missed()
        out.append(f"missed ({len(missed)}):")
        for gold in missed:
            out += [f"  {line}" for line in explain_missed(gold, self.run)]
        out.append(f"alert F1 = {self.counts().f1:.3f}")
        return out


def score(
    gold: Sequence[dict[str, Any]], updates: Sequence[dict[str, Any]], run: OfflineRun | None = None
) -> AlertReport:
    """Greedy matching in gold order, each update used once, as wire_dev's score.py does."""
    matched: dict[int, int] = {}
    used: set[int] = set()
    for gi, event in enumerate(gold):
        for ui, update in enumerate(updates):
            if ui not in used and matches(event, update):
                matched[gi] = ui
                used.add(ui)
                break
    return AlertReport(list(gold), list(updates), matched, run)


def _claim_text(claim: Mapping[str, Any]) -> str:
    who = claim.get("attributed_to") or "unattributed"
    role = claim.get("article_role", "lead")
    return (
        f"{claim['value']:g} {claim['text']!r} ({who}; {claim['source']}, article {claim['article_id']}, "
        f"as of {str(claim['as_of'])[:10]}, {role})"
    )


def explain_update(update: Mapping[str, Any]) -> list[str]:
    """Lines for one system update: kind, confidence, key, old and new claim, rule and reason."""
    return [
        f"[{update['kind']} {update['confidence']:.2f}] {update['key']}: {update['old']['value']:g} -> "
        f"{update['new']['value']:g} ({update['rule']})",
        f"    old: {_claim_text(update['old'])}",
        f"    new: {_claim_text(update['new'])}",
        f"    reason: {update['reason']}",
    ]


def explain_missed(gold: Mapping[str, Any], run: OfflineRun | None) -> list[str]:
    """Lines for one missed gold event, with what the system did with figures of that value in its article."""
    old = "?" if gold.get("old_value") is None else f"{float(gold['old_value']):g}"
    lines = [
        f"[{gold['kind']}] after {gold.get('after_article_id')}: {gold.get('key')}: {old} -> "
        f"{float(gold['new_value']):g} ({gold.get('note') or 'no note'})"
    ]
    if run is None:
        return lines
    article_id = gold.get("after_article_id")
    found = [
        t
        for t in run.traces
        if t.figure["article_id"] == article_id and same_number(t.figure["value"], gold["new_value"])
    ]
    if not found:
        lines.append(f"    no figure of value {float(gold['new_value']):g} was extracted from {article_id}")
    for trace in found:
        figure = trace.figure
        role = figure.get("article_role", "lead")
        flags = "" if claims.is_resolved(figure) else ", unresolved"
        lines.append(
            f"    {figure['text']!r} in {article_id}: key {figure['key']} ({role}{flags}, as of "
            f"{str(figure['as_of'])[:10]}, {figure.get('attributed_to') or 'unattributed'}): {trace.kind}: "
            f"{trace.explanation}"
        )
    if gold.get("old_value") is not None:
        keys = sorted(
            {
                t.figure["key"]
                for t in run.traces
                if same_number(t.figure["value"], gold["old_value"]) and t.figure["article_id"] != article_id
            }
        )
        if keys:
            lines.append(f"    the old value {old} was filed under: {', '.join(keys)}")
    return lines


def read_gold(path: Path) -> list[dict[str, Any]]:
    """Gold events, one JSON object per line (wire_dev's gold_events.jsonl shape)."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
