"""The claim layer's mechanisms (issue 15), each on short articles written for these tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from pipeline.extract import Extractor, load_nlp
from pipeline.extract.events import article_event
from pipeline.extract.places import PlaceContext, country_name, find_places
from pipeline.extract.timex import find_times
from pipeline.ingest import Article


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(load_nlp("en_core_web_sm"))


def article(body: str, headline: str = "", published: str = "2026-05-12T10:00:00+00:00", **kw) -> Article:
    return Article(
        id=kw.get("id", "t-1"),
        source=kw.get("source", "test"),
        published_at=datetime.fromisoformat(published),
        headline=headline,
        body=body,
        version=kw.get("version"),
    )


def by_value(figures) -> dict:
    return {f.value: f for f in figures}


# ---- places ----
def test_a_state_is_not_the_country_inside_its_name() -> None:
    assert [p.name for p in find_places("Cases rose in New Mexico and in Mexico City.")] == ["New Mexico", "Mexico"]
    context = PlaceContext("Outbreak spreads in Texas", "Georgia and Oklahoma also report cases.")
    assert context.country == "US"
    assert context.country_of("Georgia") == "US"  # the article points to the U.S. state, not the country
    assert country_name("US") == "U.S."


def test_a_headlines_short_form_of_a_country_named_by_a_compass_point_is_that_country(extractor) -> None:
    [place] = find_places("MERS toll hits 20 in S. Korea")
    assert place.is_country and place.countries == {"KR"}
    figure = by_value(extractor.extract(article("The toll rose to 20 in S. Korea on Tuesday.", "MERS toll")))[20]
    assert "@" not in figure.key and figure.subject.startswith("South Korea")


def test_a_city_iso_does_not_list_is_in_the_named_country_with_the_largest_city_so_called() -> None:
    war = PlaceContext("Russia fires drones", "Russia's army struck Ukraine overnight. Russia said it hit targets.")
    assert war.country == "RU"
    assert war.country_of("Kharkiv") == "UA"  # only Ukraine has a Kharkiv
    assert war.country_of("Donetsk") == "UA"  # Russia's Donetsk is a town, Ukraine's a city of 900,000
    # a namesake abroad never brings in a country the article does not name: Athens here is the U.S. town
    storms = PlaceContext("Storms in Georgia and Texas", "A tornado struck Athens.")
    assert storms.country_of("Athens") == "US"


def test_a_province_names_its_country() -> None:
    assert PlaceContext("Floods in Kerala", "Rescuers reached villages in the hills.").country == "IN"


def test_an_unknown_district_takes_the_story_country(extractor) -> None:
    body = (
        "A strong earthquake struck western Nepal late on Friday. "
        "At least 31 people were killed in Dhorbari, the district police said."
    )
    f = by_value(extractor.extract(article(body, "Earthquake kills 31 in Nepal")))[31]
    assert f.subject == "Dhorbari, Nepal / people"
    assert f.key == "nepal|deaths|event:earthquake@dhorbari"


def test_a_region_of_a_place_is_that_place_and_two_places_together_are_one(extractor) -> None:
    body = (
        "The outbreak in rural West Texas has grown to 140 measles cases, state health officials said. "
        "The outbreak in Arizona and New Mexico has reached 64 measles cases, officials said."
    )
    figures = by_value(extractor.extract(article(body, "Measles outbreak grows")))
    assert figures[140].key == "u-s|cases|event:outbreak@texas"
    later = "The outbreak in New Mexico and Arizona has reached 71 measles cases, officials said."
    again = by_value(extractor.extract(article(later, "Measles outbreak grows", id="t-2")))[71]
    assert figures[64].key == again.key == "u-s|cases|event:outbreak@arizona-and-new-mexico"


def test_each_item_of_a_list_counts_what_the_list_began_with_at_its_own_place(extractor) -> None:
    body = (
        "A strong earthquake struck central Japan on Monday. "
        "Of the deaths, 61 had been confirmed in Kiyama City, 44 in Ono City and 12 in Sakura Town, police said."
    )
    figures = by_value(extractor.extract(article(body, "Japan quake toll rises")))
    assert {v: (figures[v].measure, figures[v].key) for v in (61, 44, 12)} == {
        61: ("deaths", "japan|deaths|event:earthquake@kiyama"),
        44: ("deaths", "japan|deaths|event:earthquake@ono"),
        12: ("deaths", "japan|deaths|event:earthquake@sakura"),
    }
    later = "A strong earthquake struck central Japan on Monday. The toll includes 70 in Kiyama and 15 in Sakura."
    again = by_value(extractor.extract(article(later, "Japan quake toll rises", id="t-2")))
    assert again[15].key == "japan|deaths|event:earthquake@sakura"  # its own place, not the first item's


def test_a_figure_of_an_earlier_years_event_is_keyed_by_that_year(extractor) -> None:
    body = (
        "A strong earthquake struck southern Japan on Monday, killing 180 people, officials said. "
        "It is the deadliest since the 2016 Kumamoto quakes that claimed 276 lives."
    )
    figures = by_value(extractor.extract(article(body, "Japan quake kills 180")))
    assert figures[180].key == "japan|deaths|event:earthquake"
    assert figures[276].key == "japan|deaths|event:earthquake@kumamoto|2016"  # never weighed against this toll


def test_the_sheriff_is_the_person_the_article_names_with_that_title(extractor) -> None:
    body = (
        "Twenty deaths have been confirmed in Harlan County, the sheriff said on Sunday. "
        "Search efforts were still in progress, Sheriff Dana Whitcomb said. "
        "Earlier, Gov. Ellen Brandt put the toll in the state at 31."
    )
    figures = by_value(extractor.extract(article(body, "Floods kill 20 in Harlan County")))
    assert figures[20].attributed_to == "Dana Whitcomb"
    assert figures[31].attributed_to == "Ellen Brandt"  # "Gov." does not end the sentence


def test_people_in_shelters_are_counted_apart_from_people_evacuated(extractor) -> None:
    body = (
        "A strong earthquake struck central Japan on Monday. "
        "Up to 21,400 residents have sought shelter at evacuation centres, officials said. "
        "About 30,000 people were evacuated from coastal towns."
    )
    figures = by_value(extractor.extract(article(body, "Japan quake")))
    assert (figures[21400].measure, figures[30000].measure) == ("in shelters", "evacuated")


def test_a_headline_that_restates_a_placed_figure_takes_its_place(extractor) -> None:
    body = "At least 64 people have been confirmed dead in Niigata Prefecture after the earthquake, officials said."
    figures = extractor.extract(article(body, "Earthquake death toll rises to 64 in central Japan"))
    assert {f.key for f in figures if f.value == 64} == {"japan|deaths|event:earthquake@niigata"}


def test_a_number_picked_from_the_same_count_is_a_part(extractor) -> None:
    body = (
        "Texas health officials reported 40 measles cases as of Friday. "
        "Officials said nine of the cases were linked to a church and six of the patients have been hospitalized."
    )
    figures = by_value(extractor.extract(article(body, "Measles outbreak grows")))
    assert figures[9].key.endswith("|part") and figures[9].resolved is False  # cases among the cases
    assert (figures[6].measure, figures[6].resolved) == ("hospitalized", True)  # a count of its own
    among = "Texas health officials reported 140 measles cases. Sixty-four cases are among people younger than 4."
    assert by_value(extractor.extract(article(among, "Measles", id="t-2")))[64].key.endswith("|part")


def test_the_place_of_who_reports_a_figure_is_its_place_and_a_dateline_is_not(extractor) -> None:
    body = (
        "Floods hit North Carolina last week. Harlan County officials, who previously reported 48 deaths, are now\n"
        "\t\tdeferring to a state tally of 39 deaths for the county."
    )
    figures = by_value(extractor.extract(article(body, "County overcounted flood deaths")))
    assert figures[48].key == "u-s|deaths|event:storm@harlan"
    assert figures[39].key.startswith("u-s|deaths|event:storm@harlan")  # one sentence, though wrapped
    filed = "NAIROBI, Kenya (AP) — Floods across Kenya have killed 120 people since March, the ministry said."
    assert by_value(extractor.extract(article(filed, "Kenya floods", id="t-2")))[120].key == "kenya|deaths|event:storm"


def test_an_overcount_is_a_difference_not_a_level(extractor) -> None:
    body = "The county overcounted deaths caused by Helene by as many as 30, according to a statement."
    f = by_value(extractor.extract(article(body, "Hurricane Helene deaths overcounted")))[30]
    assert f.change == "up" and f.key.endswith("|change:up")


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("According to figures released by the health ministry, 43 people died.", "health ministry"),
        ("State media reported that 45 people died.", "State media"),
        ("Police said 47 people were killed.", "police"),
        # Officials or authorities named by no more than that are nobody (wire_dev's annotation rules).
        ("At least 53 people died, local officials said.", None),
        ("Local authorities put the death toll at 51.", None),
        ("According to the health ministry's latest figures, 43 people died.", "health ministry"),
        ("Data from the National Disaster Operations Centre showed 49 deaths.", "National Disaster Operations Centre"),
        ("Nine towns were cut off, according to transport ministry data.", "transport ministry"),
        ("Physicians For Peace said it had treated 42 people.", "Physicians For Peace"),
        ("At least 44 people died, Arab diplomats told reporters.", "Arab diplomats"),
        ("An AFP count indicates that there have been 45 confirmed deaths.", "AFP"),
        ("At least 46 bodies had been recovered, initial data showed.", None),
    ],
)
def test_institutions_named_plainly_are_sources(extractor, sentence: str, source: str | None) -> None:
    figures = extractor.extract(article(f"Floods hit Kenya on Monday. {sentence}", "Kenya floods"))
    assert [f.attributed_to for f in figures] == [source]


def test_missing_stranded_and_without_power_are_measures_of_their_own(extractor) -> None:
    body = (
        "A cyclone hit Bangladesh on Monday. Another 14 people remain unaccounted for. "
        "About 800 tourists were stranded on the island. Some 1.2 million people lost power."
    )
    figures = by_value(extractor.extract(article(body, "Cyclone hits Bangladesh")))
    assert [figures[v].measure for v in (14, 800, 1_200_000)] == ["missing", "stranded", "without power"]


def test_provinces_spelt_without_diacritics_are_places_and_a_tie_of_sources_names_nobody(extractor) -> None:
    body = (
        "An earthquake struck western Afghanistan on Saturday. The quake killed 30 people in the city of Herat. "
        "In Kandahar, police said 12 people were injured. "
        "At least 2,000 people were killed across the country, the Taliban government said."
    )
    figures = by_value(extractor.extract(article(body, "Afghanistan earthquake")))
    assert figures[30].key == "afghanistan|deaths|event:earthquake@herat"  # ISO spells it "Herāt"
    assert figures[30].attributed_to is None  # one figure each from police and the government: no main source


def test_an_organisation_gives_its_own_figure_and_people_forced_from_homes_are_displaced(extractor) -> None:
    rate = (
        "The Federal Reserve raised its key interest rate to 5.25% on Wednesday. "
        "Unemployment fell to 3.9% in May, the Labor Department said."
    )
    assert by_value(extractor.extract(article(rate, "Fed raises rates")))[5.25].attributed_to == "Federal Reserve"
    rains = "Rains in southern Brazil have killed 75 people. Some 88,000 people have been forced from their homes."
    assert by_value(extractor.extract(article(rains, "Brazil floods", id="t-2")))[88000].measure == "displaced"


def test_a_company_owns_what_it_reports_and_a_name_no_tagger_knew_still_owns_its_figure(extractor) -> None:
    profit = "Ryanair reported a full-year profit after tax of €1.92 billion on Monday."
    assert by_value(extractor.extract(article(profit, "Ryanair profit")))[1.92e9].subject == "Ryanair"
    jobs = "Alphabet will cut 12,000 jobs, chief executive Sundar Pichai said in a memo to staff on Friday."
    assert by_value(extractor.extract(article(jobs, "Layoffs", id="t-2")))[12000].key == "alphabet|jobs|point"
    cases = "Texas health officials reported 40 measles cases in Gaines County, the Texas Department of Health said."
    assert by_value(extractor.extract(article(cases, "Measles", id="t-3")))[40].key.startswith("u-s|cases")


# ---- the story's event ----
def test_the_disaster_is_the_event_not_the_incidents_within_it() -> None:
    body = "The storm brought floods. Two cars crashed on a flooded road and a house collapsed."
    assert article_event("Storm toll rises", body) == "storm"
    assert article_event("Quarterly profit rises", "The company sold more cars.") is None


def test_a_toll_keeps_its_key_from_one_day_to_the_next(extractor) -> None:
    first = article(
        "An earthquake in southern Ecuador on Sunday killed 40 people, the civil defence agency said.",
        "Ecuador quake kills 40",
        "2026-05-10T12:00:00+00:00",
    )
    second = article(
        "The toll from Sunday's earthquake in southern Ecuador rose to 65 on Monday, the civil defence agency said.",
        "Ecuador quake toll rises to 65",
        "2026-05-11T12:00:00+00:00",
        id="t-2",
    )
    a, b = by_value(extractor.extract(first))[40], by_value(extractor.extract(second))[65]
    assert a.key == b.key == "ecuador|deaths|event:earthquake"
    assert b.as_of == "2026-05-11"  # "Sunday's earthquake" dates the quake, not the toll


def test_an_unnamed_incident_does_not_join_another_story(extractor) -> None:
    body = "Nine people were killed on Saturday when a minibus left the road near Arusha in Tanzania, police said."
    f = by_value(extractor.extract(article(body, "Nine killed near Arusha")))[9]
    assert f.key.startswith("tanzania|deaths|event:2026-05-")


def test_a_year_in_a_when_clause_dates_its_figure_as_history(extractor) -> None:
    body = (
        "Floods across Malawi have killed 60 people since March, the government said. "
        "It is the worst flooding since 2019, when 160 people died."
    )
    figs = by_value(extractor.extract(article(body, "Floods in Malawi kill 60")))
    assert figs[160].as_of.startswith("2019") and figs[160].key.endswith("|2019")
    assert figs[60].key == "malawi|deaths|event:storm"


# ---- measure and subject from syntax ----
def test_a_counted_thing_is_its_own_measure(extractor) -> None:
    body = (
        "India sent 1,200 units of plastic tarpaulin and 300 tents to Bhaktapur in Nepal after the earthquake, "
        "the embassy said. The earthquake left 88 people injured."
    )
    figs = by_value(extractor.extract(article(body, "India sends relief to Nepal")))
    assert figs[1200].measure == "plastic tarpaulin"
    assert figs[300].measure == "tents"
    assert figs[88].measure == "injured"


def test_what_happened_to_a_building_is_part_of_its_measure(extractor) -> None:
    body = (
        "In Gorkha, 412 houses were completely destroyed by the earthquake and 1,030 houses were partially "
        "damaged, the district office said."
    )
    figs = by_value(extractor.extract(article(body, "Nepal earthquake damage")))
    assert figs[412].measure == "houses completely destroyed"
    assert figs[1030].measure == "houses partially damaged"


def test_a_group_named_by_its_noun_keys_a_series_of_its_own(extractor) -> None:
    body = (
        "The storm has killed 54 people in Florida, the governor said. "
        "Flooding related to the storm also caused the deaths of three deputies."
    )
    figs = by_value(extractor.extract(article(body, "Storm kills 54 in Florida")))
    assert figs[3].key == "u-s/deputy|deaths|event:storm"
    assert figs[54].key == "u-s|deaths|event:storm@florida"


def test_what_the_annotation_rules_exclude_is_not_a_figure(extractor) -> None:
    body = (
        "The storm killed 30 people, officials said. A man in his 80s was among them. "
        "It is one of the three deadliest storms in a decade. Dispatchers took 911 calls all night. "
        "About 4,000 homes in six districts lost power. Hundreds remain missing. "
        "If the missing are found dead, the toll would rise to 120. Of the dead, 12 were 17 or younger."
    )
    values = {f.value for f in extractor.extract(article(body, ""))}
    assert 30 in values and 4000 in values
    assert not values & {80, 3, 911, 6, 100, 120, 17}


# ---- attribution ----
def test_a_source_goes_on_speaking_and_a_body_named_by_what_it_is_speaks(extractor) -> None:
    body = (
        "At least 48 people were killed in the landslide, the provincial government said on Tuesday. "
        "Another 16 people were seriously injured. Rescuers were still digging."
    )
    figs = by_value(extractor.extract(article(body, "Landslide kills 48")))
    assert figs[48].attributed_to == "provincial government"
    assert figs[16].attributed_to == "provincial government"


def test_the_lead_source_speaks_for_figures_that_name_none(extractor) -> None:
    body = (
        "Measles is spreading across the region, the Daily Courier reports.\n\n"
        "More than 140 people have been infected so far, most of them children."
    )
    f = by_value(extractor.extract(article(body, "Measles cases rise")))[140]
    assert f.attributed_to == "Daily Courier"


def test_a_place_or_a_day_is_not_a_source(extractor) -> None:
    body = "At least 12 people died in the floods, New Year celebrations were cancelled, Kenya said."
    f = by_value(extractor.extract(article(body, "Floods kill 12")))[12]
    assert f.attributed_to not in ("New Year",)


# ---- periods, earlier values and parts ----
def test_a_quarter_is_a_period_and_a_replaced_value_is_the_earlier_one(extractor) -> None:
    assert [t.label for t in find_times("second-quarter revenue and Q1 2025 results", date(2026, 8, 4))] == [
        "2026-Q2",
        "2025-Q1",
    ]
    body = (
        "Orvane Systems Inc reported second-quarter revenue of $2.4 billion on Tuesday. The company also "
        "restated its first-quarter revenue to $1.9 billion, from $2.1 billion."
    )
    figs = by_value(extractor.extract(article(body, "Orvane Systems revenue rises", "2026-08-04T12:00:00+00:00")))
    assert figs[1.9e9].key == figs[2.1e9].key == "orvane-systems|revenue (USD)|period:2026-Q1"
    assert figs[2.1e9].as_of < figs[1.9e9].as_of
    assert figs[2.4e9].key.endswith("period:2026-Q2")


def test_a_running_total_s_breakdown_is_a_part(extractor) -> None:
    body = (
        "The earthquake has killed 210 people, the interior ministry said. "
        "The toll includes 120 in one district and 90 in another, the ministry said."
    )
    figs = by_value(extractor.extract(article(body, "Quake toll reaches 210 in Peru")))
    assert figs[210].resolved
    assert not figs[120].resolved and figs[120].key.endswith("|part")


def test_a_write_through_has_figures_of_its_own(extractor) -> None:
    first = article("An earthquake in Peru killed 40 people, officials said.", "Peru quake kills 40")
    second = replace(first, version=2, body="An earthquake in Peru killed 65 people, officials said.")
    a, b = extractor.extract(first)[0], extractor.extract(second)[0]
    assert a.id != b.id and b.to_message()["article_version"] == 2


def test_an_amount_is_what_the_syntax_names_it(extractor) -> None:
    body = (
        "The hackers demanded a ransom of $50m. Dunmore Foods will pay an interim dividend of €1.20 per share. "
        "Its net liquidity stood at €24 billion. The strike has cost the carrier €25 million."
    )
    measures = {f.value: f.measure for f in extractor.extract(article(body))}
    assert measures[50e6] == "ransom (USD)"
    assert measures[1.2] == "interim dividend (EUR)"
    assert measures[24e9] == "net liquidity (EUR)"
    assert measures[25e6] == "cost (EUR)"


def test_an_amount_takes_the_period_its_previous_sentence_reports(extractor) -> None:
    q1 = "Dunmore Foods said its revenue for the first quarter was $4.1 billion. Net income was $610 million."
    q2 = "Dunmore Foods reported second-quarter revenue of $4.5 billion. Net income was $650 million."
    first = by_value(extractor.extract(article(q1, "Dunmore results", "2026-05-05T12:00:00+00:00")))
    second = by_value(extractor.extract(article(q2, "Dunmore results", "2026-08-04T12:00:00+00:00")))
    assert first[610e6].key.endswith("period:2026-Q1") and second[650e6].key.endswith("period:2026-Q2")
    assert first[610e6].key != second[650e6].key


def test_the_automaker_is_the_organisation_named_before_it(extractor) -> None:
    (f,) = extractor.extract(article("The strike cost GM about $800 million, the automaker said in a filing."))
    assert f.attributed_to == "GM"


def test_who_speaks_is_not_what_is_counted(extractor) -> None:
    figs = by_value(
        extractor.extract(
            article(
                "Revenue officials said that 1,500 people were moved to relief camps. The death toll rose to 210, "
                "Chief Minister Asha Varma informed the Assembly. There are now 91 relief camps."
            )
        )
    )
    assert figs[1500.0].measure == "in shelters" and figs[1500.0].attributed_to == "revenue officials"
    assert figs[210.0].attributed_to == "Asha Varma"
    assert figs[91.0].measure == "relief camps"


def test_a_toll_without_a_place_in_copy_that_counts_by_place_is_flagged(extractor) -> None:
    by_place = "The earthquake killed 157 people in Nepal. Rescuers said 105 died in Jajarkot."
    counted = by_value(extractor.extract(article(by_place.replace(" in Nepal", ""), "Quake in Nepal")))
    assert counted[105.0].placed and not counted[157.0].placed
    assert by_value(extractor.extract(article(by_place, "Quake in Nepal")))[157.0].placed  # its sentence says
    alone = by_value(extractor.extract(article("The earthquake killed 157 people.", "Quake in Nepal")))
    assert alone[157.0].placed  # nothing is counted by place: the country is the story's, and the only one


def test_as_per_walked_out_and_bodies_found(extractor) -> None:
    figs = by_value(
        extractor.extract(
            article(
                "As per the latest figures released by the Kerala government, 215 bodies have been recovered in "
                "Wayanad. At the Detroit plant, 13,000 workers walked out on Friday.",
                "Landslides in Kerala",
            )
        )
    )
    assert figs[215.0].measure == "deaths" and figs[215.0].attributed_to == "Kerala government"
    assert figs[13000.0].measure == "workers on strike"


def test_a_figure_is_keyed_on_its_story_s_event(extractor) -> None:
    body = "Some 13,000 workers walked out on Friday, the union said. It follows an outbreak of flu at the plant."
    own = by_value(extractor.extract(article(body, "Union widens action")))
    in_story = by_value(extractor.extract(article(body, "Union widens action"), story={"event": "strike"}))
    assert own[13000.0].key.endswith("event:outbreak")  # the article alone names only the outbreak
    assert in_story[13000.0].key.endswith("event:strike")  # its story is a strike's: one series with the others


def test_an_article_headlining_another_event_keeps_its_own(extractor) -> None:
    # Grouped with a quake's story (a borderline grouping can go either way): the floods it reports are its own.
    body = "Floods in Brindisi have killed 12 people and forced 300 residents from their homes since Monday."
    figs = by_value(extractor.extract(article(body, "Flood in Brindisi"), story={"event": "earthquake"}))
    assert figs[12.0].key.endswith("event:storm@brindisi")
    # Naming the story's event as well, it is part of that story's series.
    body = body.replace("since Monday", "since Monday's earthquake")
    figs = by_value(extractor.extract(article(body, "Flood in Brindisi"), story={"event": "earthquake"}))
    assert "event:earthquake" in figs[12.0].key


def test_each_count_takes_the_place_of_its_own_clause(extractor) -> None:
    body = "Rescuers said 105 died in Jajarkot and 52 died in Rukum West."
    figs = by_value(extractor.extract(article(body, "Quake in Nepal")))
    assert figs[105.0].subject == "Jajarkot, Nepal / people"
    assert figs[52.0].subject == "Rukum West, Nepal / people"  # its clause's place, not the nearer one before it


def test_a_month_is_not_the_story_s_organisation(extractor) -> None:
    body = (
        "The quake struck on Jan. 1. By Jan. 2, Jan. 3 and Jan. 4 aftershocks continued. "
        "Seventeen evacuation centers that opened on the evening of Jan. 1 are sheltering about 3,700 people."
    )
    figs = by_value(extractor.extract(article(body, "Quake")))
    assert figs[17.0].subject != "Jan." and figs[3700.0].subject != "Jan."


def test_households_out_of_power_are_without_power(extractor) -> None:
    figs = by_value(extractor.extract(article("Some 33,300 households were out of power on Wednesday.", "Quake")))
    assert figs[33300.0].measure == "without power"


def test_an_acronym_is_the_name_whose_initials_it_is(extractor) -> None:
    body = (
        "The United Auto Workers union said on Friday that talks had stalled. The UAW said 13,000 workers walked out."
    )
    figs = by_value(extractor.extract(article(body, "Strike widens")))
    assert figs[13000.0].attributed_to == "United Auto Workers (UAW)"


def test_a_dateline_is_not_a_speaker(extractor) -> None:
    body = "NAIROBI, June 12 (Reuters) - Kenya's Treasury on Thursday presented a 4.3 trillion shilling budget."
    (f,) = extractor.extract(article(body, "Kenya budget"))
    assert f.attributed_to != "NAIROBI"


def test_what_a_percentage_or_a_count_modifies_is_its_measure(extractor) -> None:
    body = (
        "The union is demanding a 7.5% pay rise and a shorter working week without loss of pay. "
        "The UAW expanded its strike to 38 parts distribution centers. About 18,300 UAW members are now on strike."
    )
    figs = by_value(extractor.extract(article(body, "Strike widens")))
    assert figs[7.5].measure == "pay rise demanded (percent)"  # one side's figure in the pay talks
    assert figs[38.0].measure == "parts distribution centers"  # the compound's head is what is counted
    assert figs[18300.0].measure == "workers on strike"  # members are counted as the clause says


def test_a_share_of_a_whole_and_layoffs(extractor) -> None:
    body = "Ford said it had laid off 330 workers. Orvane will cut about 6% of its global workforce."
    figs = by_value(extractor.extract(article(body, "Job cuts")))
    assert figs[330.0].measure == "laid off"
    assert figs[6.0].measure == "share of workforce (percent)"


def test_a_figure_the_text_marks_as_older_is_not_today_s(extractor) -> None:
    body = (
        "Buncombe County officials, who previously reported 72 deaths, are now deferring to a state tally of 42 "
        "deaths for the county."
    )
    figs = by_value(extractor.extract(article(body, "Helene toll", "2024-10-23T12:00:00+00:00")))
    assert figs[42.0].as_of == "2024-10-23"
    assert figs[72.0].as_of < "2024-10-23" and figs[72.0].key == figs[42.0].key.removesuffix("|part")
    dated = body + " The county's 72 dates back to an Oct. 3 news release."
    assert by_value(extractor.extract(article(dated, "Helene toll", "2024-10-23T12:00:00+00:00")))[72.0].as_of == (
        "2024-10-03"
    )


def test_an_article_s_figures_do_not_depend_on_the_articles_read_before(extractor) -> None:
    later = article("Zelensky said 55,000 soldiers had been killed.", "Zelensky", id="b")
    alone = [f.to_message() for f in extractor.extract(later)]
    extractor.extract(article("Volodymyr Zelenskyy said 46,000 soldiers had died.", "Toll", id="a"))
    assert [f.to_message() for f in extractor.extract(later)] == alone


def test_the_story_names_set_a_local_report_in_its_country_and_place(extractor) -> None:
    body = (
        "The earthquake destroyed 900 houses across the district. "
        "Qelmir follows closely, with 52 reported deaths and 132 people injured, the district office said."
    )
    local = article(body, "Quake toll rises")
    assert by_value(extractor.extract(local))[52].subject != "Qelmir, Nepal / people"
    read = by_value(extractor.extract(local, {"event": "earthquake", "names": "Qelmir=NP"}))
    # The "with" clause counts for the subject of the clause it hangs on; the small model tags the name a person.
    assert read[52].subject == "Qelmir, Nepal / people"
    assert read[52].key == "nepal|deaths|event:earthquake@qelmir"
    assert read[132].key == "nepal|injured|event:earthquake@qelmir"


def test_a_with_clause_counts_for_the_place_its_clause_is_about(extractor) -> None:
    body = "The district of Qelmir bore the brunt of the storm, with 2,685 houses suffering partial damage."
    f = by_value(extractor.extract(article(body, "Storm batters Nepal"), {"names": "Qelmir=NP"}))[2685]
    assert f.subject == "Qelmir, Nepal / house"


def test_a_place_in_a_clause_about_something_else_does_not_place_the_figure(extractor) -> None:
    body = (
        "The earthquake struck western Nepal on Friday. "
        "Officials said 310 people had been injured, with the highest number of casualties recorded in Dolpa. "
        "The district office confirmed 40 cases of cholera linked to flooding in Dolpa."
    )
    figures = by_value(extractor.extract(article(body, "Earthquake injures 310 in Nepal")))
    # "with the highest number recorded in Dolpa" says where most were, not that the 310 were in Dolpa.
    assert "@" not in figures[310].key
    # A place inside the counted phrase is the figure's own.
    assert figures[40].key.endswith("@dolpa")


def test_what_a_count_includes_is_a_part_of_it(extractor) -> None:
    body = "The death toll in Peru rose to 240, officials said. The deaths include 15 people who died of the cold."
    figures = by_value(extractor.extract(article(body, "Quake toll rises")))
    assert figures[240].resolved and "|part" not in figures[240].key
    # Never weighed against the whole as a rival count (a total "revised down" to 15).
    assert figures[15].key.endswith("|part") and not figures[15].resolved


def test_the_agency_is_the_body_named_before_not_the_newsroom(extractor) -> None:
    body = (
        "GENEVA (AFP) - The Office for Refugee Relief (ORR) said on Monday that arrivals had doubled. "
        "According to the agency, 412,000 people crossed the border in March. "
        "The figures were compiled by the Ministry of Interior. The ministry said 3,100 children had arrived alone."
    )
    figures = by_value(extractor.extract(article(body, "Arrivals double")))
    # "the agency" is the body the copy named (spelled out with its acronym), not AFP, whose dateline it is.
    assert figures[412000].attributed_to == "Office for Refugee Relief (ORR)"
    assert figures[3100].attributed_to == "Ministry of Interior"


def test_a_smaller_count_than_an_older_one_is_a_revision_not_a_part(extractor) -> None:
    body = (
        "Marlow County officials in Georgia reported 72 storm deaths in an Oct. 3 news release. "
        "On Tuesday the officials deferred to a state tally of 42 storm deaths for the county."
    )
    when = "2026-10-23T10:00:00+00:00"
    figures = by_value(extractor.extract(article(body, "County lowers its storm toll", published=when)))
    assert figures[72].as_of < figures[42].as_of
    # The 42 is the county's toll now, for the claims stage to weigh against the 72: not a breakdown of it.
    assert not figures[42].key.endswith("|part") and figures[42].key == figures[72].key


def test_a_place_in_the_possessive_is_found_and_places_its_reporters_count(extractor) -> None:
    assert [p.name for p in find_places("New Mexico’s health department and Nepal's army")] == ["New Mexico", "Nepal"]
    body = "New Mexico’s Department of Health reported 33 measles cases on Tuesday, linked to the outbreak in Texas."
    f = by_value(extractor.extract(article(body, "Measles spreads")))[33]
    assert f.key.endswith("@new-mexico")


def test_a_sentence_opening_among_the_cases_lists_parts_of_them(extractor) -> None:
    body = (
        "Health officials in Texas reported 140 measles cases on Friday. Among the cases, 61 are in children, "
        "52 are in adults, and 27 cases are pending."
    )
    figures = by_value(extractor.extract(article(body, "Measles spreads")))
    assert figures[140].resolved and "|part" not in figures[140].key
    assert all(figures[v].key.endswith("|part") for v in (61, 52, 27))


def test_a_restated_figure_naming_one_of_its_places_is_the_one_naming_them_all(extractor) -> None:
    body = (
        "Nearly 230 measles cases have been identified in outbreaks in West Texas and a nearby county in New "
        "Mexico, officials said. In the Texas outbreak, 198 measles cases have been reported, officials said."
    )
    figures = extractor.extract(article(body, "Nearly 230 measles cases reported in West Texas and New Mexico"))
    keys = {f.key for f in figures if f.value == 230}
    assert keys == {"u-s|cases|event:outbreak@new-mexico-and-texas"}
    # Then the Texas figure is Texas's own, not a part of a Texas count of 230.
    assert next(f for f in figures if f.value == 198).key == "u-s|cases|event:outbreak@texas"


def test_a_district_named_either_way_round_is_one_place_in_a_key() -> None:
    from pipeline.extract.scope import _place_slug

    assert _place_slug("West Rukum") == _place_slug("Rukum West") == "rukum-west"
    assert _place_slug("North Carolina") == "north-carolina"  # a name the gazetteer knows keeps its order


def test_a_list_under_a_lead_in_counts_what_the_lead_in_names(extractor) -> None:
    body = (
        "Officials in Peru counted the flood dead on Monday.\n\n"
        "The ministry listed the causes of the deaths so far:\n\nDrowning: 31\n\nLandslides: 12\n\n"
        "Rescuers kept searching."
    )
    figures = by_value(extractor.extract(article(body, "Floods in Peru")))
    assert figures[31].measure == "deaths: drowning" and figures[12].measure == "deaths: landslides"
    assert figures[31].key != figures[12].key  # each cause its own series, not parts of one toll


def test_a_count_of_houses_reads_as_written(extractor) -> None:
    body = "In Nepal, 1987 houses were completely damaged and 4.374 houses were partly damaged, officials said."
    figures = by_value(extractor.extract(article(body, "Quake damage")))
    assert "|1987" not in figures[1987].key  # the count is no year
    assert figures[1987].measure == "houses completely damaged"
    assert figures[4374].measure == "houses partially damaged"  # dots between thousands; its own degree
    tremor = by_value(extractor.extract(article("Nepal recorded a magnitude 4.374 tremor on Friday.", "Quake")))
    assert 4.374 in tremor  # a measurement keeps its decimals


def test_a_bare_number_damaged_after_a_count_of_buildings_counts_those_buildings(extractor) -> None:
    body = "In Peru's Ica region, 310 homes suffered partial damage, and 42 were completely destroyed, officials said."
    figures = by_value(extractor.extract(article(body, "Quake damage")))
    assert figures[42].measure == "houses completely destroyed"  # homes and houses: one series


def test_a_profit_after_tax_and_its_growth(extractor) -> None:
    body = "Norvik Air has reported a full year profit after tax of €412m, up 31% on the year before."
    figures = by_value(extractor.extract(article(body, "Norvik Air profit jumps")))
    assert figures[412_000_000].measure == "profit (EUR)"
    growth = figures[31]
    assert growth.measure == "profit growth (percent)" and growth.change == "up"
    assert growth.subject == figures[412_000_000].subject


def test_figures_and_statements_are_their_publishers(extractor) -> None:
    figures = by_value(extractor.extract(article("Peru's health ministry figures showed 310 cases of dengue.", "")))
    assert figures[310].attributed_to == "health ministry"
    body = "The toll in Peru rose to 64, according to a statement Tuesday from its civil defence office."
    assert by_value(extractor.extract(article(body, "")))[64].attributed_to == "civil defence office"


def test_a_company_named_in_apposition_speaks_and_owns_what_it_says_it_will_do(extractor) -> None:
    body = "Norvik's parent company Castellan announced on Friday it will cut 4,000 jobs, or about 5% of its workforce."
    figures = by_value(extractor.extract(article(body, "Castellan to cut jobs")))
    assert figures[4000].attributed_to == "Castellan"
    assert figures[4000].key.startswith("castellan|")


def test_what_a_rise_is_from_is_the_older_total_not_a_part(extractor) -> None:
    body = (
        "The quake struck Peru on Monday. Officials said on Tuesday that 71 people had been confirmed dead and 682 "
        "injured, up from 38 dead and more than 400 injured on Monday."
    )
    figures = by_value(extractor.extract(article(body, "Quake toll rises")))
    assert figures[38].key == figures[71].key  # the same series, not a part of it
    # An older total, dated before the article's day (history to the claims stage), or not weighed at all.
    assert figures[38].as_of < figures[71].as_of or not figures[38].resolved


def test_the_source_phrase_says_nothing_of_what_is_counted(extractor) -> None:
    body = "As per the latest figures released by the state government, 190 people are still missing in Kerala."
    f = by_value(extractor.extract(article(body, "Landslides")))[190]
    assert f.measure == "missing"  # not "prisoners returned" for the figures "released"
    assert f.attributed_to == "state government"
    body = "District Collector D R Meghasree said four relief camps were opened in Kerala."
    assert by_value(extractor.extract(article(body, "Landslides")))[4].attributed_to == "D R Meghasree"


def test_the_one_who_said_it_before_the_outlet_that_reports_the_saying(extractor) -> None:
    body = (
        "The death toll in Peru has reached 36, police chief Ana Quispe said citing preliminary data, "
        "according to a report by The Lima Daily."
    )
    assert by_value(extractor.extract(article(body, "Quake toll")))[36].attributed_to == "Ana Quispe"


def test_buildings_affected_are_damaged_and_a_total_of_them_takes_its_verb(extractor) -> None:
    body = "A total of 3,770 houses in Nepal have been affected by the earthquake, the ministry said."
    assert by_value(extractor.extract(article(body, "Quake damage")))[3770].measure == "houses damaged"
    body = "The floods in Nepal have affected 120,000 people."
    assert by_value(extractor.extract(article(body, "Floods")))[120000].measure == "affected"  # people are not


def test_people_living_at_evacuation_facilities_are_in_shelters(extractor) -> None:
    body = (
        "A total of 9,100 people in Japan are living at evacuation facilities set up in school gyms, "
        "officials said. A total of 14,400 people in Japan remain evacuated."
    )
    figures = by_value(extractor.extract(article(body, "Quake evacuees")))
    assert figures[9100].measure == "in shelters"
    assert figures[14400].measure == "evacuated"


@pytest.mark.parametrize(
    ("body", "value", "source"),
    [
        # A role set off by commas names the person after it, who then speaks in the quote that follows.
        (
            "Relief trucks reached the valley on Monday, the Red Crescent said.\n\nThe valley's mayor, Ilse "
            'Marten, asked for tents. "We are a town of 8,000 people and half of us sleep outside," she said.',
            8000,
            "Ilse Marten",
        ),
        (
            "The agency said 900 families had left. The agency's envoy in Rasht, Omid Farahani, told reporters "
            "that up to 300 people a day were arriving.",
            300,
            "Omid Farahani",
        ),
        # He said the bank expected: his statement of the bank's forecast.
        (
            "Analysts polled by the Daily Courier had expected the cut. Central bank governor Lena Vos told a news "
            "conference that prices were steady. He said the bank expected inflation to average 2.4% this year.",
            2.4,
            "Lena Vos",
        ),
    ],
)
def test_who_speaks_through_a_role_a_quote_and_a_forecast(extractor, body: str, value: float, source: str) -> None:
    assert by_value(extractor.extract(article(body, "Report")))[value].attributed_to == source


def test_hospitals_counted_are_hospitals_and_people_in_hospital_are_hospitalized(extractor) -> None:
    body = "The strike spread to six hospitals on Tuesday. Seven people were being treated in hospital, police said."
    figures = by_value(extractor.extract(article(body, "Strike spreads")))
    assert figures[6].measure == "hospitals"
    assert figures[7].measure == "hospitalized"


def test_a_second_clause_counts_for_its_own_subject(extractor) -> None:
    body = (
        "The Green Party won 12.5% and 20 seats, while a coalition of the Farmers Union and Liberals took 8.1% and "
        "11 seats, the results showed."
    )
    figures = by_value(extractor.extract(article(body, "Election results")))
    assert figures[20].subject == "Green Party"
    assert figures[11].subject == "coalition of the Farmers Union and Liberals"
    assert figures[11].key != figures[20].key


def test_a_year_earlier_figure_is_of_the_previous_years_period_and_its_is_the_company(extractor) -> None:
    body = (
        "Corvid Motors said on Thursday its third-quarter operating profit fell 22% to 1.1 billion euros from "
        "1.4 billion euros a year earlier."
    )
    figures = by_value(extractor.extract(article(body, "Corvid profit falls", published="2025-10-23T08:00:00+00:00")))
    now, before = figures[1.1e9], figures[1.4e9]
    assert now.subject == before.subject == "Corvid Motors"
    assert now.key.endswith("period:2025-Q3") and before.key.endswith("period:2024-Q3")


@pytest.mark.parametrize(
    "body",
    [
        "Landslides killed at least 40 people in Sri Lanka's Badulla district, officials said on Wednesday.",
        "The death toll from landslides in Sri Lanka's Badulla district rose to 40 on Wednesday, officials said.",
    ],
)
def test_a_district_of_a_country_named_in_the_possessive_is_the_place(extractor, body: str) -> None:
    figure = by_value(extractor.extract(article(body, "Landslides in Sri Lanka")))[40]
    assert figure.subject.startswith("Badulla, Sri Lanka")
    assert "@" not in figure.key  # the landslides' own site: their whole toll


def test_a_local_events_toll_counted_at_one_place_only_is_its_whole_toll(extractor) -> None:
    fire = (
        "Crews found nine more bodies on Tuesday, seven of them in the mountain town of Larkspur, Colorado, "
        "bringing the death toll from the Ridge Fire to 31, the county sheriff said."
    )
    toll = by_value(extractor.extract(article(fire, "Ridge Fire toll rises")))[31]
    assert toll.subject.startswith("Larkspur")
    assert "@" not in toll.key  # the fire's one site: its toll there is the whole toll, as the next day's "34" is
    # A quake spreads over a region: a district's count stays the district's.
    quake = "The earthquake killed 105 people in Jajarkot district, officials said on Saturday."
    assert by_value(extractor.extract(article(quake, "Nepal earthquake")))[105].key.endswith("@jajarkot")


def test_a_strike_counts_the_unions_members_and_each_side_of_the_pay_talks_apart(extractor) -> None:
    first = (
        "About 4,000 nurses at three Halden hospitals walked off the job on Monday, the Halden Nurses Association "
        "said, demanding a 25% pay rise. The hospital group, Halden Health, has offered 9%."
    )
    later = (
        "At its peak, the strike involved 9,200 nurses, the Halden Nurses Association said. The Halden Nurses "
        "Association lowered its demand to 20%, while Halden Health raised its offer to 12%."
    )
    a = by_value(extractor.extract(article(first, "Nurses strike")))
    b = by_value(extractor.extract(article(later, "Nurses strike ends")))
    assert a[4000].measure == b[9200].measure == "workers on strike"
    assert a[4000].key == b[9200].key and a[4000].subject == "Halden Nurses Association"
    assert a[25].measure == b[20].measure == "pay rise demanded (percent)"
    assert a[9].measure == b[12].measure == "pay rise offered (percent)"
    assert a[25].key == b[20].key and a[9].key == b[12].key != a[25].key


def test_each_line_of_a_budget_is_a_series_of_its_own(extractor) -> None:
    body = (
        "The budget allocates 702 billion shillings to education and 138 billion shillings to health. "
        "Kenya will spend 1.1 trillion shillings on debt service."
    )
    figures = by_value(extractor.extract(article(body, "Kenya budget")))
    assert figures[702e9].measure == "spending on education (KES)"
    assert figures[138e9].measure == "spending on health (KES)"
    assert figures[1.1e12].measure == "spending on debt service (KES)"
    assert figures[702e9].subject == "Kenya / government"
    assert len({f.key for f in figures.values()}) == 3


def test_a_headlines_count_after_a_toll_is_what_follows_it_and_not_a_load_limits_twin(extractor) -> None:
    body = (
        "A bridge collapsed in northern Vietnam on Tuesday, killing seven people. The bridge had been rated weak in "
        "2023, and a load limit of 13 tonnes had been set."
    )
    figures = extractor.extract(article(body, "Bridge collapse in northern Vietnam kills 7, 13 missing"))
    (missing,) = [f for f in figures if f.measure == "missing"]
    assert missing.value == 13 and missing.as_of == "2026-05-12" and "|2023" not in missing.key


def test_the_area_a_wildfire_burned_is_a_running_figure_of_the_fire_where_it_is(extractor) -> None:
    first = "The wildfire in Greece has burned about 4,000 hectares, the fire service said on Monday."
    later = "The wildfire in Greece has now burned 9,500 hectares, the fire service said on Tuesday."
    a = by_value(extractor.extract(article(first, "Greek wildfire")))[4000]
    b = by_value(extractor.extract(article(later, "Greek wildfire spreads")))[9500]
    assert a.measure == "area burned" and a.subject == "Greece" and a.resolved
    assert a.key == b.key == "greece|area burned|event:wildfire"
    depth = by_value(extractor.extract(article("The quake struck at a depth of 10 km.", "Quake")))[10]
    assert depth.subject is None  # a reading, not the event's extent


def test_a_noun_whose_plural_is_its_singular_counts_itself(extractor) -> None:
    body = "More than 300 firefighters, backed by 12 aircraft, were battling the blaze, the fire service said."
    figures = by_value(extractor.extract(article(body, "Wildfire in Greece")))
    assert figures[12].measure == "aircraft" and figures[300].measure == "firefighters"


def test_a_forecast_is_kept_apart_and_never_weighed(extractor) -> None:
    body = (
        "Norvik Foods kept its forecast for full-year sales growth of 4% to 5%. Analysts expected revenue of 3.2 "
        "billion euros. Norvik Foods reported revenue of 3.1 billion euros."
    )
    figures = by_value(extractor.extract(article(body, "Norvik Foods results")))
    assert figures[3.1e9].resolved and not figures[3.1e9].key.endswith("|projected")
    for value in (4, 3.2e9):
        assert figures[value].key.endswith("|projected") and not figures[value].resolved, value


# ---- whose place, whose source (session 9) ----
def test_a_place_that_says_where_a_part_is_is_not_the_wholes_place(extractor) -> None:
    body = (
        "The province has confirmed 64 deaths from the floods, including 18 in Ratnapura District. "
        "Officials in Kandy said 27 people were missing, most of them in Gampola."
    )
    figures = by_value(extractor.extract(article(body, "Sri Lanka floods kill 64")))
    assert "@ratnapura" not in figures[64].key  # the 18 are Ratnapura's, the 64 are not
    assert figures[18].key.endswith("@ratnapura")
    assert "@gampola" not in figures[27].key  # "most of them" are in Gampola; the 27 are Kandy's officials'


def test_a_state_agency_counts_its_state_when_the_sentence_names_no_place(extractor) -> None:
    body = (
        "Health officials are tracking a growing outbreak of whooping cough. "
        "Fourteen children have been hospitalized so far, the Oregon Department of Human Services said."
    )
    f = by_value(extractor.extract(article(body, "Whooping cough outbreak grows")))[14]
    assert f.attributed_to == "Oregon Department of Human Services"
    assert f.key.endswith("@oregon")


def test_a_count_across_several_places_is_no_one_agencys_place(extractor) -> None:
    body = "The total has reached 90 cases across four states, the Idaho Department of Health said."
    f = by_value(extractor.extract(article(body, "Outbreak spreads")))[90]
    assert "@idaho" not in f.key


@pytest.mark.parametrize(
    ("body", "value", "source"),
    [
        # A state's department named with its possessive is the state's.
        (
            "Arizona's Department of Health reported 41 cases of the virus on Monday.",
            41,
            "Arizona Department of Health",
        ),
        # The publisher of a dated update, not its day.
        (
            "In Idaho, 75 cases have been reported, according to a Monday update from the Idaho Health Office.",
            75,
            "Idaho Health Office",
        ),
        # Who reported in a relative clause is its antecedent.
        (
            "Pima County officials, who earlier reported 12 deaths, now accept the state's count.",
            12,
            "Pima County officials",
        ),
        # The source that counts a place goes on counting it, paragraphs later and after another source.
        (
            "In Idaho, 75 cases have been reported, the Idaho Health Office said on Monday. "
            "Oregon's health authority reported 12 cases and 4 deaths. "
            "Experts warned that the numbers are an undercount. "
            "Vaccination rates have fallen in rural areas for years. "
            "Clinics have extended their opening hours. "
            "In Idaho, 9 patients have been hospitalized.",
            9,
            "Idaho Health Office",
        ),
    ],
    ids=["possessive-department", "dated-update", "relative-clause", "place-continues"],
)
def test_who_gives_a_figure(extractor, body: str, value: int, source: str) -> None:
    f = by_value(extractor.extract(article(body, "Cases climb")))[value]
    assert f.attributed_to == source


def test_a_count_of_places_counts_places_whatever_they_suffered(extractor) -> None:
    body = "Hill County reported 40 deaths, the highest toll of the 17 counties listed by the state."
    f = by_value(extractor.extract(article(body, "Storm toll")))[17]
    assert f.measure == "counties"


def test_a_count_spread_across_places_is_a_count_of_its_own(extractor) -> None:
    # The small model reads "6,200 across 11 depots" as one quantity of depots.
    body = "The union widened the walkout, bringing the number of drivers on strike to 6,200 across 11 depots."
    figures = by_value(extractor.extract(article(body, "Bus drivers' strike widens")))
    assert figures[6200].measure == "workers on strike"
    assert figures[11].measure == "depots"


# ---- what a change is from, whose cost, which office (session 9) ----
def test_what_a_rise_is_from_is_the_older_level_of_the_same_series(extractor) -> None:
    body = "The dockers' strike now involves about 12,400 workers, up from 3,000 last week."
    figures = by_value(extractor.extract(article(body, "Dock strike widens", published="2026-05-12T10:00:00+00:00")))
    assert figures[12400].as_of == "2026-05-12"  # "last week" dates the 3,000, not the 12,400
    assert figures[3000].measure == figures[12400].measure == "workers on strike"
    assert figures[3000].as_of < "2026-05-12"


def test_a_time_after_another_number_in_its_own_phrase_is_that_numbers(extractor) -> None:
    body = "The mercury hit 44.1C in Varno on Monday, beating the previous record of 42.8C set in 1994."
    figures = by_value(extractor.extract(article(body, "Heat record broken")))
    assert figures[44.1].as_of.startswith("2026-05")
    assert figures[42.8].as_of.startswith("1994")


def test_whom_a_loss_cost_owns_it(extractor) -> None:
    body = (
        "Kestrel Foods said the two-week stoppage cost it 40 million pounds in lost sales. "
        "The blockade has cost Marlow Shipping about $90 million, analysts estimate."
    )
    figures = by_value(extractor.extract(article(body, "Stoppage costs mount")))
    assert figures[40_000_000].subject == "Kestrel Foods"
    assert figures[40_000_000].measure.startswith("lost")
    assert figures[90_000_000].subject == "Marlow Shipping"


def test_a_profit_cut_by_an_amount_is_a_change_not_a_level(extractor) -> None:
    body = "Pell Motors said the strike had cut its quarterly profit by $150 million."
    f = by_value(extractor.extract(article(body, "Strike dents profit")))[150_000_000]
    assert f.measure.startswith("profit")
    assert f.key.endswith("change:down")


@pytest.mark.parametrize(
    ("body", "value", "source"),
    [
        (
            "At least 310 people were rescued overnight, the Chief Minister's Office said.",
            310,
            "Chief Minister's Office",
        ),
        (
            "The toll was updated late on Friday by the district magistrate, who put the deaths at 58.",
            58,
            "district magistrate",
        ),
    ],
    ids=["a-roles-office", "a-role-named-by-what-it-is"],
)
def test_an_office_or_a_role_is_the_source(extractor, body: str, value: int, source: str) -> None:
    f = by_value(extractor.extract(article(body, "Floods")))[value]
    assert f.attributed_to == source


def test_people_untraced_are_missing_and_employees_laid_off_are_the_employers(extractor) -> None:
    figures = by_value(
        extractor.extract(
            article(
                "Officials said 46 villagers remained untraced after the cloudburst. "
                "Corvane Systems said it would lay off about 900 employees.",
                "Cloudburst; layoffs",
            )
        )
    )
    assert figures[46].measure == "missing"
    assert figures[900].measure == "laid off"
    assert figures[900].subject == "Corvane Systems"


def test_a_football_striker_and_air_strikes_are_no_labour_strike(extractor) -> None:
    assert article_event("Rovers sign striker Ade Bello", "The striker joins for a fee of 20 million.") is None
    assert article_event("Air strikes hit the port", "Air strikes killed 9 people on Sunday.") == "attack"
    assert article_event("Dockers strike", "The strikers marched on the port.") == "strike"


def test_a_fire_the_copy_names_is_a_wildfire_but_a_fire_department_or_opening_fire_is_not() -> None:
    named = "The Ridge Fire has burned 40,000 acres, and the death toll rose to 12 on Monday."
    assert article_event("Ridge Fire toll rises", named) == "wildfire"
    assert article_event("Toll rises", "The Larkspur Fire Department said 3 people died in a house.") is None
    assert article_event("Gunman kills 5", "A gunman opened fire on shoppers, killing 5 people.") != "wildfire"


def test_people_located_or_accounted_for_are_counted_so_not_as_missing(extractor) -> None:
    body = (
        "The number of people unaccounted for fell to 40 on Monday, the sheriff said. In all, 1,200 people who "
        "had been reported missing have now been located, and another 300 residents are accounted for."
    )
    figures = by_value(extractor.extract(article(body, "Fire search")))
    assert figures[40].measure == "missing"
    assert figures[1200].measure == figures[300].measure == "accounted for"
    share = by_value(extractor.extract(article("Exports accounted for 30% of output last year.", "Trade")))[30]
    assert share.measure != "accounted for"


def test_an_elided_count_takes_whose_it_is_from_an_earlier_one_but_not_its_place(extractor) -> None:
    body = (
        '"We think 500 people died in Port Alva and 90 in Keswick province," the Red Cross said on Sunday.\n\n'
        "The government's official toll as of Saturday was 64 dead and 12 injured."
    )
    figures = by_value(extractor.extract(article(body, "Cyclone Mara hits Laronia")))
    assert figures[90].key.endswith("@keswick")
    assert "@" not in figures[64].key  # the nation's official toll, not a second count of Keswick's


def test_a_breakdown_by_place_given_respectively_or_by_what_a_place_is_or_comes_with(extractor) -> None:
    body = (
        "Sindh was the worst-hit province, where 410 people were killed, followed by Balochistan with 120 deaths, "
        "while Khyber Pakhtunkhwa and Punjab reported 95 and 61 deaths, respectively."
    )
    figures = by_value(extractor.extract(article(body, "Pakistan floods")))
    places = {value: figures[value].key.rpartition("@")[2] for value in (410, 120, 95, 61)}
    assert places == {410: "sindh", 120: "balochistan", 95: "khyber-pakhtunkhwa", 61: "punjab"}


def test_the_day_that_names_the_event_is_not_the_day_of_its_toll(extractor) -> None:
    body = "The Sunday night rampage killed at least 19 people and injured 44, police said on Thursday."
    figure = by_value(extractor.extract(article(body, "Gunman's rampage", published="2026-05-14T10:00:00+00:00")))[19]
    assert figure.as_of == "2026-05-14"  # the toll as Thursday's article gives it, not Sunday's
    body = "The June 24 implosion killed 12 people, officials said on Friday."
    figure = by_value(extractor.extract(article(body, "Mine disaster", published="2026-06-27T10:00:00+00:00")))[12]
    assert figure.as_of == "2026-06-26"


def test_a_role_with_no_one_named_before_speaks_as_the_role(extractor) -> None:
    f = by_value(extractor.extract(article("Shelling killed 11 people, the regional governor said.", "Shelling")))[11]
    assert f.attributed_to == "regional governor"
    f = by_value(extractor.extract(article("The bus crash killed 9 people, a police official said.", "Crash")))[9]
    assert f.attributed_to == "police official"


def test_a_companys_shares_are_the_companys(extractor) -> None:
    body = "Shares of Tarvik Telecom fell 7% to 3.15 euros after the operator lowered its outlook."
    figures = by_value(extractor.extract(article(body, "Tarvik shares fall")))
    assert figures[7].subject == figures[3.15].subject == "Tarvik Telecom"
    assert figures[3.15].measure == "share price (EUR)"


def test_a_datelines_city_sets_the_country_when_the_copy_names_no_place(extractor) -> None:
    assert PlaceContext("Ferry sinks", "DHAKA, May 9 (Wirepress) - The toll rose to 30.").country == "BD"
    assert PlaceContext("x", "LONDON - Floods in Brindisi killed 4.").country == "IT"  # the copy's own place wins


def test_a_capsizing_is_a_shipwreck_and_each_source_gives_its_own_toll(extractor) -> None:
    body = "The toll from the capsizing of a ferry rose to 41, a coast guard official said, while police put it at 44."
    figures = by_value(extractor.extract(article(body, "Ferry toll rises")))
    assert figures[41].key.endswith("event:shipwreck")
    assert "coast guard" in figures[41].attributed_to
    assert figures[44].attributed_to == "police"


def test_a_lake_or_a_river_is_not_the_region_it_is_named_after() -> None:
    assert [p.name for p in find_places("A ferry sank on Lake Volta, near the Volta River, in Ghana.")] == ["Ghana"]


def test_a_count_of_what_was_added_is_a_change_not_the_total(extractor) -> None:
    body = "Divers recovered 9 more bodies overnight, bringing the toll to 31, the navy said."
    figures = by_value(extractor.extract(article(body, "Ferry toll rises")))
    assert figures[9].key.endswith("change:up")
    assert not figures[31].key.endswith("change:up")


def test_a_count_the_headline_says_was_passed_is_more_than_it(extractor) -> None:
    figures = by_value(
        extractor.extract(article("Dengue infections have sickened 870 people.", "Dengue cases top 800"))
    )
    assert figures[800].qualifier == "more_than"  # so 870 agrees with it
    assert figures[870].measure == "cases"


def test_what_analysts_expected_is_kept_apart_and_a_restated_from_value_is_the_older(extractor) -> None:
    body = (
        "Brenmark Steel said on Thursday it restated its third-quarter revenue to 1.82 billion euros from 1.95 "
        "billion euros. Brenmark Steel beat analysts' expectations of 1.7 billion euros."
    )
    figures = by_value(extractor.extract(article(body, "Brenmark restates revenue")))
    assert figures[1.7e9].key.endswith("|projected")
    assert figures[1.95e9].as_of < figures[1.82e9].as_of  # the value it replaces is the older one


def test_a_from_value_with_its_own_day_keeps_that_day(extractor) -> None:
    body = (
        "The number of heat deaths has risen to 19, health minister Rui Dias said on Wednesday, up from six on Monday."
    )
    figures = by_value(extractor.extract(article(body, "Heat deaths rise", published="2026-07-15T10:00:00+00:00")))
    assert figures[6].as_of == "2026-07-13"


def test_a_source_tagged_on_after_a_figure_vouches_for_its_sentence_only(extractor) -> None:
    tagged = "At least 41 people died in the storm, according to the Ministry of Energy."
    body = f"The storm hit the coast on Sunday.\n\n{tagged}\n\nA total of 6,250 people remain in temporary shelters."
    figures = by_value(extractor.extract(article(body, "Storm leaves thousands in shelters", id="t-1")))
    assert figures[41].attributed_to == "Ministry of Energy"
    assert figures[6250].attributed_to is None  # a paragraph of its own
    body = f"{tagged} Another 120 people were injured."
    figures = by_value(extractor.extract(article(body, "Storm kills 41", id="t-2")))
    assert figures[120].attributed_to == "Ministry of Energy"  # the same paragraph goes on


def test_a_body_named_by_its_level_is_the_body_of_the_place_of_that_level(extractor) -> None:
    body = (
        "The death toll in Tochigi Prefecture from the landslide rose to 14 on Monday, the prefectural government said."
    )
    f = by_value(extractor.extract(article(body, "Landslide toll rises")))[14]
    assert f.attributed_to == "Tochigi prefectural government"
    assert f.subject.startswith("Tochigi")


def test_a_body_described_again_is_the_one_named_before(extractor) -> None:
    body = (
        "The Ohio Department of Public Health confirmed 31 cases of mumps on Friday. "
        "The health department had reported 12 cases a week earlier."
    )
    figures = by_value(extractor.extract(article(body, "Mumps cases rise")))
    assert figures[12].attributed_to == "Ohio Department of Public Health"


def test_how_badly_people_were_hurt_makes_another_series(extractor) -> None:
    body = "At least 210 people were injured in the blast, officials said. Nine people were critically injured."
    figures = by_value(extractor.extract(article(body, "Blast injures 210")))
    assert figures[210].measure == "injured"
    assert figures[9].measure == "seriously injured"
    assert figures[9].key != figures[210].key


def test_deaths_under_review_are_not_the_toll(extractor) -> None:
    body = "The flood killed 48 people. A review panel examined 17 deaths for links to the evacuation."
    figures = by_value(extractor.extract(article(body, "Flood toll 48")))
    assert figures[48].measure == "deaths"
    assert figures[17].measure == "deaths under review"


def test_the_majority_counts_what_its_clause_counts(extractor) -> None:
    body = "Cholera cases have been confirmed in five districts, but the majority, 418, are in Mbale District."
    f = by_value(extractor.extract(article(body, "Cholera spreads in Uganda")))[418]
    assert f.measure == "cases"
    assert "Mbale" in f.subject


def test_how_much_more_than_the_last_count_is_a_change(extractor) -> None:
    body = "Forty-one patients are in hospital, five more than on Monday, the health office said."
    figures = by_value(extractor.extract(article(body, "Dengue admissions rise")))
    assert figures[5].key.endswith("change:up")
    assert not figures[41].key.endswith("change:up")


def test_a_local_events_toll_at_its_own_site_is_its_whole_toll(extractor) -> None:
    first = article(
        "A wildfire near Kalavryta in southern Greece has burned about 2,000 hectares, the fire service said.",
        "Wildfire near Kalavryta",
        id="t-1",
    )
    later = article(
        "The fire service said 80 people had been evacuated from Kalavryta and 15 from the village of Zachlorou.",
        "Greek wildfire forces evacuations",
        id="t-2",
    )
    area = by_value(extractor.extract(first))[2000]
    assert "@" not in area.key  # the fire's own site: its whole area
    figures = by_value(extractor.extract(later))
    assert figures[80].key.endswith("@kalavryta")  # not a local event's lead: Kalavryta is one place of several
    quake = article("An earthquake killed 12 people in Patras, Greek officials said.", "Quake kills 12")
    assert by_value(extractor.extract(quake))[12].key.endswith("@patras")  # a quake spreads: a place is a part


def test_each_item_of_a_list_of_places_and_counts_is_its_own_place(extractor) -> None:
    body = (
        "The storm has killed at least 61 people across the South. Alabama, 19 deaths; Georgia, 14; "
        "Florida, nine; and Tennessee, three."
    )
    figures = by_value(extractor.extract(article(body, "Storm toll climbs")))
    assert figures[14].key.endswith("@georgia")  # the U.S. state beside Alabama and Florida, not the country
    assert figures[9].key.endswith("@florida")
    assert figures[3].key.endswith("@tennessee")


def test_a_local_events_site_is_where_its_lead_counts_and_a_facility_is_no_place(extractor) -> None:
    lead = (
        "KATOWICE, May 4 (Silesia Wire) - A gas explosion tore through the Wujek Nowy coal mine near the town of "
        "Lubliniec in Poland's Opole province on Monday, killing at least six miners, officials said."
    )
    figure = by_value(extractor.extract(article(lead, "Poland mine blast kills 6")))[6]
    assert "@" not in figure.key  # the blast's own province, named in the lead: its whole toll
    later = "Rescuers recovered three more bodies from the Wujek Nowy mine, raising the toll to nine, officials said."
    figure = by_value(extractor.extract(article(later, "Poland mine toll reaches 9", id="t-2")))[9]
    assert "@" not in figure.key  # a mine named for a place is a site, not a place


def test_where_a_source_spoke_is_not_where_the_figure_is(extractor) -> None:
    body = '"We have recovered 23 bodies," Governor Ana Ruiz told reporters in Tunja, Colombia.'
    figure = by_value(extractor.extract(article(body, "Colombia landslide")))[23]
    assert "tunja" not in figure.key


def test_a_headline_count_with_still_takes_the_participle_and_a_tally_is_no_return(extractor) -> None:
    figures = by_value(
        extractor.extract(
            article(
                "Rescuers pulled two more men out alive, bringing the number rescued to 11.",
                "Mine toll rises to 12, nine still trapped",
            )
        )
    )
    assert figures[9].measure == "trapped"
    assert figures[11].measure == "rescued"
    assert figures[2].measure != "prisoners returned"


def test_an_accented_place_keeps_its_letters_in_the_key() -> None:
    from pipeline.extract.scope import _norm

    assert _norm("Boyacá") == "boyaca"


def test_a_place_the_copy_calls_a_village_and_parts_of_a_count_under_review(extractor) -> None:
    body = "The fire service said 80 people had been evacuated from Kalavryta and 15 from the village of Zachlorou."
    figures = by_value(extractor.extract(article(body, "Greek wildfire forces evacuations")))
    assert figures[15].key.endswith("@zachlorou")
    body = "A panel examined 31 deaths, including four in the town of Oborniki and 27 in the city of Poznan."
    figures = by_value(extractor.extract(article(body, "Panel reviews flood deaths", id="t-2")))
    assert figures[27].measure == figures[31].measure == "deaths under review"


def test_a_night_in_shelters_is_no_spending_and_a_storms_name_is_no_place(extractor) -> None:
    body = (
        "Hurricane Ottilie has killed 14 people in Alabama and Georgia. About 3,900 people spent the night in "
        "shelters in Alabama, the governor said. The storm's toll across the two states rose to 15, bringing "
        "Hurricane Ottilie's toll to 15."
    )
    figures = extractor.extract(article(body, "Hurricane Ottilie kills 14"))
    by = {f.text: f for f in figures}
    assert by["About 3,900"].measure == "in shelters"
    assert by["About 3,900"].scope.kind == "point"  # people in shelters move either way: not a running total
    assert all("ottilie" not in f.key for f in figures)


def test_troops_killed_or_wounded_are_casualties(extractor) -> None:
    body = "The general staff said the enemy had lost about 212,000 troops killed or wounded."
    figure = by_value(extractor.extract(article(body, "Losses mount")))[212000]
    assert figure.measure == "casualties"


def test_a_year_on_year_rise_of_prices_or_output_is_the_annual_rate(extractor) -> None:
    body = "Hungarian consumer prices rose 4.1% year on year in March. The economy grew 1.7% year on year."
    figures = by_value(extractor.extract(article(body, "Hungary inflation")))
    assert figures[4.1].measure == "inflation (percent)" and figures[4.1].change is None
    assert figures[1.7].measure == "growth (percent)" and figures[1.7].change is None


def test_a_tally_names_its_place_and_a_toll_across_states_is_no_one_states(extractor) -> None:
    body = (
        "Alabama's death toll from the storm rose to 8 on Monday, state officials said, bringing the toll across "
        "the two states to 19. The governor had put the Texas toll at 12 on Friday."
    )
    figures = by_value(extractor.extract(article(body, "Storm toll rises")))
    assert figures[8].key.endswith("@alabama")
    assert "@" not in figures[19].key
    assert figures[12].key.endswith("@texas")


def test_a_source_giving_its_own_figure_in_another_clause_is_not_the_totals(extractor) -> None:
    from pipeline.extract.attribution import _speaks_of_another

    doc = extractor.nlp("The toll rose to 23 on Tuesday, as the state health department confirmed 15 deaths.")
    total, part = (t for t in doc if t.like_num)
    confirmed = next(t for t in doc if t.lower_ == "confirmed")
    assert _speaks_of_another(confirmed, total)  # the department speaks of its 15, not of the 23
    assert not _speaks_of_another(confirmed, part)


def test_a_count_added_to_a_total_is_a_change_and_striking_workers_are_on_strike(extractor) -> None:
    body = (
        "An explosion at a fuel depot outside the port killed 12 people on Tuesday, bringing the death toll "
        "to 40, the fire service said. The union said its walkout spread to three more plants, bringing the "
        "total number of striking workers to 33,700. The earthquake, striking at dawn, destroyed 200 homes."
    )
    found = by_value(extractor.extract(article(body, "Depot blast toll rises to 40")))
    assert found[12].key.endswith("|change:up") and not found[40].key.endswith("|change:up")
    assert found[40].measure == "deaths"
    assert found[33700].measure == "workers on strike"
    assert found[200].measure != "workers on strike"
    # A clause with a subject of its own sets its own level, not a total: "while the hospital raised its offer to 12%".
    body = "The nurses lowered their demand to a 20% raise, while the hospital raised its offer to 12%."
    found = by_value(extractor.extract(article(body, "Nurses lower pay demand")))
    assert not found[20].key.endswith("|change:up")


def test_a_figure_given_again_for_the_same_key_and_day_is_one_claim(extractor) -> None:
    body = (
        "The death toll from the earthquake in western Nepal rose to 128, officials said on Saturday. "
        "The toll of 128 could rise, rescuers said on Saturday. On Friday officials had reported 72 deaths."
    )
    headline = "Nepal quake: death toll rises to 128"
    figures = extractor.extract(article(body, headline, "2026-10-31T10:00:00+00:00"))
    toll = [f for f in figures if f.value == 128]
    assert [(f.text, f.sentence, f.as_of) for f in toll] == [("128", headline, "2026-10-31")]
    # Another day's figure is another claim; the day the parser hung on "officials" is no part of a source.
    (friday,) = [f for f in figures if f.value == 72]
    assert (friday.as_of, friday.attributed_to) == ("2026-10-30", None)


def test_a_trailing_source_the_parser_set_off_as_an_apposition_is_the_source(extractor) -> None:
    body = "At least 54 people died of heatstroke in Uttar Pradesh, the state's health department said on Saturday."
    (f,) = extractor.extract(article(body, "Heat wave grips northern India"))
    assert f.attributed_to == "state's health department"


def test_troops_a_side_lost_in_the_past_day_are_that_days_casualties_of_that_side(extractor) -> None:
    body = (
        "Ukraine's General Staff said Russia had lost 1,200 troops in the past day. "
        "Russia has lost 700,000 troops since the invasion began, it said."
    )
    found = by_value(extractor.extract(article(body, "Ukraine says Russian losses mount", "2026-03-02T10:00:00+00:00")))
    assert found[1200].attributed_to == "Ukraine General Staff"  # a body, not a general named Staff
    assert (found[1200].measure, found[1200].subject) == ("casualties", "Russia / military")
    # The day's count is a series of its own; the running total is another.
    assert found[1200].key == "russia/military|casualties|period:2026-03-02"
    assert found[700000].key == "russia/military|casualties|cumulative"


def test_casualties_a_side_suffered_are_its_own_and_an_outlet_identifying_names_is_a_source(extractor) -> None:
    body = (
        "Britain's defence ministry estimated in its latest intelligence update that Russia had suffered 500,000 "
        "casualties. Working with the BBC, the independent news outlet Mediazona has identified the names of "
        "95,000 Russian soldiers killed in Ukraine."
    )
    found = by_value(extractor.extract(article(body, "Russian losses mount")))
    assert found[500000].subject == "Russia / military"
    assert found[500000].key == "russia/military|casualties|cumulative"
    assert found[95000].attributed_to == "Mediazona"


def test_a_counted_noun_takes_no_measure_from_a_phrase_about_others(extractor) -> None:
    body = (
        "Rescuers were searching for the missing with the help of 200 soldiers, the agency said. Up to 15 people "
        "were believed to be still trapped. Some 1,200 residents spent the night in sports halls and schools."
    )
    found = by_value(extractor.extract(article(body, "Floods hit Sumatra")))
    assert found[200].measure == "soldiers"  # not missing: they search for them
    assert found[15].measure == "trapped"  # what the clause's verb says of them
    assert found[1200].measure == "in shelters"


def test_a_results_years_belong_to_the_values_they_follow(extractor) -> None:
    body = (
        "BP reported a fourth-quarter profit of $2.99 billion on Tuesday. Its profit for the full year fell to "
        "$13.8 billion from $27.7 billion in 2022."
    )
    found = by_value(extractor.extract(article(body, "BP profit falls", "2024-02-06T10:00:00+00:00")))
    assert found[27.7e9].key == "bp|profit (USD)|period:2022"
    assert found[13.8e9].key == "bp|profit (USD)|period:2023"  # the full year the February report is about
    assert found[2.99e9].key == "bp|profit (USD)|period:2023-Q4"


def test_an_opening_place_sets_the_scene_and_a_trailing_source_of_a_part_is_the_parts(extractor) -> None:
    body = (
        "A hurricane killed 16 people in Louisiana and Mississippi this week. In Mississippi, the state emergency "
        "agency MEMA said the toll had risen to seven, including four in Bellwood County, according to Sheriff Dale "
        "Purvis. Bellwood County Sheriff Dale Purvis said on Friday that six people had now died in his county, the "
        "hardest hit in Mississippi."
    )
    found = by_value(extractor.extract(article(body, "Hurricane toll rises to 16")))
    assert found[7].subject == "Mississippi, U.S. / people"  # not where MEMA spoke: where all the sentence is
    assert found[7].attributed_to == "MEMA" and found[4].attributed_to == "Dale Purvis"
    assert found[6].subject == "Bellwood County, U.S. / people"  # "his county": the county in his title


def test_an_expected_level_in_an_infinitive_is_projected_and_core_inflation_is_its_own_index(extractor) -> None:
    body = (
        "Governor Tomasz Wieczorek told a news conference that the bank expected inflation to average 2.6% in "
        "2027. The central bank's new projection sees inflation averaging 2.9% this year. Annual inflation slowed "
        "to 3.4% in February. Core inflation, which excludes food and energy prices, eased to 2.8% in February."
    )
    found = by_value(extractor.extract(article(body, "Poland's central bank holds rates", "2026-03-04T14:00:00+00:00")))
    assert found[2.6].key.endswith("|projected") and found[2.9].key.endswith("|projected")
    assert found[3.4].key == "poland/economy|inflation (percent)|period:2026-02"
    assert found[2.8].key == "poland/economy|core inflation (percent)|period:2026-02"


def test_an_elided_count_takes_its_noun_from_the_joined_verb_and_the_company_is_the_story_owner(extractor) -> None:
    body = "The quake destroyed more than 2,000 homes in Morocco and damaged 5,000 more, the interior ministry said."
    found = by_value(extractor.extract(article(body, "Quake in Morocco")))
    assert found[5000].measure == "houses damaged" and found[2000].measure == "houses destroyed"
    body = "Volkswagen will cut 4,000 jobs, the company said on Tuesday. The state civil defense said 12 died."
    found = by_value(extractor.extract(article(body, "Automaker cuts jobs")))
    assert found[4000].attributed_to == "Volkswagen"  # "the company": whose figure it is, named by no tagger
    assert found[12].attributed_to == "state civil defense"


def test_goals_scored_are_no_target_and_his_tally_is_the_scorers(extractor) -> None:
    body = (
        "Manchester City beat Arsenal 3-1 on Sunday, with Erling Haaland scoring twice to take his tally to 25 goals "
        "this season. Arsenal said it kept its goal of 80 points."
    )
    found = by_value(extractor.extract(article(body, "City beat Arsenal")))
    assert found[25].key == "erling-haaland|goals|point"  # neither the other club's nor a target


def test_medics_saying_a_figure_are_its_source_and_block_a_later_one(extractor) -> None:
    body = (
        "Israeli strikes killed at least 40 Palestinians across Gaza on Tuesday, medics said. "
        "The Israeli military said it had killed 20 militants."
    )
    found = by_value(extractor.extract(article(body, "Strikes in Gaza")))
    assert found[40].attributed_to == "medics"


def test_a_figure_put_at_a_bare_tally_counts_what_the_figure_before_it_counts(extractor) -> None:
    body = "Authorities have confirmed 12 deaths in the Philippines, while local media put the figure at 15."
    found = by_value(extractor.extract(article(body, "Storm lashes Philippines")))
    assert found[15].measure == "deaths" and found[15].subject == "Philippines / people"


def test_a_meetings_hosts_are_the_source_of_what_it_reports(extractor) -> None:
    body = (
        "At a joint meeting of the Halden county government and its municipalities, the recognition of 22 "
        "storm-related deaths was proposed."
    )
    (f,) = extractor.extract(article(body, "Storm deaths recognised"))
    assert f.attributed_to == "Halden county government"


def test_a_tally_a_level_of_government_keeps_is_the_source_of_its_figure(extractor) -> None:
    body = "Halden County officials, who previously reported 72 deaths, now defer to a state tally of 42 deaths."
    found = by_value(extractor.extract(article(body, "County lowers storm toll")))
    assert found[42].attributed_to == "state tally" and found[72].attributed_to == "Halden County officials"


def test_state_tv_reporting_a_figure_is_its_source(extractor) -> None:
    body = "The death toll from the earthquake in Morocco rose to 2,497 on Monday, state TV reported."
    (f,) = extractor.extract(article(body, "Morocco quake toll rises"))
    assert f.attributed_to == "state TV"


def test_a_toll_restated_in_a_clause_about_the_event_is_history(extractor) -> None:
    body = (
        "Peru's government pledged 200 million soles to rebuild homes after Sunday's earthquake, which killed 25 "
        "people. The health ministry said 98 people remained in hospital."
    )
    found = by_value(extractor.extract(article(body, "Peru begins rebuilding", "2026-05-12T10:00:00+00:00")))
    assert found[25].as_of < "2026-05-12" and found[25].as_of_text == "previously reported"
    assert found[98].as_of == "2026-05-12"


def test_congo_is_the_democratic_republic_and_a_day_inside_a_relative_clause_is_the_clauses(extractor) -> None:
    assert PlaceContext("Ebola in Congo", "An outbreak has killed 15 people in Congo.").country == "CD"
    assert PlaceContext("Floods in Brazzaville", "Floods in the Republic of Congo killed 15.").country == "CG"
    body = "Congo's Ebola outbreak, which was declared on June 28, has now infected 57 people, the minister said."
    (f,) = extractor.extract(article(body, "Ebola toll rises", "2026-07-09T09:00:00+00:00"))
    assert f.as_of == "2026-07-09" and f.key == "dr-congo|cases|event:outbreak"


def test_a_place_named_with_a_past_year_is_that_years_event_where_it_comes_back(extractor) -> None:
    body = (
        "The death toll from the Noto earthquake is likely to exceed that from the 2016 Kumamoto earthquake. "
        "In the massive earthquake in Kumamoto, 221 of 276 deaths were attributed to indirect causes."
    )
    found = by_value(extractor.extract(article(body, "Noto toll to pass Kumamoto's", "2024-06-19T10:00:00+00:00")))
    assert found[276].key.endswith("|2016")


def test_a_country_named_with_a_past_year_does_not_date_this_events_figures(extractor) -> None:
    body = (
        "A strong earthquake killed 150 people in Nepal on Friday, the deadliest since the 2015 Nepal earthquake "
        "that killed nearly 9,000 people."
    )
    found = by_value(extractor.extract(article(body, "Quake in Nepal kills 150", "2026-03-02T10:00:00+00:00")))
    assert found[150].key == "nepal|deaths|event:earthquake"


def test_an_amount_of_money_takes_no_count_of_people_for_its_measure(extractor) -> None:
    body = (
        "Floods in Borvania in 2019 killed more than 900 people and caused losses estimated at $12 billion. "
        "Deputy Minister Ilsa Varn said the government would pay 20,000 dinars to each affected family."
    )
    found = by_value(extractor.extract(article(body, "Borvania floods")))
    assert found[12e9].measure == "losses (USD)"  # not "casualties": money lost, not people
    assert "affected" not in found[20000].measure


def test_a_power_a_modifier_names_is_no_power_outage(extractor) -> None:
    body = '"Our members have lost 7% of their purchasing power since 2022," union chief Tomas Ebb said.'
    (f,) = extractor.extract(article(body, "Union demands more"))
    assert f.measure == "share of purchasing power (percent)"
    body = "About 12,000 homes lost power overnight, the utility said."
    (f,) = extractor.extract(article(body, "Storm cuts power"))
    assert f.measure == "without power"


def test_a_count_a_verb_moves_to_is_of_what_the_verb_s_subject_names(extractor) -> None:
    body = "Shipments fell by 21,000 units to 480,000, with sales in Brazil down 9%, Corvane Motors said."
    found = by_value(extractor.extract(article(body, "Corvane shipments fall")))
    assert found[480000].measure == "shipments"  # not "revenue" from the "with" phrase after it
    assert found[9].measure == "revenue (percent)"


def test_a_breakdown_by_place_gives_each_item_its_place_whatever_the_parse(extractor) -> None:
    body = (
        "The disaster agency said 512 people had been killed since the rains began on July 3, including 140 in "
        "Punjab, 133 in Sindh and 96 in Balochistan. The agency said 77 people had died in Punjab and 61 in "
        "Sindh, and that 930 others had been injured."
    )
    found = by_value(extractor.extract(article(body, "Pakistan floods kill 512", "2026-08-10T10:00:00+00:00")))
    assert found[140].measure == "deaths"  # a part of the count "including" names
    assert "@punjab" in found[140].key and "@sindh" in found[133].key
    assert "@sindh" in found[61].key  # "... in Punjab and 61 in Sindh": not Punjab's
    assert found[930].key == "pakistan|injured|event:storm"  # "930 others": no item's place


def test_a_national_toll_is_the_country_s_whatever_province_the_sentence_names(extractor) -> None:
    body = (
        "Floods swamped villages in Pakistan's Sindh province on Monday, as the national death toll rose to 512, "
        "the disaster agency said. The agency said 9,400 houses had been damaged and 2,100 destroyed across the "
        "country, and that 700 head of livestock had been lost, most of them swept away in Punjab's south. "
        "More than 900 people have been injured nationwide."
    )
    found = by_value(extractor.extract(article(body, "Pakistan floods", "2026-08-10T10:00:00+00:00")))
    assert found[512].key == "pakistan|deaths|event:storm"
    assert "@" not in found[9400].key and "@" not in found[2100].key  # "across the country": not Punjab
    assert found[900].key == "pakistan|injured|event:storm"
    assert found[700].measure == "livestock lost"  # animals lost are no deaths of people


def test_livestock_lost_shares_no_key_with_people_killed(extractor) -> None:
    body = "The floods have killed 61 people. Some 8,000 cattle, goats and other livestock had perished, it said."
    found = by_value(extractor.extract(article(body, "Floods in Pakistan", "2026-08-10T10:00:00+00:00")))
    assert found[8000].measure == "livestock lost" and found[8000].subject == "Pakistan / livestock"
    assert found[61].key != found[8000].key


def test_where_a_source_spoke_in_a_participle_clause_is_not_where_the_figure_is(extractor) -> None:
    body = (
        "Speaking to reporters after a cabinet meeting in Karachi, Chief Minister Rafiq Bhatti said the number of "
        "people evacuated from the riverbanks had reached 310,000."
    )
    (f,) = extractor.extract(article(body, "Pakistan floods", "2026-08-10T10:00:00+00:00"))
    assert f.key == "pakistan|evacuated|event:storm"


def test_the_province_is_the_one_the_article_named_last(extractor) -> None:
    body = (
        "The provincial disaster authority in Sindh said on Thursday that 238 people had been killed in the "
        "province since the monsoon began. It said 517 people have been injured in the province."
    )
    found = by_value(extractor.extract(article(body, "Pakistan floods", "2026-08-10T10:00:00+00:00")))
    assert "@sindh" in found[238].key and "@sindh" in found[517].key


def test_a_name_after_a_role_inside_a_run_is_the_person_and_a_tower_is_none(extractor) -> None:
    body = (
        "The death toll from the Karnaphuli Tower collapse rose to 80. Police detained the owner last night, "
        "Narsingdi Superintendent of Police Shirin Akhter confirmed. She said 120 people were still missing. "
        "Labour and Employment Minister Abdul Karim Bhuiyan told reporters that 1,500 workers had been inside."
    )
    found = by_value(extractor.extract(article(body, "Bangladesh factory collapse", "2026-04-10T09:00:00+00:00")))
    assert found[120].attributed_to == "Shirin Akhter"  # "She": the superintendent, not the tower
    assert found[1500].attributed_to == "Abdul Karim Bhuiyan"


def test_people_pulled_out_alive_are_rescued_and_a_rank_is_no_name(extractor) -> None:
    body = (
        "A spokesman for the army, Lt Col Tanvir Hasan, said that 190 people had been pulled out alive, the last "
        "of them a tailor rescued on Friday night."
    )
    (f,) = extractor.extract(article(body, "Search called off", "2026-04-12T09:00:00+00:00"))
    assert f.measure == "rescued" and f.attributed_to == "Tanvir Hasan"
    assert f.as_of == "2026-04-12"  # Friday dates the last one rescued, not the 190


def test_an_event_in_a_past_year_keys_its_toll_apart_and_another_clause_names_no_group(extractor) -> None:
    body = (
        "Soldiers and firefighters worked through the night to reach trapped workers, as the death toll rose to 58. "
        "It is the deadliest disaster since the Tazreen collapse in 2012, which killed more than 110 people."
    )
    found = by_value(extractor.extract(article(body, "Factory collapse in Bangladesh", "2026-04-09T09:00:00+00:00")))
    assert found[58].key == "bangladesh|deaths|event:collapse"  # the soldiers of the main clause are not counted
    assert found[110].key.endswith("|2012")


def test_cases_reported_this_year_count_the_year_so_far_and_a_state_s_year_is_its_own(extractor) -> None:
    body = (
        "He said the cumulative number of dengue cases reported this year up to week 14 stood at 31,500. "
        "Johor's cumulative total for the year stood at 9,200 cases, he said. "
        "The state recorded 640 new cases in W15, the ministry said."
    )
    found = by_value(extractor.extract(article(body, "Dengue cases rise in Malaysia", "2026-04-07T06:00:00+00:00")))
    assert found[31500].as_of == "2026-04-07"  # not January 1: no one speaks on a whole year
    assert found[31500].key == "malaysia|cases|period:2026"
    assert found[9200].key == "malaysia|cases|period:2026@johor"  # a state's year, apart from the nation's
    assert "@w15" not in found[640].key  # a week's code is no place


def test_an_event_in_a_past_year_as_the_verb_s_subject_keys_its_toll_apart(extractor) -> None:
    body = (
        "The rains have killed 310 people since June. Floods in 2019, which submerged a third of the province, "
        "killed more than 900 people."
    )
    found = by_value(extractor.extract(article(body, "Pakistan floods", "2026-08-10T10:00:00+00:00")))
    assert found[900].key.endswith("|2019") and not found[310].key.endswith("|2019")


def test_homes_destroyed_after_homes_damaged_are_houses_whatever_the_next_clause_counts(extractor) -> None:
    body = (
        "The agency said 12,400 houses had been damaged on Monday. It said on Thursday that 20,900 homes had been "
        "damaged and 4,150 destroyed, and that 300,000 people had been displaced."
    )
    found = by_value(extractor.extract(article(body, "Pakistan floods", "2026-08-10T10:00:00+00:00")))
    assert found[4150].measure == "houses destroyed"  # not "displaced", a word of the next clause
    assert found[20900].measure == found[12400].measure == "houses damaged"  # homes and houses: one series


def test_two_places_joined_by_and_are_no_body_that_speaks(extractor) -> None:
    body = "The agency said 800,000 people had been displaced in Sindh and Punjab."
    (f,) = extractor.extract(article(body, "Pakistan floods", "2026-08-10T10:00:00+00:00"))
    assert f.attributed_to != "Sindh and Punjab"


def test_bodies_unidentified_or_handed_over_are_counts_apart_from_the_toll(extractor) -> None:
    body = (
        "The death toll rose to 48, the collector said. She said 17 bodies remain unidentified and 30 bodies had "
        "been handed over to families."
    )
    found = by_value(extractor.extract(article(body, "Train crash in India", "2026-03-17T10:00:00+00:00")))
    assert found[17].measure == "bodies unidentified" and found[30].measure == "bodies handed over"
    assert found[48].key != found[17].key and found[48].key != found[30].key
    assert found[17].scope.kind == "point"  # a level: fewer as the dead are named


def test_counts_of_one_thing_before_a_total_are_its_parts_not_what_was_added(extractor) -> None:
    body = (
        "The Kerala fire burned 9,200 hectares and the Karnataka fire 3,100 hectares, bringing the total to more "
        "than 12,000 hectares. Nine people were killed on Monday, bringing the death toll to 31."
    )
    found = by_value(extractor.extract(article(body, "Wildfires in India", "2026-03-10T10:00:00+00:00")))
    assert "change" not in found[9200].key  # a part of the total, not an increment
    assert found[9].key.endswith("|change:up")  # what the day added to the toll
    assert found[9200].subject.startswith("Kerala")  # the place the clause's event is named after


def test_a_relative_clause_after_a_dated_event_is_that_event_s_toll_whatever_the_parse(extractor) -> None:
    body = (
        "The fire has killed two people. Fear of a repeat of the 2019 fire in the resort of Kalamos, north of "
        "Athens, which killed 61 people, has made authorities quick to order evacuations."
    )
    found = by_value(extractor.extract(article(body, "Greece wildfires", "2026-07-21T10:00:00+00:00")))
    assert found[61].key.endswith("|2019") and not found[2].key.endswith("|2019")


def test_a_border_between_two_places_is_no_place_s_count_and_the_counted_phrase_owns_nothing(extractor) -> None:
    body = (
        "At least 17 people were killed when a train derailed near the border between the states of Odisha and "
        "Andhra Pradesh, officials said. At least eight coaches of the Konark Express, which runs between Puri and "
        "Mumbai, left the tracks."
    )
    found = by_value(extractor.extract(article(body, "Train derails in India", "2026-03-15T10:00:00+00:00")))
    assert found[17].key == "india|deaths|event:crash"  # not a combined count of Odisha and Andhra Pradesh
    assert found[8].key.startswith("india|coaches|")  # not owned by its own phrase with its relative clause


def test_a_figure_whose_owner_is_unknown_keys_in_its_own_article(extractor) -> None:
    body = "The club paid a fee of 40 million euros for the striker in October, a record, according to Kicker."
    (f,) = extractor.extract(article(body, "Record fee", "2026-10-20T10:00:00+00:00", id="a-7"))
    assert f.key.startswith("unknown@a-7|") and not f.resolved  # never in one row with another story's amount


def test_firefighters_and_aircraft_deployed_are_levels_not_running_totals(extractor) -> None:
    body = "Some 750 firefighters and 24 aircraft were battling the blaze on Saturday, the fire service said."
    found = by_value(extractor.extract(article(body, "Wildfire near Athens", "2026-07-25T10:00:00+00:00")))
    assert found[750].scope.kind == "point" and found[24].scope.kind == "point"  # fewer later is no revision


def test_a_company_named_by_what_it_is_is_the_one_named_before_the_figure(extractor) -> None:
    body = (
        "Rivona posted a smaller loss. Shares rose after Rivona said revenue was $2.4 billion.\n\n"
        "The electric-vehicle maker said it delivered 21,300 vehicles in the quarter.\n\n"
        "The carrier said it carried 1.6 million passengers, while rivals Skyline Air and Kestrel Air added flights."
    )
    found = by_value(extractor.extract(article(body, "Rivona posts smaller loss")))
    assert found[21_300.0].attributed_to == "Rivona" and found[21_300.0].subject == "Rivona"
    # the organisations named after the figure are not what "the carrier" refers to
    assert found[1_600_000.0].attributed_to == "Rivona"


def test_an_acronym_is_defined_by_the_words_it_abbreviates_not_by_a_dateline(extractor) -> None:
    body = "PORTVILLE (AP) — Dockworkers walked out. 74 ships were waiting offshore, according to an AP tally."
    found = by_value(extractor.extract(article(body, "Ships wait")))
    assert found[74.0].attributed_to == "AP"


def test_the_side_that_struck_is_not_whose_dead_they_are(extractor) -> None:
    body = (
        "Marovia said its forces hit targets in Ukraine. The number of people killed in a Marovian missile strike "
        "on Kharkiv has risen to 17, Ukrainian officials said.\n\n"
        "In the southern port of Odesa, a Russian drone struck an apartment block, killing three people."
    )
    found = by_value(extractor.extract(article(body, "Russian strike on Kharkiv kills 17")))
    assert found[3.0].subject == "Odesa, Ukraine / civilians"  # "Russian" names the drone's side, Odesa the place


def test_what_a_source_puts_at_a_number_is_what_it_counts_and_whose(extractor) -> None:
    body = "Ukraine's defence ministry put Russia's losses at nearly 365,000 killed or wounded."
    found = by_value(extractor.extract(article(body, "Losses mount")))
    assert found[365_000.0].subject == "Russia / military"
    assert found[365_000.0].attributed_to == "Ukraine's defence ministry"


def test_a_currency_name_several_countries_use_is_the_one_of_the_country_the_story_is_set_in(extractor) -> None:
    body = "Farm losses in the Philippines reached 7.1 billion pesos, and Seoul pledged $1m in humanitarian aid."
    found = by_value(extractor.extract(article(body, "Typhoon hits the Philippines")))
    assert found[7.1e9].currency == "PHP"
    assert found[1e6].currency == "USD"  # "$1m in aid" is a million, not a metre
    mexico = by_value(extractor.extract(article("Mexico's losses reached 9 billion pesos.", "Floods in Mexico")))
    assert mexico[9e9].currency == "MXN"


def test_the_number_a_verb_brings_a_count_to_counts_what_the_number_is_of(extractor) -> None:
    body = (
        "The Harbour Workers' Guild said more ports had closed. The strike widened on Tuesday, bringing the number "
        "of strikers to about 45,000. The number of ships waiting rose to 74."
    )
    found = by_value(extractor.extract(article(body, "Port strike spreads")))
    assert found[45_000.0].measure == "workers on strike"
    assert found[74.0].measure == "ships"


def test_what_one_attack_fires_is_that_attack_s_count_not_a_series_across_nights(extractor) -> None:
    first = extractor.extract(article("Russia launched 143 drones at Ukraine overnight.", "Drone attack"))
    later = extractor.extract(
        article("Russia launched 90 drones at Ukraine overnight.", "Drone attack", "2026-05-14T10:00:00+00:00")
    )
    assert first[0].key != later[0].key  # each night its own figure, never 143 -> 90 as a revision


def test_an_organisation_named_by_its_kind_is_the_one_named_so_before(extractor) -> None:
    body = (
        "The Harbour Workers Union and the Coastal Shipping Alliance met on Monday. The Harbour Workers Union "
        "wants a 77% raise. The union said talks would resume. The alliance said it had offered 50%."
    )
    found = by_value(extractor.extract(article(body, "Port Talks Stall As Ships Queue Offshore")))
    assert found[50.0].attributed_to == "Coastal Shipping Alliance"
    # a run of title-case headline words is no organisation the figures belong to
    assert "Port Talks" not in (found[77.0].subject or "")


def test_a_town_is_where_it_happened_not_who_said_so_but_a_capital_may_speak_for_its_government() -> None:
    from pipeline.extract.attribution import _can_speak

    assert not _can_speak("Larkana")  # a town of 490,000
    assert not _can_speak("train crash")
    assert _can_speak("Moscow") and _can_speak("National Hurricane Center")


def test_a_district_s_name_at_the_start_of_a_longer_city_name_is_not_that_district() -> None:
    assert [p.name for p in find_places("Rescuers reached Porto Alegre and Porto.")] == ["Porto"]


def test_people_driven_from_homes_taken_to_safety_or_left_without_water(extractor) -> None:
    body = (
        "More than 16,000 people have been driven from their homes. Rescuers have pulled 4,100 people to safety. "
        "About 42,000 residents of the capital were without running water, the mayor said."
    )
    found = by_value(extractor.extract(article(body, "Floods in Brazil")))
    assert found[16_000.0].measure == "displaced"
    assert found[4_100.0].measure == "rescued"
    assert found[42_000.0].measure == "without water"


def test_an_included_part_that_says_what_it_counts_keeps_its_measure(extractor) -> None:
    body = "More than 24,500 people had left their homes, including 8,900 who were staying in shelters."
    found = by_value(extractor.extract(article(body, "Floods")))
    assert found[24_500.0].measure == "displaced"
    assert found[8_900.0].measure == "in shelters"


def test_the_time_of_a_value_moved_from_is_not_the_next_figure_s(extractor) -> None:
    body = "Ninety-two people remain missing, down from 103 last week, and 312 have been injured."
    found = by_value(extractor.extract(article(body, "Floods", "2026-05-12T10:00:00+00:00")))
    assert found[312.0].as_of == "2026-05-12"
    assert found[103.0].as_of < "2026-05-12"


def test_people_who_have_no_electricity_or_no_running_water(extractor) -> None:
    body = "About 31,000 customers had no electricity on Sunday. About 25,000 residents still have no running water."
    found = by_value(extractor.extract(article(body, "Floods")))
    assert found[31_000.0].measure == "without power"
    assert found[25_000.0].measure == "without water"


def test_a_verb_s_bare_object_after_a_count_of_houses_counts_houses(extractor) -> None:
    found = by_value(extractor.extract(article("The storm damaged 18,400 houses and destroyed 2,150.", "Storm")))
    assert found[2_150.0].measure == "houses destroyed"


def test_the_place_a_number_comes_with_is_its_place(extractor) -> None:
    body = "Cagayan remained the hardest-hit province with 39 deaths, followed by Isabela with 19."
    found = by_value(extractor.extract(article(body, "Typhoon in the Philippines")))
    assert found[19.0].subject == "Isabela, Philippines / people"


def test_a_count_given_per_day_or_per_year_is_a_rate_of_its_own(extractor) -> None:
    body = (
        "The derailment killed 14 people in Norvale province. The line carries about 90,000 passengers a day, "
        "and the depot repairs 40 carriages per week. Each year 300 people die at level crossings."
    )
    found = by_value(extractor.extract(article(body, "Train derails in Norvale")))
    assert found[14.0].measure == "deaths"
    assert found[90_000.0].measure == "passengers per day"
    assert found[40.0].measure == "carriages per week"
    assert found[300.0].measure == "deaths per year"


def test_a_count_worldwide_or_across_a_region_of_countries_is_not_the_storys_country(extractor) -> None:
    body = (
        "Kenya has recorded 2,150 cholera cases this year, the health ministry said. More than 310,000 cases "
        "were reported worldwide, and 41,000 across the East African region, the WHO said. The Nakuru region "
        "has 650 cases."
    )
    found = by_value(extractor.extract(article(body, "Cholera in Kenya")))
    assert found[2_150.0].subject.startswith("Kenya")
    assert found[310_000.0].subject == "World / people"
    assert found[41_000.0].subject == "East African region / people"
    assert found[650.0].subject.endswith("Kenya / people")


def test_a_place_name_with_a_lowercase_word_inside_is_one_token_and_its_agency_a_source(extractor) -> None:
    body = (
        "The toll from a week of storms climbed to 17, with 40 people still missing, according to Mato Grosso "
        "do Sul's civil defense agency."
    )
    found = by_value(extractor.extract(article(body, "Storms in Brazil")))
    assert found[17.0].attributed_to == "Mato Grosso do Sul's civil defense agency"
    assert found[40.0].attributed_to == "Mato Grosso do Sul's civil defense agency"
    doc = extractor.nlp("Floods hit Rio de Janeiro and Trinidad and Tobago.")
    assert [t.text for t in doc][2:] == ["Rio de Janeiro", "and", "Trinidad and Tobago", "."]


def test_a_countrys_one_body_named_plainly_and_an_acronym_tagged_as_a_noun_are_sources(extractor) -> None:
    body = (
        "The coast guard said it had rescued more than 1,400 people. The army said it had sent 350 soldiers to "
        "the valley. Initial reports showed at least 2,300 houses damaged, the NDRMO said."
    )
    found = by_value(extractor.extract(article(body, "Typhoon Veru hits Norvale")))
    assert found[1_400.0].attributed_to == "coast guard"
    assert found[350.0].attributed_to == "army"
    assert found[2_300.0].attributed_to == "NDRMO"


def test_a_city_named_by_two_capitalised_words_is_no_person_for_he_to_point_back_to(extractor) -> None:
    body = (
        'Water began to retreat from the streets of Porto Alegre on Friday. "We will count again," the agency\'s '
        "chief, Colonel Ivo Marquesi, told reporters in Porto Alegre. He said 64 people were still missing."
    )
    found = by_value(extractor.extract(article(body, "Floods in Brazil")))
    assert found[64.0].attributed_to == "Ivo Marquesi"


def test_a_count_picked_from_the_dead_that_names_its_place_is_that_places_count(extractor) -> None:
    body = (
        "The storm has killed 31 people, the disaster council said. Eleven of the dead were in Norvale "
        "province, six in Isabela and four in Albay."
    )
    found = by_value(extractor.extract(article(body, "Storm kills 31 in the Philippines")))
    assert found[11.0].resolved and not found[11.0].key.endswith("|part")
    body = "Among the cases in New Mexico, 11 are in children and 15 in adults."
    found = by_value(extractor.extract(article(body, "Measles outbreak")))
    assert found[11.0].key.endswith("|part")


def test_what_an_event_cost_with_no_owner_named_is_the_places_economys(extractor) -> None:
    body = (
        "Typhoon Veru killed 12 people in the Philippines. Losses to crops and fisheries were estimated at "
        "3.1 billion pesos, according to the Department of Agriculture."
    )
    found = by_value(extractor.extract(article(body, "Typhoon Veru kills 12 in the Philippines")))
    assert found[3.1e9].subject == "Philippines / economy"
    assert found[3.1e9].resolved


def test_inflation_in_the_euro_zone_is_the_euro_zones_not_the_storys_country(extractor) -> None:
    body = (
        "Norvian inflation rose to 3.4% in June. That keeps Norvia above the average for the countries that "
        "share the euro, where annual inflation held at 2.0% in June. Inflation in the euro area was 2.1% in May."
    )
    found = by_value(extractor.extract(article(body, "Inflation in Greece", "2026-07-01T10:00:00+00:00")))
    assert found[2.0].subject == "Euro zone / economy"
    assert found[2.1].subject == "Euro zone / economy"


def test_the_day_counting_began_is_not_the_day_of_a_speakers_figure(extractor) -> None:
    body = (
        "Colonel Ivo Marquesi told reporters that 58 bodies had been recovered and 212 people pulled out alive "
        "since the building fell on Wednesday morning."
    )
    found = by_value(extractor.extract(article(body, "Building collapse", "2026-04-09T04:20:00+00:00")))
    assert found[212.0].as_of == "2026-04-09"  # a Thursday: Wednesday is when the count began


def test_what_the_sentence_says_is_in_a_state_now_is_a_level_not_a_running_total(extractor) -> None:
    body = (
        "The dockworkers' strike at Brazil's port of Santos entered its second week. At least 74 container ships "
        "were waiting offshore on Monday, and 210 container ships had been diverted to other ports since it began."
    )
    found = by_value(extractor.extract(article(body, "Brazil port strike")))
    assert found[74.0].scope.kind == "point" and found[74.0].scope.label == "event:strike"
    assert found[210.0].scope.kind == "cumulative"


def test_a_bare_number_a_person_is_is_their_age_not_a_figure(extractor) -> None:
    body = 'The toll rose to 143. "I am 61 and I have lived here all my life," said Ana Veloso. The dead were 14.'
    found = by_value(extractor.extract(article(body, "Floods")))
    assert 61.0 not in found and 143.0 in found and 14.0 in found


def test_the_injured_still_being_treated_are_a_level_apart_from_the_injured(extractor) -> None:
    body = (
        "The derailment in India killed 52 people and injured 183. Of the 183 injured, 71 were still undergoing "
        "treatment on Thursday, and doctors said 40 injured people were being treated in Cuttack."
    )
    found = by_value(extractor.extract(article(body, "India train crash")))
    assert found[183.0].measure == "injured"
    assert found[71.0].measure == "injured under treatment" and found[71.0].resolved
    assert found[71.0].scope.kind == "point"
    assert found[40.0].measure == "injured under treatment"


def test_a_region_that_is_also_a_persons_name_is_not_a_place_there() -> None:
    text = "Deputy Mayor Rina Paul said 14 were missing. Leon Zawadzkiewicz, 80, was among them. Le Marche was spared."
    assert [p.name for p in find_places(text)] == ["Marche"]
    # A headline in title case is not a run of names.
    assert [p.name for p in find_places("Toll Could Exceed Kumamoto's")] == ["Kumamoto"]


def test_an_american_dateline_or_a_large_city_sets_the_country_when_nothing_else_does() -> None:
    assert PlaceContext("Tower collapse", "BAYHAVEN, Fla. (AP) - Crews found 4 more bodies.").country == "US"
    assert PlaceContext("Tower collapse", "MIAMI (Channel 9) - The toll rose to 12.").country == "US"
    # A report naming only its town and "the Miami-Dade Police" is in the United States, and Lt. Ana Rosario
    # (Rosario is a large city in Argentina) is a person.
    body = "The toll in Bayhaven reached 30, said Lt. Ana Rosario of the Miami-Dade Police. Rosario said more may die."
    assert PlaceContext("Bayhaven toll", body).country == "US"


def test_patients_released_from_hospital_are_discharged_and_workers_back_at_work_no_returned_prisoners(
    extractor,
) -> None:
    body = (
        "The ministry said 61 people have recovered and been released from hospital. "
        "The union said the 9,000 workers it represents can return to work on Monday."
    )
    figures = by_value(extractor.extract(article(body, "Outbreak and strike")))
    assert figures[61].measure == "discharged"
    assert figures[9000].measure != "prisoners returned"


def test_a_dateline_that_lost_its_dash_is_still_not_the_figures_place(extractor) -> None:
    body = (
        "ORMOC, Philippines, Nov 12 The death toll from the typhoon's rampage through the Philippines is closer to "
        "2,000 than the 10,000 previously estimated, the president said."
    )
    figures = by_value(extractor.extract(article(body, "Typhoon toll", published="2025-11-12T10:00:00+00:00")))
    assert figures[10000].key == "philippines|deaths|event:storm"


def test_a_virus_is_an_outbreak_and_a_heart_attack_is_no_attack() -> None:
    body = "The man, who had a heart attack in May, was the ninth to die of the virus. Four new MERS cases were found."
    assert article_event("Virus toll rises to nine", body) == "outbreak"
    assert article_event("Minister resigns", "He suffered a heart attack on Monday.") is None


def test_an_estimate_the_text_marks_as_the_earlier_one_is_history(extractor) -> None:
    body = (
        "The toll is closer to 900 than the 5,000 previously estimated, the governor said on Tuesday. "
        "A mayor had initially estimated that about 7,000 people may have died."
    )
    figures = by_value(extractor.extract(article(body, "Cyclone toll", published="2026-05-12T10:00:00+00:00")))
    assert figures[900].as_of == "2026-05-12"
    assert figures[5000].as_of < "2026-05-12" and figures[7000].as_of < "2026-05-12"


def test_the_people_a_town_has_are_its_population_not_the_events_count(extractor) -> None:
    body = "Most of the 214 dead were in Castelnuovo, a town of 2,600 people that the quake flattened."
    figures = by_value(extractor.extract(article(body, "Quake toll rises")))
    assert (figures[214].measure, figures[2600].measure) == ("deaths", "population")


def test_a_count_the_text_sets_apart_with_alone_is_a_part(extractor) -> None:
    body = "Italy mourned the 310 victims of the quake. There were 240 deaths in the hill towns alone."
    figures = by_value(extractor.extract(article(body, "Italy quake")))
    assert figures[240].key == "italy|deaths|event:earthquake|part"


def test_people_in_quarantine_are_a_level_of_their_own_and_south_korean_is_south_korea(extractor) -> None:
    body = (
        "The number of people quarantined by South Korean authorities rose to nearly 4,100. "
        "Health officials confirmed 126 cases of the virus."
    )
    figures = by_value(extractor.extract(article(body, "Virus outbreak spreads")))
    assert figures[4100].measure == "in quarantine"
    assert figures[4100].subject.startswith("South Korea")
    assert figures[126].measure == "cases"


def test_the_ministry_is_the_ministry_named_before_not_the_last_organisation(extractor) -> None:
    body = (
        "Cases of the virus held at 182, the health ministry said. Many infections stemmed from Halvorsen "
        "Medical Centre in the capital. Nine patients are in critical condition, the ministry said."
    )
    figures = by_value(extractor.extract(article(body, "Outbreak slows")))
    assert figures[9].attributed_to == "health ministry"


def test_whose_toll_a_figure_is_names_its_source(extractor) -> None:
    body = (
        '"We think 900 people died in the port," Mara Ilves of the Red Cross said. '
        "The government's official toll as of Saturday was 238 dead."
    )
    figures = by_value(extractor.extract(article(body, "Cyclone toll")))
    assert figures[900].attributed_to == "Mara Ilves"
    assert figures[238].attributed_to == "government"


def test_a_branch_of_a_union_and_the_union_are_the_union_named_before(extractor) -> None:
    body = (
        "Hours earlier the local branch of the Federation of Dock and Harbour Workers announced 91% of voting "
        "members rejected the offer. According to the union, the 6,400 workers it represents stay out."
    )
    figures = by_value(extractor.extract(article(body, "Port strike")))
    assert figures[91].attributed_to == figures[6400].attributed_to == "Federation of Dock and Harbour Workers"


def test_the_value_a_count_moved_from_is_older_and_the_day_of_the_event_is_not_the_figures(extractor) -> None:
    body = (
        "The list of the missing was sharply reduced Friday, from 150 to 131, the mayor said. "
        "Crews recovered 8 more bodies, raising to 71 the death toll from the June 24 collapse."
    )
    figures = by_value(extractor.extract(article(body, "Tower toll", published="2026-07-06T10:00:00+00:00")))
    assert figures[150].as_of < figures[131].as_of == "2026-07-03"
    assert figures[71].as_of == "2026-07-06"


def test_an_economy_that_grew_or_shrank_gives_its_growth_rate_signed(extractor) -> None:
    body = (
        "The Ruritanian economy shrank 0.4 per cent in the first quarter, the statistics office said. "
        "Gross domestic product grew at a 2.1% annual pace in the second."
    )
    figures = by_value(extractor.extract(article(body, "Ruritania's economy rebounds")))
    assert figures[-0.4].measure == figures[2.1].measure == "growth (percent)"
    assert figures[-0.4].change is None


def test_monsoon_rains_are_a_storm_and_a_lightning_strike_no_labour_strike() -> None:
    body = "Monsoon rains have killed 86 people. Two died of electrocution and three in a lightning strike."
    assert article_event("Monsoon rains kill 86", body) == "storm"


def test_a_shooting_that_recalls_a_hurricane_is_an_attack() -> None:
    body = "The rampage killed 31 people. He compared it with the hurricane that struck the coast in 2005."
    assert article_event("Victims of the mall shooting remembered", body) == "attack"


def test_the_fatally_wounded_are_dead_and_a_bay_named_for_a_city_is_not_the_city(extractor) -> None:
    body = (
        "At least 31 people were fatally wounded in the shooting in Reno, and 140 are injured. "
        "The gunman fired from a suite at Mandalay Bay."
    )
    figures = by_value(extractor.extract(article(body, "Reno shooting")))
    assert (figures[31].measure, figures[140].measure) == ("deaths", "injured")
    assert [p.name for p in find_places("a suite at Mandalay Bay in Nevada")] == ["Nevada"]


def test_what_a_strike_has_already_cost_is_a_running_total(extractor) -> None:
    body = (
        "The walkout has already cost Tarvik Motors $90 million, analysts said. "
        "It has cost the carmaker $140 million so far, the firm said a week later."
    )
    figures = by_value(extractor.extract(article(body, "Strike costs mount")))
    assert figures[90e6].scope.kind == figures[140e6].scope.kind == "cumulative"


def test_victims_are_the_dead_when_the_sentence_speaks_of_death(extractor) -> None:
    body = (
        "Funerals were held on Saturday for some of the 214 victims of the quake in Italy. "
        "Aid reached 9,000 flood victims in the north."
    )
    figures = by_value(extractor.extract(article(body, "Italy mourns")))
    assert (figures[214].measure, figures[214].subject) == ("deaths", "Italy / people")
    assert figures[9000].measure != "deaths"


def test_a_datelines_date_is_the_filing_day_not_the_figures(extractor) -> None:
    body = (
        "ORMOC, Philippines, Nov 12 The toll is closer to 900 than the 5,000 previously estimated, the "
        "president said on Tuesday."
    )
    figures = by_value(extractor.extract(article(body, "Typhoon toll", published="2025-11-12T10:00:00+00:00")))
    assert figures[5000].as_of < figures[900].as_of  # the earlier estimate, not dated by the dateline


def test_a_wage_hike_is_a_pay_rise(extractor) -> None:
    body = "The carmaker's latest offer included a 27% wage hike over four years, the company said."
    figures = by_value(extractor.extract(article(body, "Carmaker raises offer")))
    assert figures[27].measure.startswith("pay rise")


def test_a_role_set_off_with_a_name_speaks_as_that_person_whatever_the_parser_hangs_it_on(extractor) -> None:
    body = (
        "A train crashed in Kenya on Monday. "
        "A spokesperson for Rift Valley Railway, Amos Kiprono Wanjala, said 14 coaches of the train had derailed. "
        "Doctors said 9 people were being treated."
    )
    figures = by_value(extractor.extract(article(body, "Kenya crash")))
    assert figures[14].attributed_to == "Amos Kiprono Wanjala"


def test_the_day_of_the_event_a_speaker_mentions_is_not_the_day_they_spoke(extractor) -> None:
    body = (
        "A bus crashed in Kenya at the weekend. "
        "Amos Wanjala, a transport official, said 31 passengers were on board at the time of the crash on "
        "Saturday night. Mr Wanjala said 12 routes had been suspended."
    )
    figures = by_value(extractor.extract(article(body, "Kenya bus crash", published="2026-05-12T10:00:00+00:00")))
    # Spoken on the day of publication (Tuesday); Saturday is the crash's day, not his statement's.
    assert figures[12].as_of == "2026-05-12"


def test_a_day_in_another_clause_does_not_date_the_figure(extractor) -> None:
    body = (
        "A bridge collapsed in Kenya on Saturday. Transport officials said traffic resumed on Monday evening, but "
        "58 buses have been cancelled in all since the collapse."
    )
    figures = by_value(extractor.extract(article(body, "Kenya bridge collapse", published="2026-05-12T10:00:00+00:00")))
    assert figures[58].as_of == "2026-05-12"


def test_a_crowd_crush_is_an_event_of_its_own_and_at_one_site(extractor) -> None:
    body = (
        "A crowd surged into a narrow street during a festival in Lagos on Saturday, killing at least 31 people. "
        "It was the city's biggest festival since the pandemic began. The crush was the deadliest in years."
    )
    assert article_event("Crowd crush kills 31 in Lagos", body) == "crush"
    later = "The toll from Saturday's crowd crush in Lagos rose to 36 on Monday, police said."
    keys = {f.key for f in extractor.extract(article(body, "Crowd crush kills 31 in Lagos"))}
    keys |= {f.key for f in extractor.extract(article(later, "Lagos crush toll rises", id="t-2"))}
    assert {k for k in keys if "deaths" in k} == {"nigeria|deaths|event:crush"}


def test_a_headlines_compass_point_short_form_without_a_stop_is_the_country(extractor) -> None:
    figures = extractor.extract(article("A crowd crush in an alley killed at least 44 people.", "44 dead in S Korea"))
    assert [f.key for f in figures] == ["south-korea|deaths|event:crush"]


def test_countries_listed_as_the_victims_nationalities_do_not_set_the_story_elsewhere() -> None:
    body = (
        "The toll from the crush rose to 61 in South Korea's capital. The 12 foreign victims include three from "
        "Iran, two each from Chile and Peru, and one each from Mali, Fiji, Oman and Laos, officials said."
    )
    assert PlaceContext("Crush toll rises to 61", body).country == "KR"


def test_how_badly_people_were_hurt_is_a_series_of_its_own_however_it_is_said(extractor) -> None:
    body = (
        "A crowd crush in Lagos killed 40 people on Saturday. Another 33 people remain in serious condition, "
        "and a total of 116 others sustained minor injuries, officials said. Of the 149 injured, 71 were still "
        "undergoing treatment, nine of them in a critical condition."
    )
    figures = by_value(extractor.extract(article(body, "Lagos crush")))
    assert figures[33].measure == "injured in serious condition"
    assert figures[33].scope.kind != "cumulative"  # a level: fewer tomorrow is no revision
    assert figures[116].measure == "slightly injured"
    assert figures[71].measure != "injured in serious condition"


def test_a_verb_of_return_beside_a_count_does_not_make_it_a_return(extractor) -> None:
    body = (
        "Malian officials recorded more than 2,700 cases of heat exhaustion on Sunday, but they have not released "
        "any figures on deaths. Separately, Chad returned 95 prisoners to Sudan."
    )
    figures = by_value(extractor.extract(article(body, "Heat exhaustion cases")))
    assert figures[2700].measure != "prisoners returned"
    assert figures[95].measure == "prisoners returned"


def test_a_people_counted_is_not_who_speaks(extractor) -> None:
    headline = "31 Malians among 400 dead during pilgrimage, confirms Chad diplomat"
    body = "A diplomat in Saudi Arabia said on Wednesday that 31 Malian nationals died during the pilgrimage."
    figures = extractor.extract(article(body, headline))
    assert "Malians" not in {f.attributed_to for f in figures}


def test_deaths_in_searing_heat_are_a_heatwave_s() -> None:
    body = "More than 500 pilgrims died in searing heat, and hundreds were treated for heat exhaustion."
    assert article_event("Pilgrims die in searing heat", body) == "heatwave"


def test_an_organisation_called_by_one_word_of_its_name_is_the_one_named_before(extractor) -> None:
    body = "The Bank of Fiji raised interest rates to 4% in May. The Bank raised interest rates to 5% on Thursday."
    figures = by_value(extractor.extract(article(body, "Fiji raises rates")))
    assert figures[5].key == "bank-of-fiji|interest rate (percent)|point"


def test_a_level_reached_from_another_is_what_the_other_was(extractor) -> None:
    body = "The Reserve Bank of Fiji raised interest rates from 2.5% to a nine-year high of 3% on Thursday."
    figures = by_value(extractor.extract(article(body, "Fiji raises rates")))
    assert figures[3].key == figures[2.5].key == "reserve-bank-of-fiji|interest rate (percent)|point"


def test_a_datelines_city_in_capitals_is_not_a_source() -> None:
    from pipeline.extract.attribution import _can_speak

    # "KARACHI - Pakistan's police chief said": where the story was filed; a capital as copy writes it may speak.
    assert not _can_speak("KARACHI")
    assert _can_speak("Moscow")


def test_whom_a_verb_of_harm_takes_are_people_whatever_they_are_called(extractor) -> None:
    body = "A crowd crush in Lagos killed more than 60 festival-goers and injured 40 spectators on Saturday."
    figures = by_value(extractor.extract(article(body, "Lagos crush")))
    assert (figures[60].measure, figures[40].measure) == ("deaths", "injured")


def test_a_count_inside_a_since_clause_is_of_that_clauses_year(extractor) -> None:
    body = (
        "At least 61 people were killed in the crush in Lagos. It was the country's deadliest disaster since 190 "
        "people died when a ferry sank in 2011."
    )
    figures = by_value(extractor.extract(article(body, "Lagos crush")))
    assert figures[190].as_of.startswith("2011")
    assert figures[190].key != figures[61].key


def test_a_holidays_day_before_the_event_it_names_is_the_events(extractor) -> None:
    body = "Authorities confirmed that the toll from Easter Sunday suicide bombings has touched 212."
    figures = extractor.extract(article(body, "Bombings toll rises", published="2026-04-08T10:00:00+00:00"))
    assert [f.as_of for f in figures] == ["2026-04-08"]


def test_a_bombings_dead_are_people_however_a_sentence_names_the_attack(extractor) -> None:
    first = "Coordinated bombings at churches and hotels killed 212 people across Nigeria, police said."
    later = "The toll rose to 240 people killed, police in Nigeria said on Tuesday."
    keys = {f.key for f in extractor.extract(article(first, "Lagos church bombings"))}
    keys |= {f.key for f in extractor.extract(article(later, "Lagos church bombings toll rises", id="t-2"))}
    assert keys == {"nigeria|deaths|event:attack"}


def test_one_number_for_the_dead_and_the_missing_together_is_a_level_of_its_own(extractor) -> None:
    body = (
        "A total of 212 people have been killed or gone missing in the floods in Kenya. "
        "180 have been confirmed dead, while 32 people remain unaccounted for. Landslides left 12 dead and 4 missing."
    )
    figures = by_value(extractor.extract(article(body, "212 dead and missing in Kenya floods")))
    assert figures[212].measure == "dead or missing"
    assert figures[212].scope.kind != "cumulative"  # the missing may be found alive
    assert (figures[180].measure, figures[12].measure, figures[4].measure) == ("deaths", "deaths", "missing")


def test_a_place_that_suffered_what_a_participle_counts_is_its_place(extractor) -> None:
    body = (
        "Floods across Kenya have killed 152 people. Kitui County has experienced deadly landslides, resulting in "
        "37 deaths."
    )
    figures = by_value(extractor.extract(article(body, "Kenya floods")))
    assert figures[37].key == "kenya|deaths|event:storm@kitui"


def test_a_country_a_clause_on_the_place_names_is_not_whose_count_it_is(extractor) -> None:
    body = (
        "Floods across Kenya have killed 152 people. Landslides also killed 19 people in western Busia county "
        "bordering Uganda."
    )
    figures = by_value(extractor.extract(article(body, "Kenya floods")))
    assert figures[19].key.startswith("kenya|deaths")


def test_the_value_a_new_one_replaces_with_not_is_the_older_one(extractor) -> None:
    body = (
        "Officials on Thursday revised the toll from the bombings down to about 212. "
        '"The total of the dead would be 212 and not 297 as reported," the health director said.'
    )
    figures = {f.value: f for f in extractor.extract(article(body, "Bombings toll revised to 212"))}
    assert figures[297].as_of < figures[212].as_of  # the figure 212 replaces, older than the day it is said on
