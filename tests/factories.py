"""Article factories for tests: wire-style copy about distinct events, built from a seed number."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from pipeline.ingest import Article

TOWNS = [
    "Almora",
    "Brindisi",
    "Cusco",
    "Dhulikhel",
    "Erzincan",
    "Foggia",
    "Gonder",
    "Hualien",
    "Iquique",
    "Jalalabad",
    "Kandy",
    "Leyte",
    "Mersin",
    "Nablus",
    "Oaxaca",
    "Palu",
    "Quetta",
    "Rasht",
    "Sendai",
    "Tabriz",
    "Ubon",
    "Valdivia",
    "Wamena",
    "Xining",
    "Yazd",
    "Zadar",
]
EVENTS = [
    (
        "earthquake",
        "An earthquake of magnitude {mag} struck near {town} on {day}, killing {dead} people and injuring "
        "{hurt} others, the regional governor {name} said.",
    ),
    (
        "flood",
        "Floods in {town} have killed {dead} people and forced {hurt} residents from their homes since {day}, "
        "emergency services chief {name} told reporters.",
    ),
    (
        "fire",
        "A fire at a textile factory in {town} on {day} killed {dead} workers and injured {hurt}, "
        "police spokesman {name} said.",
    ),
]
NAMES = ["Maria Okafor", "Jonas Lindqvist", "Ahmed Karimi", "Lucia Ferraro", "Kenji Watanabe", "Ana Duarte"]


def synthetic_articles(count: int, seed: int = 7, start: datetime | None = None) -> list[Article]:
    """`count` articles, each about its own event in its own town, with a toll and an injured count."""
    rng = random.Random(seed)
    start = start or datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    articles = []
    for index in range(count):
        kind, template = EVENTS[index % len(EVENTS)]
        town = f"{TOWNS[index % len(TOWNS)]}"
        if index >= len(TOWNS):
            town = f"{town} district {index // len(TOWNS) + 1}"
        published = start + timedelta(minutes=17 * index)
        sentence = template.format(
            mag=round(rng.uniform(5.0, 7.5), 1),
            town=town,
            day="Monday",
            dead=rng.randint(3, 900),
            hurt=rng.randint(10, 5000),
            name=rng.choice(NAMES),
        )
        body = (
            f"{sentence}\n\nRescue teams were still searching the area on {published:%A}, "
            f"and officials warned the figures could change."
        )
        articles.append(
            Article(
                id=f"synthetic-{seed}-{index:04d}",
                source=["reuters", "ap", "afp", "dpa"][index % 4],
                published_at=published,
                headline=f"{kind.title()} in {town}",
                body=body,
            )
        )
    return articles


MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def flood_report(article_id: str, source: str, deaths: str, speaker: str, hour: int) -> Article:
    """A wire report of one flood's toll as of Monday 2 March 2026; two with different tolls contradict."""
    body = (
        f"Floods in northern Moravia have killed {deaths} people since the river burst its banks, "
        f"{speaker} said on Monday.\n\nRescue teams were still searching villages along the river, "
        "and thousands of residents spent the night in schools and sports halls."
    )
    return Article(
        id=article_id, source=source, published_at=MONDAY.replace(hour=hour), headline="Floods in Moravia", body=body
    )
