"""What a story tells its articles: the country and the event its articles name most.

A local report names only its districts ("Salyan", which ISO lists only in Azerbaijan; "Rukum West", which it
does not list), and one outlet's story about a strike mentions an outbreak in passing. Each article votes with
what it says (`article_votes`): its country, twice when it names the country outright and once when only its
districts point to one, and the event it is about. A story keeps its articles' votes, and a new story starts
with those of the storyline it continues. Its context (`winners`) is the value with the most votes in each
field, the first named among equals; extraction reads an article in it.
"""

from __future__ import annotations

from collections.abc import Mapping

from pipeline.extract.events import article_event
from pipeline.extract.places import PlaceContext
from pipeline.ingest import Article

# field -> value -> votes, e.g. {"country": {"NP": 3, "AZ": 1}, "event": {"earthquake": 2}}
Votes = dict[str, dict[str, int]]
FIELDS = ("country", "event")
_KEEP = 4  # values a story keeps votes for, per field
_INHERITED = 2  # what a storyline's context weighs in a new story: an article naming it outright


def article_votes(article: Article) -> Votes:
    """What one article says: its country and its event, each with its weight."""
    votes: Votes = {}
    places = PlaceContext(article.headline, article.body)
    if places.own_country is not None:
        votes["country"] = {places.own_country: 2 if places.own_country in places.named else 1}
    event = article_event(article.headline, article.body)
    if event is not None:
        votes["event"] = {event: 1}
    return votes


def inherited(context: Mapping[str, str]) -> Votes:
    """A storyline's context as the first votes of a new story that continues it."""
    return {field: {value: _INHERITED} for field, value in context.items()}


def add_votes(votes: Mapping[str, Mapping[str, int]], more: Mapping[str, Mapping[str, int]]) -> Votes:
    """The votes with more added (a new value: a table sees only values that are assigned)."""
    out: Votes = {}
    for field in FIELDS:
        counted = dict(votes.get(field, {}))
        for value, weight in more.get(field, {}).items():
            counted[value] = counted.get(value, 0) + weight
        if counted:
            # Sorted by votes only: among equals the first named stays first, as `winners` reads it.
            out[field] = dict(sorted(counted.items(), key=lambda item: -item[1])[:_KEEP])
    return out


def winners(votes: Mapping[str, Mapping[str, int]]) -> dict[str, str]:
    """The value with the most votes in each field (the first named among equals)."""
    return {field: max(counted, key=lambda value: counted[value]) for field, counted in votes.items() if counted}
