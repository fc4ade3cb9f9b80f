"""Claims stage core: fold figures into a rolling table of the latest claim per claim key.

The alert rules are those of the wire_dev annotation (its README, "Alert rules"):

* **update**: the same key, a later as-of day (or, in one article, a figure the text dates
  later, or a later version of the same article), and a change the measure allows: a
  cumulative total grows; other counts, rates and shares may move either way.
* **contradiction**: the same key and as-of day from *different* sources (an attributed
  figure's source is its speaker, an unattributed one's the outlet; two speakers in one
  article count) with values that cannot both hold once qualifiers are applied; or a
  cumulative total that goes down.
* nothing for corroboration (a compatible value), history (an older as-of day), figures of a
  near-verbatim copy, one source's figures in one article against each other, a key's first
  figure, and figures whose subject or measure is unresolved (kept, flagged, never compared).

The "latest" claim is the last one applied, even when it contradicted or only corroborated.
`order_for_apply` orders one article's figures (oldest as-of first) and marks, per key, the
article's newest figure of each disagreeing source as a `lead`; the others are `context`
(history, or the key's first claim), so an article raises at most one update per key.

Modules: `values` (qualifiers as intervals, compatibility, sources, identities), `article` (one
article's apply order and leads), `rules` (the verdict on a claim, with confidence and reason),
`table` (the per-key fold, re-ordering of late figures, entries and updates messages), `retention`
(which keys have gone untouched long enough to leave the table). No Kafka:
the Faust agent, offline evaluation and tests call the same functions. Delivery is at-least-once:
a figure already applied (same id, article version and publication time) changes nothing.
"""

from pipeline.claims import retention
from pipeline.claims.article import ArticleRole, order_for_apply
from pipeline.claims.rules import Judgement, UpdateRule, judge
from pipeline.claims.table import ChangeKind, Outcome, Policy, apply_figure, apply_figures, update_id
from pipeline.claims.values import (
    Interval,
    Qualifier,
    article_token,
    as_of_time,
    claim_of,
    compatible,
    figure_token,
    interval_of,
    is_resolved,
    point_value,
    relative_gap,
    same_value,
    source_of,
)

__all__ = [
    "ArticleRole",
    "ChangeKind",
    "Interval",
    "Judgement",
    "Outcome",
    "Policy",
    "Qualifier",
    "UpdateRule",
    "apply_figure",
    "apply_figures",
    "article_token",
    "as_of_time",
    "claim_of",
    "compatible",
    "figure_token",
    "interval_of",
    "is_resolved",
    "judge",
    "order_for_apply",
    "point_value",
    "relative_gap",
    "retention",
    "same_value",
    "source_of",
    "update_id",
]
