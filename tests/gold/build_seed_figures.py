"""Hand-annotated gold figures for the five seeds -> tests/gold/seeds.figures.jsonl.

Every figure in every sentence (headline included), one line per occurrence, in reading order.
Run from the repo root:  .venv/bin/python tests/gold/build_seed_figures.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _gold import GOLD, fig, write_jsonl  # noqa: E402

UA_MIL = "Ukraine / military"
RU_MIL = "Russia / military"
DEATHS_CUM = "ua-mil-deaths-cum"
CSIS = "Center for Strategic and International Studies"

# --- aljazeera (published 2026-02-04T18:40Z; "comments on Wednesday" = 2026-02-04)
A = "aljazeera-20260204-zelensky-55000"
ZA = "Volodymyr Zelenskiy"
aljazeera = [
    fig(A, "55,000", 55000, "deaths", UA_MIL, None, ZA, "2026-02-04", "cumulative", DEATHS_CUM),  # headline
    fig(
        A, "55,000", 55000, "deaths", UA_MIL, None, ZA, "2026-02-04", "cumulative", DEATHS_CUM
    ),  # "estimated at 55,000"
    fig(A, "55,000", 55000, "deaths", UA_MIL, None, ZA, "2026-02-04", "cumulative", DEATHS_CUM),  # quote
    fig(A, "more than 46,000", 46000, "deaths", UA_MIL, None, ZA, "2025-02", "cumulative", DEATHS_CUM, q="more_than"),
    fig(
        A,
        "nearly 400,000",
        400000,
        "casualties",
        UA_MIL,
        None,
        CSIS,
        "2025",
        "cumulative",
        "ua-mil-casualties-cum",
        q="approx",
    ),
    fig(
        A,
        "2,514",
        2514,
        "deaths",
        "Ukraine / civilians",
        "Ukraine",
        "United Nations Human Rights Observatory in Ukraine",
        "2025",
        "period",
        "ua-civ-deaths-2025",
        period="2025",
    ),
    fig(
        A,
        "12,142",
        12142,
        "injured",
        "Ukraine / civilians",
        "Ukraine",
        "United Nations Human Rights Observatory in Ukraine",
        "2025",
        "period",
        "ua-civ-injured-2025",
        period="2025",
    ),
    fig(
        A,
        "almost a third",
        33.3,
        "casualties",
        "Ukraine / civilians",
        "Ukraine",
        "United Nations Human Rights Observatory in Ukraine",
        "2025",
        "period",
        "ua-civ-casualties-2025-change",
        q="approx",
        unit="percent",
        period="2025",
        change="up",
    ),
    fig(
        A,
        "some 420,000",
        420000,
        "casualties",
        RU_MIL,
        None,
        "Oleksandr Shirsky",
        "2025",
        "period",
        "ru-mil-casualties-2025",
        q="approx",
        period="2025",
    ),
    fig(
        A,
        "1.1 million",
        1100000,
        "casualties",
        RU_MIL,
        None,
        "British Defense Intelligence Agency",
        "2025-10",
        "cumulative",
        "ru-mil-casualties-cum",
    ),
    fig(
        A,
        "about 20%",
        20,
        "territory occupied",
        RU_MIL,
        "Ukraine",
        None,
        "2026-02-04",
        "point",
        "ua-territory-occupied",
        q="approx",
        unit="percent",
    ),
]

# --- reuters (published 2026-02-04T21:15Z)
R = "reuters-20260204-zelenskiy-55000"
ZR = "Volodymyr Zelenskiy"
reuters = [
    fig(R, "55,000", 55000, "deaths", UA_MIL, None, ZR, "2026-02-04", "cumulative", DEATHS_CUM),  # headline
    fig(
        R, "55,000", 55000, "deaths", UA_MIL, None, ZR, "2026-02-04", "cumulative", DEATHS_CUM
    ),  # "estimated at 55,000"
    fig(R, "55,000", 55000, "deaths", UA_MIL, None, ZR, "2026-02-04", "cumulative", DEATHS_CUM),  # quote
    fig(R, "more than 46,000", 46000, "deaths", UA_MIL, None, ZR, "2025-02", "cumulative", DEATHS_CUM, q="more_than"),
    fig(
        R,
        "at least seven",
        7,
        "deaths",
        "Ukraine / civilians",
        "Donetsk region",
        "Vadym Filashkin",
        "2026-02-04",
        "point",
        "ua-donetsk-market-strike-deaths",
        q="at_least",
    ),
    fig(
        R,
        "15",
        15,
        "injured",
        "Ukraine / civilians",
        "Donetsk region",
        "Vadym Filashkin",
        "2026-02-04",
        "point",
        "ua-donetsk-market-strike-injured",
    ),
]

# --- nationalherald (published 2026-02-05T06:30Z; the body repeats the headline as its first line)
N = "nationalherald-20260205-zelenskyy-55000"
ZN = "Volodymyr Zelenskyy"
UNHRMM = "United Nations Human Rights Monitoring Mission in Ukraine"
nationalherald = [
    fig(N, "55,000", 55000, "deaths", UA_MIL, None, ZN, "2026-02-04", "cumulative", DEATHS_CUM),  # headline field
    fig(
        N, "55,000", 55000, "deaths", UA_MIL, None, ZN, "2026-02-04", "cumulative", DEATHS_CUM
    ),  # headline repeated in body
    fig(
        N, "an estimated 55,000", 55000, "deaths", UA_MIL, None, ZN, "2026-02-04", "cumulative", DEATHS_CUM, q="approx"
    ),
    fig(N, "55,000", 55000, "deaths", UA_MIL, None, ZN, "2026-02-04", "cumulative", DEATHS_CUM),  # quote
    fig(N, "more than 46,000", 46000, "deaths", UA_MIL, None, ZN, "2025-02", "cumulative", DEATHS_CUM, q="more_than"),
    fig(
        N,
        "nearly 400,000",
        400000,
        "casualties",
        UA_MIL,
        None,
        CSIS,
        "2025",
        "cumulative",
        "ua-mil-casualties-cum",
        q="approx",
    ),
    fig(
        N,
        "2,514",
        2514,
        "deaths",
        "Ukraine / civilians",
        "Ukraine",
        UNHRMM,
        "2025",
        "period",
        "ua-civ-deaths-2025",
        period="2025",
    ),
    fig(
        N,
        "12,142",
        12142,
        "injured",
        "Ukraine / civilians",
        "Ukraine",
        UNHRMM,
        "2025",
        "period",
        "ua-civ-injured-2025",
        period="2025",
    ),
    fig(
        N,
        "nearly a third",
        33.3,
        "casualties",
        "Ukraine / civilians",
        "Ukraine",
        UNHRMM,
        "2025",
        "period",
        "ua-civ-casualties-2025-change",
        q="approx",
        unit="percent",
        period="2025",
        change="up",
    ),
    fig(
        N,
        "almost 420,000",
        420000,
        "casualties",
        RU_MIL,
        None,
        "Oleksandr Syrskii",
        "2025",
        "period",
        "ru-mil-casualties-2025",
        q="approx",
        period="2025",
    ),
    fig(
        N,
        "about 1.1 million",
        1100000,
        "casualties",
        RU_MIL,
        None,
        "British defence intelligence",
        "2025-10",
        "cumulative",
        "ru-mil-casualties-cum",
        q="approx",
    ),
    fig(
        N,
        "around 20 per cent",
        20,
        "territory occupied",
        RU_MIL,
        "Ukraine",
        None,
        "2026-02-05",
        "point",
        "ua-territory-occupied",
        q="approx",
        unit="percent",
    ),
]

# --- euronews (published 2026-02-05T09:05Z; no day given for the interview -> published date)
E = "euronews-20260205-zelensky-55000"
ZE = "Volodymyr Zelensky"
euronews = [
    fig(E, "55,000", 55000, "deaths", UA_MIL, None, ZE, "2026-02-05", "cumulative", DEATHS_CUM),  # headline
    fig(E, "around 55,000", 55000, "deaths", UA_MIL, None, ZE, "2026-02-05", "cumulative", DEATHS_CUM, q="approx"),
    fig(E, "43,000", 43000, "deaths", UA_MIL, None, ZE, "2024-12", "cumulative", DEATHS_CUM),
    fig(E, "55,000", 55000, "deaths", UA_MIL, None, ZE, "2026-02-05", "cumulative", DEATHS_CUM),  # "the 55,000 figure"
    fig(
        E,
        "more than 70,000",
        70000,
        "missing",
        "Ukraine / people",
        None,
        "Ukraine's interior ministry",
        "2026-02-05",
        "cumulative",
        "ua-people-missing-cum",
        q="more_than",
    ),
    fig(
        E,
        "314",
        314,
        "prisoners exchanged",
        "Ukraine and Russia / military",
        "Abu Dhabi",
        "Steve Witkoff",
        "2026-02-05",
        "point",
        "ua-ru-prisoners-exchanged-abudhabi",
    ),
    fig(
        E,
        "157",
        157,
        "prisoners returned",
        UA_MIL,
        "Abu Dhabi",
        ZE,
        "2026-02-05",
        "point",
        "ua-prisoners-returned-abudhabi",
    ),
]

# --- bbc (published 2026-02-05T16:20Z; "interview with France 2 TV on Wednesday" = 2026-02-04)
B = "bbc-20260205-zelensky-55000"
ZB = "Volodymyr Zelensky"
bbc = [
    fig(B, "55,000", 55000, "deaths", UA_MIL, None, ZB, "2026-02-04", "cumulative", DEATHS_CUM),  # headline
    fig(B, "55,000", 55000, "deaths", UA_MIL, None, ZB, "2026-02-04", "cumulative", DEATHS_CUM),
    fig(
        B,
        "almost 160,000",
        160000,
        "deaths",
        RU_MIL,
        None,
        "BBC",
        "2026-02-05",
        "cumulative",
        "ru-mil-deaths-cum",
        q="approx",
    ),
    fig(B, "43,000", 43000, "deaths", UA_MIL, None, ZB, "2024-12", "cumulative", DEATHS_CUM),
    fig(B, "55,000", 55000, "deaths", UA_MIL, None, ZB, "2026-02-04", "cumulative", DEATHS_CUM),  # quote
    fig(
        B,
        "more than 70,000",
        70000,
        "missing",
        "Ukraine / people",
        None,
        "Ukraine's interior ministry",
        "2025-08",
        "cumulative",
        "ua-people-missing-cum",
        q="more_than",
    ),
    fig(
        B,
        "314",
        314,
        "prisoners exchanged",
        "Ukraine and Russia / military",
        "Abu Dhabi",
        "Steve Witkoff",
        "2026-02-05",
        "point",
        "ua-ru-prisoners-exchanged-abudhabi",
    ),
    fig(
        B, "-20C", -20, "temperature", None, "Ukraine", None, "2026", "point", "ua-temperature-cold", unit="temperature"
    ),
]

ROWS = aljazeera + reuters + nationalherald + euronews + bbc

if __name__ == "__main__":
    write_jsonl(GOLD / "seeds.figures.jsonl", ROWS)
    print(f"wrote {len(ROWS)} seed figures")
