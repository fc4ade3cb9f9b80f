"""The event a story is about, so that a toll reported on Sunday and on Monday counts the same thing.

A claim key anchors an event toll on the event, not on the day it was reported: "the earthquake" in Nepal,
"the storm" in the U.S. The kinds are general vocabulary of the news (synonyms fold into one kind); the
story's own text decides which one it is about: the kind it names most, the headline counting three times.
"""

from __future__ import annotations

import re
from collections import Counter

# (kind, pattern): each pattern's words are one kind of event.
_KINDS: tuple[tuple[str, str], ...] = (
    ("earthquake", r"earthquakes?|quakes?|tremors?|aftershocks?|temblors?|seismic"),
    ("tsunami", r"tsunamis?"),
    # Storms bring floods and floods bring landslides: one weather disaster, whichever the report names most.
    ("storm", r"landslides?|landslips?|mudslides?|mudflows?|floods?|flooding|flooded|flash floods?|deluge"),
    (
        "storm",
        r"hurricanes?|typhoons?|cyclones?|tropical storms?|storms?|tornado(?:es)?|blizzards?|monsoons?|downpours?|"
        r"(?:heavy|torrential) rains?|rainstorms?|thunderstorms?",
    ),
    # A fire the copy names ("the Camp Fire", "the Tubbs Fire") is a wildfire; not a "Fire Department" or "Fire
    # Chief" (a capitalised word after it), nor a bare "fire" ("opened fire", "fires its chief executive").
    ("wildfire", r"wildfires?|bushfires?|forest fires?|blazes?|(?-i:[A-Z][a-z]+ Fires?(?!\s+[A-Z]))"),
    (
        "heatwave",
        r"heatwaves?|heat waves?|heat domes?|heat ?strokes?|heat exhaustion|"
        r"(?:extreme|searing|scorching|intense|blistering|sweltering|high) heat",
    ),
    ("drought", r"droughts?"),
    ("eruption", r"eruptions?|erupted|volcano(?:es)?"),
    (
        "outbreak",
        r"outbreaks?|epidemics?|pandemics?|measles|cholera|ebola|mpox|dengue|covid(?:-19)?|mers|sars|coronavirus(?:es)?|"
        r"virus(?:es)?|influenza|bird flu|flu",
    ),
    ("crash", r"crash(?:es|ed)?|collisions?|collided|derail(?:ed|ment)s?|plane crash"),
    ("shipwreck", r"shipwrecks?|capsiz(?:e|es|ed|ing)|sank|sinking"),
    # A crowd crushed in a narrow space (the noun: "crushed" is what a quake does to houses too).
    ("crush", r"crush(?:es)?|crowd surges?|stampedes?"),
    ("explosion", r"explosions?|blasts?|exploded"),
    ("collapse", r"collapsed?|collapses"),
    # Not a "heart attack" or an "asthma attack".
    (
        "attack",
        r"(?<!heart )(?<!asthma )(?<!panic )attacks?|bombings?|shootings?|massacres?|rampages?|airstrikes?|"
        r"air strikes?|shelling",
    ),
    ("war", r"wars?|invasion|offensive|front ?line"),
    # Not a football "striker", nor "air strikes" (an attack), nor a "lightning strike" (a storm's).
    (
        "strike",
        r"(?<!air )(?<!drone )(?<!missile )(?<!air-)(?<!lightning )strikes?|strikers|walkouts?|picket(?:s|ing)?",
    ),
)
_PATTERNS = [(kind, re.compile(rf"(?i)\b(?:{words})\b")) for kind, words in _KINDS]


def event_counts(text: str) -> Counter[str]:
    """How often the text names each kind of event."""
    counts: Counter[str] = Counter()
    for kind, pattern in _PATTERNS:
        counts[kind] += len(pattern.findall(text))
    return +counts


# Incidents that a disaster or a war brings with it (a house collapses in a quake, a car crashes in a storm):
# a story that names a disaster is about the disaster, however often it names these. Attacks and strikes come
# with a war only: a shooting story that recalls a hurricane is about the shooting.
_SECONDARY = {"crash", "shipwreck", "explosion", "collapse", "attack", "strike"}
_WITH_A_WAR_ONLY = {"attack", "strike"}


def article_event(headline: str, body: str) -> str | None:
    """The kind of event the story is about, or None (results, transfers, rates: no event)."""
    votes = event_counts(headline)
    for kind in votes:
        votes[kind] *= 3
    votes.update(event_counts(body))
    primary = {
        kind: n
        for kind, n in votes.items()
        if kind not in _SECONDARY or (kind in _WITH_A_WAR_ONLY and "war" not in votes)
    }
    pool = primary or votes
    if not pool:
        return None
    return max(pool.items(), key=lambda kv: (kv[1], kv[0]))[0]


# Events that happen at one site (a landslide, a fire, a blast, a crash) and events that spread over a region (a
# quake, a storm, a flood, an outbreak, a war). A local event's toll at its own site is its whole toll.
_LOCAL = (
    r"landslides?|landslips?|mudslides?|mudflows?|wildfires?|bushfires?|forest fires?|fires?|blazes?|explosions?|"
    r"blasts?|collapsed?|collapses|capsiz(?:e|es|ed|ing)|sank|sinking|shipwrecks?|crash(?:es|ed)?|"
    r"derail(?:ed|ment)s?|stampedes?|crush(?:es)?|crowd surges?|shootings?"
)
_LOCAL_WORDS = re.compile(rf"(?i)\b(?:{_LOCAL})\b")
_REGIONAL_WORDS = re.compile(
    r"(?i)\b(?:earthquakes?|quakes?|tremors?|tsunamis?|hurricanes?|typhoons?|cyclones?|tropical storms?|storms?|"
    r"tornado(?:es)?|floods?|flooding|heatwaves?|heat waves?|heat ?strokes?|droughts?|outbreaks?|epidemics?|"
    r"pandemics?|wars?|"
    r"invasion|offensive|monsoons?)\b"
)
_SITE_UNITS = r"(?:[^\S\n]+(?:district|county|province|city|town|village|region|area))?"


def is_local_event(text: str) -> bool:
    """Whether the text tells of an event at one site (and of none that spreads over a region)."""
    return bool(_LOCAL_WORDS.search(text)) and not _REGIONAL_WORDS.search(text)


def is_event_site(text: str, place: str) -> bool:
    """Whether a line of the text names the place as where its local event happened: "landslides in Sri Lanka's
    Badulla district", "a wildfire that broke out on Sunday near Corinth", "the Badulla landslides"."""
    name = re.escape(place)
    after = (
        rf"(?i:\b(?:{_LOCAL})\b)(?:[^\S\n]+[\w,'’-]+){{0,6}}?[^\S\n]+(?i:in|near|at|outside|on|off|around)"
        rf"[^\S\n]+(?:the[^\S\n]+)?(?:[A-Z][\w-]*(?:[^\S\n][A-Z][\w-]*)?['’]s[^\S\n]+)?{name}\b"
    )
    before = rf"\b{name}(?i:{_SITE_UNITS}[^\S\n]+(?:{_LOCAL}))\b"
    return bool(re.search(after, text) or re.search(before, text))
