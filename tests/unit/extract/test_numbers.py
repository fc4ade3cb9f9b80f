"""The quantity layer on sentences written for these tests."""

from __future__ import annotations

import pytest

from pipeline.extract.numbers import find_quantities


def one(text: str):
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The agency counted 48,200 households.", 48200),
        ("Exports reached 2.3 million tonnes.", 2.3e6),
        ("Two ferries sank.", 2),
        ("Police detained a dozen protesters.", 12),
        ("The fund holds twenty-five buildings.", 25),
        ("It cost $1.5bn to build.", 1.5e9),
        ("The club paid €300 million for him.", 3e8),
    ],
)
def test_number_forms(text: str, value: float) -> None:
    assert one(text).value == pytest.approx(value)


def test_currency_and_percent_and_temperature() -> None:
    assert one("It cost $1.5bn to build.").currency == "USD"
    assert one("The club paid €300 million.").currency == "EUR"
    assert one("Turnout was 20 per cent.").unit == "percent"
    assert one("Turnout was 61%.").unit == "percent"
    cold = one("Overnight it fell to -20C in the hills.")
    assert (cold.value, cold.unit) == (-20, "temperature")


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("Nearly 400,000 homes lost heat.", "approx"),
        ("Some 3,100 nurses walked out.", "approx"),
        ("At least seven miners died.", "at_least"),
        ("More than 46,000 voters abstained.", "more_than"),
        ("Up to 400 staff will go.", "at_most"),
        ("Fewer than 90 boats returned.", "less_than"),
    ],
)
def test_qualifiers(text: str, qualifier: str) -> None:
    q = one(text)
    assert q.qualifier == qualifier
    assert q.text.lower().startswith(text.split()[0].lower())


def test_ranges_keep_both_ends() -> None:
    q = one("Between 10 and 20 climbers were stranded.")
    assert (q.qualifier, q.low, q.high) == ("range", 10, 20)
    q = one("The repairs will cost 3-4 million euros.")
    assert (q.low, q.high) == (3e6, 4e6)


def test_changes_are_not_levels() -> None:
    q = one("Shares in the miner rose 3% on Monday.")
    assert q.change == "up"
    q = one("Staff numbers were down by 1,200 this year.")
    assert q.change == "down" and q.value == 1200
    q = one("Sales were a third more than last spring.")
    assert q.change == "up"
    assert one("The army lost 5,000 soldiers.").change is None  # a count, not a change


def test_lists_give_one_quantity_each() -> None:
    found = find_quantities("The strikes killed 1,234 civilians and injured 9,876 others.")
    assert [q.value for q in found] == [1234, 9876]


@pytest.mark.parametrize(
    "text",
    [
        "The treaty was signed in 1994.",
        "She was born on 3 March and moved on March 14.",
        "The meeting starts at 10.30pm tonight.",
        "It was his 22nd title.",
        "Call +44 20 7946 0958 for details.",
        "She told France 2 about the plan.",
        "He fought in World War Two.",
        "The F-16 jets arrived.",
    ],
)
def test_non_quantities_are_skipped(text: str) -> None:
    assert find_quantities(text) == []


def test_durations_and_vague_are_marked() -> None:
    assert one("The siege lasted four years.").kind == "duration"
    q = one("Thousands of residents fled.")
    assert q.vague and q.low == 1000


# ---- issue 4: restatements, bounds, ages, names and transcoded pounds (sentences written for these tests) ----
def test_restatement_after_a_unit_word_keeps_the_change() -> None:
    found = find_quantities("The index shed 85 points, or 1.2%, by the close.")
    assert [(q.text, q.change) for q in found] == [("85", "down"), ("1.2%", "down")]


def test_list_continuation_keeps_the_change() -> None:
    found = find_quantities("Shares of Acme were up 4.1%, Globex by 2.2% and Initech rose 1%.")
    assert [q.change for q in found] == ["up", "up", "up"]


def test_change_verb_with_object_before_by() -> None:
    assert one("The chain expects to grow revenue by 12 per cent.").change == "up"


def test_lower_than_is_a_bound_and_averaged_is_approximate() -> None:
    assert one("The weld failed at loads lower than 4.2 tonnes.").qualifier == "less_than"
    assert one("The guard averaged 18.5 points a game.").qualifier == "approx"


def test_age_after_a_name_is_not_a_quantity() -> None:
    assert find_quantities("Maria Lopez, 41, said the water rose quickly.") == []


def test_index_name_is_not_a_quantity() -> None:
    assert [q.text for q in find_quantities("The S&P 500 fell 0.7% and the FTSE 100 rose 0.2%.")] == ["0.7%", "0.2%"]


def test_transcoded_pound_sign_and_million_before_a_counted_noun() -> None:
    q = one("The club paid PS4.5m for the striker.")
    assert (q.value, q.currency) == (4.5e6, "GBP")
    assert one("Ships carried the 3.1m tonnes of grain.").value == 3.1e6


def test_thousands_grouped_by_spaces_are_one_number() -> None:
    assert one("It was followed by more than 3 000 aftershocks.").value == 3000
    assert one("About 12 500 people live in camps.").value == 12500
    # After a month the first number is the day.
    assert [q.value for q in find_quantities("On August 24 300 people fled.")] == [300]


def test_a_change_by_a_number_to_a_much_larger_one_is_the_change_and_the_new_level() -> None:
    found = find_quantities("The toll rose by two to 418 on Friday.")
    assert [(q.value, q.change) for q in found] == [(2, "up"), (418, None)]
    # Two numbers of one size after "by" are a range of the change.
    q = one("Water levels fell by 1 to 1.5 metres.")
    assert (q.qualifier, q.low, q.high, q.change) == ("range", 1, 1.5, "down")


def test_a_value_that_moved_from_one_number_to_another_is_two_for_the_claim_layer() -> None:
    text = "The number of people missing rose from 410 to 1,020 on Friday."
    assert [(q.value, q.qualifier) for q in find_quantities(text, moves=True)] == [(410, "exact"), (1020, "exact")]
    # As NewsQuant annotates it, one range; and a range a value came down from stays one ("down from the $89 to
    # $93 billion it had forecast").
    assert [q.qualifier for q in find_quantities(text)] == ["range"]
    assert [
        q.qualifier
        for q in find_quantities("Sales came to $84 billion, down from the $89 to $93 billion forecast.", moves=True)
    ] == ["exact", "range"]


def test_a_figure_that_went_up_to_a_value_is_that_value_not_a_ceiling() -> None:
    assert one("The bombing toll goes up to 212.").qualifier == "exact"
    assert one("Prices rose up to 9% in March.").qualifier == "exact"
    assert one("Up to 400 staff will go.").qualifier == "at_most"
