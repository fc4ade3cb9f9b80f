"""as_of resolution against the publication date."""

from __future__ import annotations

from datetime import date

from pipeline.extract.timex import find_times

PUBLISHED = date(2026, 3, 12)  # a Thursday


def first(text: str):
    found = find_times(text, PUBLISHED)
    assert found, text
    return found[0]


def test_month_year() -> None:
    t = first("The toll stood at 900 in October 2024.")
    assert (t.iso, t.granularity, t.label) == ("2024-10-01", "month", "2024-10")


def test_weekday_is_most_recent_on_or_before() -> None:
    assert first("The mayor said on Tuesday that 40 were hurt.").iso == "2026-03-10"
    assert first("He spoke on Thursday.").iso == "2026-03-12"


def test_relative_expressions() -> None:
    assert first("Figures from last month show it.").iso == "2026-02-01"
    assert first("As of three months ago the count was 12.").iso.startswith("2025-12")
    assert first("Prices rose in mid-2025.").iso == "2025-07-01"
    assert first("It rained yesterday.").iso == "2026-03-11"


def test_since_marks_a_running_total() -> None:
    t = first("Since February 2022, 300 bridges have been hit.")
    assert t.since
