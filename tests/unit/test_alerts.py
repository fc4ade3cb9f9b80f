"""Alerts core: updates in, alerts (confident contradictions only) and human-readable lines out."""

from __future__ import annotations

from typing import Any

from pipeline import schemas
from pipeline.alerts import DEFAULT_MIN_CONFIDENCE, alert_for, relative_gap, render_table, render_update, severity_of
from pipeline.claims import apply_figures, order_for_apply
from pipeline.settings import Settings
from tests.unit.claims.factory import KEY, NOW, POLICY, figure


def story() -> dict[str, list[dict[str, Any]]]:
    """Three outlets: 55,000 now and an earlier figure in each."""
    return {
        "euronews": [
            figure("euronews-1", "euronews", "2026-02-05T09:05:00Z", 55000, "around 55,000", "2026-02-05", "approx"),
            figure("euronews-1", "euronews", "2026-02-05T09:05:00Z", 43000, "43,000", "2024-12-01", start=300),
        ],
        "reuters": [
            figure("reuters-1", "reuters", "2026-02-04T21:15:00Z", 55000, "55,000", "2026-02-04"),
            figure(
                "reuters-1",
                "reuters",
                "2026-02-04T21:15:00Z",
                46000,
                "more than 46,000",
                "2025-02-01",
                "more_than",
                start=300,
            ),
        ],
        "bbc": [
            figure("bbc-1", "bbc", "2026-02-05T16:20:00Z", 55000, "55,000", "2026-02-04"),
            figure("bbc-1", "bbc", "2026-02-05T16:20:00Z", 43000, "43,000", "2024-12-01", start=300),
        ],
    }


def contradiction(
    old_value: float, new_value: float, new_text: str, new_article: str = "ap-m", **new_extra: Any
) -> dict[str, Any]:
    """Two named sources on one day: the interior minister's figure, then the Red Cross's."""
    figures = [
        figure("reuters-m", "reuters", "2026-03-01T10:00:00Z", old_value, f"{old_value:,.0f}", "2026-03-01"),
        figure(
            new_article, "ap", "2026-03-01T11:00:00Z", new_value, new_text, "2026-03-01",
            **{"attributed_to": "the Red Cross", **new_extra},
        ),
    ]  # fmt: skip
    outcomes = apply_figures({}, figures, POLICY, NOW)
    assert outcomes[1].kind == "contradiction" and outcomes[1].update is not None
    return outcomes[1].update


def test_contradiction_alert_is_critical_for_a_large_gap() -> None:
    update = contradiction(1200, 2500, "2,500")
    alert = alert_for(update)
    assert alert is not None
    schemas.validate("alerts", alert)
    assert alert["severity"] == "critical"
    assert alert["kind"] == "contradiction" and alert["key"] == KEY
    assert alert["update"] == update
    assert alert["summary"].startswith("contradiction: Ukraine / military deaths: Volodymyr Zelensky says 1,200")
    assert "gap 108%" in alert["summary"] and "confidence 0.90" in alert["summary"]


def test_contradiction_alert_is_a_warning_for_a_small_gap() -> None:
    update = contradiction(1200, 1500, "1,500")
    alert = alert_for(update)
    assert alert is not None
    schemas.validate("alerts", alert)
    assert alert["severity"] == "warning"


def test_only_confident_contradictions_are_alerts() -> None:
    doubtful = contradiction(1200, 1400, "about 1,400", qualifier="approx", attributed_to=None)
    assert doubtful["confidence"] < DEFAULT_MIN_CONFIDENCE
    assert alert_for(doubtful) is None
    assert alert_for(doubtful, min_confidence=doubtful["confidence"]) is not None
    assert Settings().alert_min_confidence == DEFAULT_MIN_CONFIDENCE


def test_alert_id_is_deterministic_and_differs_per_update() -> None:
    first, again = contradiction(1200, 2500, "2,500"), contradiction(1200, 2500, "2,500")
    other = contradiction(1200, 2500, "2,500", new_article="afp-m")
    a, b, c = alert_for(first), alert_for(again), alert_for(other)
    assert a is not None and b is not None and c is not None
    assert first["id"] == again["id"] and a["id"] == b["id"]  # a replay re-emits the same ids
    assert a["id"] != c["id"]
    assert a["id"] != first["id"]


def test_no_alert_for_an_update() -> None:
    outcomes = apply_figures({}, order_for_apply(story()["bbc"]), POLICY, NOW)
    updates = [o.update for o in outcomes if o.update is not None]
    assert [u["kind"] for u in updates] == ["update"]
    assert alert_for(updates[0]) is None


def test_relative_gap_and_severity_edges() -> None:
    def claim(value: float, qualifier: str = "exact", **extra: Any) -> dict[str, Any]:
        return {"value": value, "qualifier": qualifier, **extra}

    assert relative_gap(claim(100), claim(150)) == 0.5
    assert severity_of({"old": claim(100), "new": claim(150)}) == "warning"  # exactly 50% is not more than 50%
    assert severity_of({"old": claim(100), "new": claim(151)}) == "critical"
    assert relative_gap(claim(0), claim(10)) == float("inf")
    # A range compares by its lower bound.
    assert relative_gap(claim(1000, "range", low=1000, high=2000), claim(1500)) == 0.5


def test_render_table_and_update_lines() -> None:
    articles = story()
    table: dict[str, dict[str, Any]] = {}
    outcomes = []
    for name in ("reuters", "euronews", "bbc"):
        outcomes += apply_figures(table, order_for_apply(articles[name]), POLICY, NOW)
    update = next(o.update for o in outcomes if o.update is not None)
    assert render_update(update).startswith(
        "UPDATE        [0.85] Ukraine / military deaths: 55,000 (Volodymyr Zelensky, 2026-02-04, reuters) "
        "updates more than 46,000 (2025-02-01): the article dates it after its own earlier figure"
    )
    lines = render_table(table.values()).splitlines()
    assert len(lines) == len(table) and lines == sorted(lines)
    main = next(line for line in lines if line.startswith(KEY))
    assert main == (
        f"{KEY}: around 55,000 (Volodymyr Zelensky, as of 2026-02-05); 3 sources: bbc, euronews, reuters; "
        "earlier: 43,000 (2024-12-01), more than 46,000 (2025-02-01), 55,000 (2026-02-04)"
    )


def test_render_table_shows_disputes_and_unresolved_keys() -> None:
    update = contradiction(1200, 2500, "2,500")
    figures = [
        figure("reuters-m", "reuters", "2026-03-01T10:00:00Z", 1200, "1,200", "2026-03-01"),
        figure("ap-m", "ap", "2026-03-01T11:00:00Z", 2500, "2,500", "2026-03-01", attributed_to="the Red Cross"),
        figure("x-1", "x", "2026-03-01T11:00:00Z", 7, "7", "2026-03-01", key="unknown|amount|point", resolved=False),
    ]
    table: dict[str, dict[str, Any]] = {}
    apply_figures(table, figures, POLICY, NOW)
    rendered = render_table(table.values())
    assert "disputed: 1,200 (reuters, 2026-03-01)" in rendered
    assert "unknown|amount|point: 7 (Volodymyr Zelensky, as of 2026-03-01) [unresolved" in rendered
    assert render_update(update).startswith("CONTRADICTION [0.90] contradiction: Ukraine / military deaths")
