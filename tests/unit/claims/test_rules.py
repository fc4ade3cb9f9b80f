"""The alert rules on invented stories: what raises an update, a contradiction, or nothing (issue 15)."""

from __future__ import annotations

from pipeline.alerts import alert_for
from tests.unit.claims.factory import F, article, replay

DAY1, DAY2, DAY3 = "2026-06-01", "2026-06-02", "2026-06-03"


def at(day: str, hour: int = 12) -> str:
    return f"{day}T{hour:02d}:00:00Z"


# --- updates ---------------------------------------------------------------------------------------


def test_issue_15_a_toll_rising_the_next_day_is_an_update_not_a_contradiction() -> None:
    run = replay(
        article("kt-1", "Kyodo", at(DAY1), F(89, "89", DAY1, who="fire agency")),
        article("nh-2", "NHK", at(DAY2, 8), F(106, "106", DAY2, who="prefecture")),
    )
    assert run.events() == [("update", 89, 106)]
    assert run.updates[0]["rule"] == "later_as_of" and run.updates[0]["confidence"] >= 0.9
    assert "2026-06-01 -> 2026-06-02" in run.updates[0]["reason"]


def test_issue_15_a_write_through_with_a_higher_version_updates_its_own_figures() -> None:
    first = article(
        "ferry-1",
        "AP",
        at(DAY1, 7),
        F(12, "at least 12", DAY1, "at_least", who="coast guard"),
        F(30, "more than 30", DAY1, "more_than", who="coast guard", key="ferry|injured"),
        key="ferry|deaths",
    )
    second = article(
        "ferry-1",
        "AP",
        at(DAY1, 13),
        F(19, "at least 19", DAY1, "at_least", who="coast guard"),
        F(45, "more than 45", DAY1, "more_than", who="coast guard", key="ferry|injured"),
        key="ferry|deaths",
        version=2,
    )
    assert [f["id"] for f in first] == [f["id"] for f in second]  # ids come from the article id and the span
    run = replay(first, second)
    assert run.events() == [("update", 12, 19), ("update", 30, 45)]
    assert {u["rule"] for u in run.updates} == {"write_through"}
    assert "version 2 of ferry-1" in run.updates[0]["reason"]
    again = replay(first, second, table=run.table)
    assert set(again.kinds()) == {"repeat"} and again.updates == []


def test_a_republication_under_the_same_id_without_a_version_supersedes_by_time() -> None:
    run = replay(
        article("ap-9", "AP", at(DAY1, 7), F(12, "12", DAY1, who="police")),
        article("ap-9", "AP", at(DAY1, 11), F(15, "15", DAY1, who="police")),
    )
    assert run.events() == [("update", 12, 15)] and run.updates[0]["rule"] == "write_through"


def test_an_article_quoting_the_old_figure_raises_one_update() -> None:
    run = replay(
        article("ap-1", "AP", at(DAY1, 8), F(120, "120", DAY1, who="interior ministry"), key="floods|deaths"),
        article(
            "rt-2",
            "Reuters",
            at(DAY3, 8),
            F(151, "151", DAY3, who="interior ministry"),
            F(120, "up from 120 on Friday", DAY1, who="interior ministry"),
            key="floods|deaths",
        ),
    )
    assert run.events() == [("update", 120, 151)]
    entry = run.table["floods|deaths"]
    assert entry["latest"]["value"] == 151 and [c["value"] for c in entry["history"]] == [120]


def test_only_the_articles_newest_figure_raises_against_the_previous_latest() -> None:
    run = replay(
        article("wp-1", "WaPo", at("2026-09-30"), F(104, "at least 104", "2026-09-30", "at_least")),
        article(
            "nm-2",
            "Newsmax",
            at("2026-10-04"),
            F(215, "at least 215", "2026-10-03", "at_least", who="Axios"),
            F(223, "at least 223", "2026-10-04", "at_least", who="NBC News"),
        ),
    )
    assert run.events() == [("update", 104, 223)]
    assert 215 in [c["value"] for c in run.table["quake|deaths"]["history"]]


def test_an_article_dating_its_figures_morning_and_evening_raises_the_update_itself() -> None:
    run = replay(
        article(
            "sn-1",
            "Spectrum",
            at(DAY1, 22),
            F(30, "30 deaths", f"{DAY1}T19:00:00Z", who="sheriff"),
            F(10, "10 confirmed deaths", f"{DAY1}T09:00:00Z"),
        )
    )
    assert run.events() == [("update", 10, 30)] and run.updates[0]["rule"] == "later_in_article"


def test_counts_that_are_not_cumulative_move_either_way() -> None:
    run = replay(
        article("a", "NHK", at(DAY1), F(12000, "about 12,000", DAY1, "approx"), key="noto|sheltered", scope="point"),
        article("b", "Jiji", at(DAY3), F(3100, "3,100", DAY3), key="noto|sheltered", scope="point"),
    )
    assert run.events() == [("update", 12000, 3100)]
    assert run.updates[0]["confidence"] == 0.8  # an approximate figure is involved


def test_a_level_given_later_with_another_number_updates_one_given_as_a_bound() -> None:
    key = dict(key="greece|firefighters|event:wildfire", scope="point")
    run = replay(
        article("a", "Coast Wire", at(DAY1), F(300, "More than 300", DAY1, "more_than"), **key),
        article("b", "Athens Daily", at(DAY2), F(450, "Some 450", DAY2, "approx"), **key),
        article("c", "Athens Daily", at(DAY3), F(445, "about 445", DAY3, "approx"), **key),
    )
    # "more than 300" on Monday is not what "some 450" on Tuesday says; 445 on Wednesday agrees with 450
    assert run.events() == [("update", 300, 450)]


def test_a_restated_quarter_is_an_update_of_its_own_period() -> None:
    key = {"key": "acme|revenue|2026-q1", "scope": "period"}
    run = replay(
        article("bw-1", "BW", at("2026-05-05"), F(2.7e9, "$2.7 billion", "2026-05-05", who="Acme"), **key),
        article(
            "rt-2",
            "Reuters",
            at("2026-08-04"),
            F(2.6e9, "$2.6 billion", "2026-08-04", who="Acme"),
            F(2.7e9, "from $2.7 billion", "2026-05-05", who="Acme"),
            **key,
        ),
        article("ft-3", "FT", at("2026-08-05"), F(2.6e9, "$2.6 billion", "2026-08-04"), **key),
    )
    assert run.events() == [("update", 2.7e9, 2.6e9)]


def test_the_latest_is_the_last_claim_applied_even_when_only_compatible() -> None:
    run = replay(
        article("np-2", "Naulo", at(DAY1), F(256, "256", DAY1, who="home ministry"), key="quake|injured"),
        article("np-3", "PTI", at(DAY1, 15), F(250, "over 250", DAY1, "more_than"), key="quake|injured"),
        article("np-4", "PTI", at(DAY2), F(250, "over 250", DAY2, "more_than"), key="quake|injured"),
        article("np-6", "PTI", at("2026-06-17"), F(260, "over 260", "2026-06-17", "more_than"), key="quake|injured"),
    )
    assert run.events() == [("update", 250, 260)]
    assert run.kinds() == ["new", "corroboration", "corroboration", "update"]


def test_less_precise_figures_beside_the_newest_do_not_become_the_latest() -> None:
    run = replay(
        article("x-1", "Jiji", at(DAY1), F(75, "75", DAY1)),
        article("x-2", "Xinhua", at(DAY2), F(100, "more than 100", DAY2, "more_than"), F(183, "183", DAY2)),
        article("x-3", "Jiji", at(DAY3), F(240, "240", DAY3)),
    )
    assert run.events() == [("update", 75, 183), ("update", 183, 240)]


def test_a_source_reporting_again_later_the_same_day_is_a_low_confidence_update() -> None:
    run = replay(
        article("efe-1", "EFE", at(DAY1, 9), F(40, "40", DAY1, who="civil defense")),
        article("afp-2", "AFP", at(DAY1, 16), F(52, "52", DAY1, who="civil defense")),
    )
    assert run.events() == [("update", 40, 52)]
    assert run.updates[0]["rule"] == "same_source_later_report" and run.updates[0]["confidence"] == 0.6


# --- contradictions --------------------------------------------------------------------------------


def test_two_named_sources_in_one_article_raise_one_contradiction_whatever_their_order() -> None:
    earlier = article("rt-1", "Reuters", at(DAY2, 9), F(57, "57", DAY2, who="civil protection"))
    for order in ((0, 1), (1, 0)):
        figures = [F(54, "54", DAY2, who="health ministry"), F(57, "put the toll at 57", DAY2, who="civil protection")]
        run = replay(earlier, article("efe-2", "EFE", at(DAY2, 10), *[figures[i] for i in order]))
        assert run.events() == [("contradiction", 57, 54)], order
        update = run.updates[0]
        assert update["confidence"] >= 0.9 and update["rule"] in (
            "different_sources_same_day",
            "sources_in_one_article",
        )
        assert "civil protection says" in update["reason"] and "health ministry says 54" in update["reason"]
        assert alert_for(update) is not None
        entry = run.table["quake|deaths"]
        assert sorted(c["value"] for c in entry["disputed"]) == [54] or entry["latest"]["value"] == 54


def test_two_named_sources_in_one_article_contradict_on_a_new_key() -> None:
    run = replay(
        article("lt-1", "Local", at(DAY1), F(30, "30", DAY1, who="the mayor"), F(42, "42", DAY1, who="the governor"))
    )
    assert run.events() == [("contradiction", 30, 42)]
    assert run.updates[0]["rule"] == "sources_in_one_article"


def test_different_sources_on_the_same_day_contradict_unless_compatible() -> None:
    run = replay(
        article("a", "PTI", at(DAY1, 8), F(210, "210", DAY1, who="state government")),
        article("b", "Onmanorama", at(DAY1, 12), F(308, "over 308", DAY1, "more_than", who="health minister")),
        article("c", "NDTV", at(DAY1, 16), F(300, "over 300", DAY1, "more_than")),
    )
    assert run.events() == [("contradiction", 210, 308)]
    assert run.kinds()[-1] == "corroboration"


def test_a_cumulative_total_revised_down_later_is_a_confident_contradiction() -> None:
    run = replay(
        article("abc-1", "ABC11", at("2026-10-01"), F(57, "57", "2026-10-01", who="county sheriff")),
        article("mx-2", "Xpress", at("2026-10-16"), F(42, "42", "2026-10-16", who="state health department")),
    )
    assert run.events() == [("contradiction", 57, 42)]
    update = run.updates[0]
    assert update["rule"] == "cumulative_revised_down" and update["confidence"] == 0.85
    assert alert_for(update) is not None
    assert run.table["quake|deaths"]["latest"]["value"] == 42  # the last applied, even though it contradicted


def test_a_fall_to_a_toll_that_names_no_place_in_copy_counting_by_place_is_not_alerted() -> None:
    # "Rukum West follows, with 132 injured" read as the nation's: it may be a district's count, not a revision.
    run = replay(
        article("np-1", "ANI", at(DAY1), F(141, "at least 141", DAY1, "at_least", who="police")),
        article("np-2", "Sandesh", at(DAY3), F(132, "132", DAY3, who="home ministry", extra={"placed": False})),
    )
    assert run.events() == [("contradiction", 141, 132)]
    update = run.updates[0]
    assert update["confidence"] < 0.7 and alert_for(update) is None
    assert "no place named" in update["explanation"]


def test_an_update_to_a_toll_that_names_no_place_in_copy_counting_by_place_is_less_confident() -> None:
    run = replay(
        article("np-1", "ANI", at(DAY1), F(141, "at least 141", DAY1, "at_least", who="police")),
        article("np-2", "Sandesh", at(DAY3), F(256, "256", DAY3, who="home ministry", extra={"placed": False})),
    )
    assert run.events() == [("update", 141, 256)]
    update = run.updates[0]
    assert update["confidence"] == 0.7 and "no place named" in update["explanation"]


def test_close_values_from_unnamed_outlets_are_on_updates_but_not_alerted() -> None:
    run = replay(
        article("a", "AP", at(DAY1, 8), F(1000, "about 1,000", DAY1, "approx")),
        article("b", "AFP", at(DAY1, 9), F(1200, "1,200", DAY1)),
    )
    assert run.events() == [("contradiction", 1000, 1200)]
    assert run.updates[0]["confidence"] < 0.7 and alert_for(run.updates[0]) is None


# --- nothing ---------------------------------------------------------------------------------------


def test_corroboration_history_and_new_keys_raise_nothing() -> None:
    run = replay(
        article("m-1", "CNN", at("2026-03-14"), F(294, "294", "2026-03-14"), key="measles|cases"),
        article(
            "m-2",
            "NYT",
            at("2026-03-18"),
            F(290, "More than 290", "2026-03-18", "more_than"),
            F(72, "previously reported 72", "2026-03-03"),
            F(30, "more than 30", "2026-03-18", "more_than", key="measles|cases-nm"),
            key="measles|cases",
        ),
    )
    assert run.updates == []
    assert run.kinds() == ["new", "history", "corroboration", "new"]


def test_a_range_is_compared_by_its_lower_bound_and_a_value_inside_it_agrees() -> None:
    missing = dict(key="floods|missing", scope="point")
    run = replay(
        article("bbc", "BBC", at(DAY1), F(20, "between 20 and 30", DAY1, "range", low=20, high=30), **missing),
        article("kbc", "KBC", at(DAY2), F(25, "25", DAY2, who="Red Cross"), **missing),
        article("std", "Standard", at(DAY3), F(40, "40", DAY3, who="Red Cross"), **missing),
    )
    assert run.kinds() == ["new", "corroboration", "update"]
    assert run.events() == [("update", 25, 40)]
    run = replay(
        article("bbc", "BBC", at(DAY1), F(20, "between 20 and 30", DAY1, "range", low=20, high=30), **missing),
        article("std", "Standard", at(DAY3), F(40, "40", DAY3, who="Red Cross"), **missing),
    )
    assert run.events() == [("update", 20, 40)]


def test_a_near_verbatim_copy_raises_nothing() -> None:
    run = replay(
        article("rt-2", "Reuters", at(DAY2), F(81, "81", DAY2)),
        article("wire-4", "Wire", at(DAY2, 15), F(95, "95", DAY2), duplicate_of="rt-2", is_new_version=False),
    )
    assert run.kinds() == ["new", "duplicate"] and run.updates == []


def test_unresolved_figures_stay_flagged_and_never_alert() -> None:
    # An earnings per share, a transfer fee and an aid allocation, none of whose subjects resolved.
    key = dict(key="unknown|amount|point", scope="point", resolved=False)
    run = replay(
        article("dx1", "RTE", at(DAY1), F(1.2, "1.20", DAY1), **key),
        article("dx5", "Goal", at(DAY2), F(105e6, "GBP105m", DAY2), **key),
        article("np4", "PTI", at(DAY3), F(3e6, "$3 million", DAY3), **key),
    )
    assert run.kinds() == ["unresolved"] * 3 and run.updates == []
    entry = run.table["unknown|amount|point"]
    assert entry["resolved"] is False and entry["latest"]["resolved"] is False
    assert "unresolved" in run.outcomes[0].explanation
    later = replay(article("x", "X", at(DAY3, 18), F(7, "7", DAY3), key="unknown|amount|point"), table=run.table)
    assert later.kinds() == ["new"] and later.table["unknown|amount|point"]["resolved"] is True


def test_every_updates_message_carries_a_confidence_and_a_reason() -> None:
    run = replay(
        article("a", "AP", at(DAY1), F(40, "40", DAY1, who="civil defense")),
        article("b", "EFE", at(DAY1, 15), F(35, "35", DAY1, who="health ministry")),
        article("c", "AP", at(DAY2), F(81, "81", DAY2, who="civil defense")),
    )
    assert [u["kind"] for u in run.updates] == ["contradiction", "update"]
    for update in run.updates:
        assert 0 < update["confidence"] <= 1 and update["reason"] and update["rule"]


def test_a_total_that_falls_to_a_fraction_of_itself_is_another_count_not_a_revision() -> None:
    # "8,300 people in relief camps", later "four camps" read as the same key: another count, not a revision.
    run = replay(
        article("n-1", "Herald", at("2026-08-01"), F(8300, "8,300", "2026-08-01", who="district office")),
        article("x-2", "Express", at("2026-08-09"), F(4, "four", "2026-08-09", who="state minister")),
        article("x-3", "Express", at("2026-08-10"), F(9, "nine", "2026-08-10", who="state minister")),
    )
    assert run.events() == [("update", 4, 9)]
    assert run.kinds() == ["new", "another_count", "update"]
    assert "more than 3 times apart" in run.outcomes[1].explanation
    entry = run.table["quake|deaths"]
    assert entry["latest"]["value"] == 9 and [c["value"] for c in entry["history"]] == [8300, 4]


def test_sources_the_same_day_far_apart_count_different_things() -> None:
    # A district's 38 beside a nation's 5 (or 4 million residents beside 1,862 workers) is no dispute.
    run = replay(
        article("a", "AFP", at(DAY1, 8), F(38, "38", DAY1, who="health ministry")),
        article("b", "AP", at(DAY1, 9), F(5, "five", DAY1, who="environment agency")),
        article("c", "Star", at(DAY1, 10), F(12, "12", DAY1, who="the governor")),
    )
    assert run.events() == [("contradiction", 5, 12)]  # 12 is 2.4 times five: the same thing in dispute
    assert run.kinds() == ["new", "another_count", "contradiction"]


def test_the_outlets_own_round_figure_beside_a_named_count_in_one_article_is_no_dispute() -> None:
    # "More than 15,000 civilians have been killed ... the UN mission said at least 15,210".
    run = replay(
        article(
            "ap-1",
            "AP",
            at(DAY1),
            F(15000, "15,000", DAY1),
            F(15210, "at least 15,210", DAY1, "at_least", who="UN monitoring mission"),
        )
    )
    assert run.events() == []
