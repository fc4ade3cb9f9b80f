"""One article's figures: the order the claims stage applies them in, and which of them may raise an alert."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from pipeline.claims.values import PRECISION, as_of_time, compatible, is_resolved, point_value, source_of

ArticleRole = Literal["lead", "context"]


def order_for_apply(figures: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One article's figures in the order the claims stage applies them, each marked lead or context.

    Per key: figures dated before the article's newest as-of for that key are context (history,
    or the key's first claim, so that an article giving the old and the new figure raises the
    update itself); the newest ones are grouped by compatible values, and each group's most
    precise figure is a lead. A lone source giving incompatible values for one key at one time
    (a breakdown the key does not tell apart) has no lead: it raises nothing. Context comes
    before leads, oldest first; `article_seq` records the order. Copies are returned, not changed.
    """
    marked = [dict(f) for f in figures]
    groups: dict[str, list[dict[str, Any]]] = {}
    for message in marked:
        groups.setdefault(message["key"], []).append(message)
    for group in groups.values():
        leads = {id(lead) for lead in _leads(group)}
        for message in group:
            message["article_role"] = "lead" if id(message) in leads else "context"
    ordered = sorted(
        marked,
        key=lambda f: (f["article_role"] == "lead", as_of_time(f), f.get("start", 0), f["id"]),
    )
    for seq, message in enumerate(ordered):
        message["article_seq"] = seq
    return ordered


def _counts(figure: Mapping[str, Any]) -> bool:
    # Figures that can stand for the article's value of a key.
    return is_resolved(figure) and not figure.get("vague") and not figure.get("change")


def _leads(group: list[dict[str, Any]]) -> list[dict[str, Any]]:
    eligible = [f for f in group if _counts(f)]
    if not eligible:
        return []
    newest = max(as_of_time(f) for f in eligible)
    recent = sorted((f for f in eligible if as_of_time(f) == newest), key=lambda f: (f.get("start", 0), f["id"]))
    clusters = _clusters(recent)
    if len(clusters) > 1 and len({source_of(f) for f in recent}) == 1:
        return []
    return [min(cluster, key=_representative_rank) for cluster in clusters]


def _representative_rank(figure: Mapping[str, Any]) -> tuple[int, float, int]:
    # The most precise; then the larger ("at least 223" over "at least 215"); then the later in the text.
    return (PRECISION.get(figure["qualifier"], 5), -point_value(figure), -int(figure.get("start", 0)))


def _clusters(figures: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Groups of figures that can all hold at once, in order of their first figure.

    The most precise figures found the groups; a figure joins the first group it agrees with in full. "some
    12,000" agrees with 12,000 and with 11,400, but 12,000 and 11,400 cannot both hold: two groups, not one.
    """
    clusters: list[list[dict[str, Any]]] = []
    for figure in sorted(figures, key=_representative_rank):
        home = next((c for c in clusters if all(compatible(figure, other) for other in c)), None)
        if home is None:
            clusters.append([figure])
        else:
            home.append(figure)
    position = {id(f): i for i, f in enumerate(figures)}
    return sorted(clusters, key=lambda c: min(position[id(f)] for f in c))
