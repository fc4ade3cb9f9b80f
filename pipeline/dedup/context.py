"""What a story tells its articles: the country and the event its articles name most, and where its names are.

A local report names only its districts ("Salyan", which ISO lists only in Azerbaijan; "Rukum West", which it
does not list), and one outlet's story about a strike mentions an outbreak in passing. Each article votes with
what it says (`article_votes`): its country, twice when it names the country outright and once when only its
districts point to one, and the event it is about. A story keeps its articles' votes, and a new story starts
with those of the storyline it continues. Its context (`winners`) is the value with the most votes in each
field, the first named among equals; extraction reads an article in it.

A local report that names only its districts is read in the story's country through the story's own words: an
article that names its country outright teaches its story its rare names ("Jajarkot=NP"), and a later article
that uses them is set there (`PlaceContext`). An article's own words decide, so a write-through reads as its
first version did, and copy that never names a country (templated reports) teaches nothing.
"""

from __future__ import annotations

from collections.abc import Mapping

from pipeline.extract.events import article_event
from pipeline.extract.places import PlaceContext, rare_names
from pipeline.ingest import Article

# field -> value -> votes, e.g. {"country": {"NP": 3, "AZ": 1}, "event": {"earthquake": 2}, "name": {"Jajarkot=NP": 2}}
Votes = dict[str, dict[str, int]]
FIELDS = ("country", "event", "name")
_KEEP = {"country": 4, "event": 4, "name": 12}  # values a story keeps votes for, per field
_NAMES_PER_ARTICLE = 12  # rare names an article teaches its story, the first it uses
_INHERITED = 2  # what a storyline's context weighs in a new story: an article naming it outright


def article_votes(article: Article) -> Votes:
    """What one article says: its country and its event, each with its weight."""
    votes: Votes = {}
    places = PlaceContext(article.headline, article.body)
    if places.own_country is not None:
        votes["country"] = {places.own_country: 2 if places.own_country in places.named else 1}
    # The article tells the story where its rare names are: in the place named beside them, else in the one
    # country all its places are in, when it surely speaks of it (names it, or a place English knows there).
    default = None
    if set(places.votes) == places.surely == {places.own_country}:
        default = places.own_country
    names = {
        f"{name}={code}"
        for name, near in rare_names(f"{article.headline}\n{article.body}")[:_NAMES_PER_ARTICLE]
        if (code := near or default) is not None
    }
    if names:
        votes["name"] = {value: 1 for value in sorted(names)}
    event = article_event(article.headline, article.body)
    if event is not None:
        votes["event"] = {event: 1}
    return votes


def inherited(context: Mapping[str, str]) -> Votes:
    """A storyline's context as the first votes of a new story that continues it."""
    votes: Votes = {field: {value: _INHERITED} for field, value in context.items() if field != "names"}
    if context.get("names"):
        votes["name"] = {value: _INHERITED for value in context["names"].split(";")}
    return votes


def add_votes(votes: Mapping[str, Mapping[str, int]], more: Mapping[str, Mapping[str, int]]) -> Votes:
    """The votes with more added (a new value: a table sees only values that are assigned)."""
    out: Votes = {}
    for field in FIELDS:
        counted = dict(votes.get(field, {}))
        for value, weight in more.get(field, {}).items():
            counted[value] = counted.get(value, 0) + weight
        if counted:
            # Sorted by votes only: among equals the first named stays first, as `winners` reads it.
            out[field] = dict(sorted(counted.items(), key=lambda item: -item[1])[: _KEEP[field]])
    return out


def winners(votes: Mapping[str, Mapping[str, int]]) -> dict[str, str]:
    """The value with the most votes in each field (the first named among equals), and the story's names.

    A name is kept with the country most of the story's articles named beside it.
    """
    out = {
        field: max(counted, key=lambda value: counted[value])
        for field, counted in votes.items()
        if counted and field != "name"
    }
    best: dict[str, tuple[int, str]] = {}
    for value, count in votes.get("name", {}).items():
        name, _, code = value.rpartition("=")
        if name not in best or count > best[name][0]:
            best[name] = (count, code)
    if best:
        out["names"] = ";".join(f"{name}={code}" for name, (_, code) in best.items())
    return out
