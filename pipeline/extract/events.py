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
    ("storm", r"hurricanes?|typhoons?|cyclones?|tropical storms?|storms?|tornado(?:es)?|blizzards?"),
    ("wildfire", r"wildfires?|bushfires?|forest fires?|blazes?"),
    ("heatwave", r"heatwaves?|heat waves?|heat domes?"),
    ("drought", r"droughts?"),
    ("eruption", r"eruptions?|erupted|volcano(?:es)?"),
    ("outbreak", r"outbreaks?|epidemics?|pandemics?|measles|cholera|ebola|mpox|dengue|covid(?:-19)?"),
    ("crash", r"crash(?:es|ed)?|collisions?|collided|derail(?:ed|ment)s?|plane crash"),
    ("shipwreck", r"shipwrecks?|capsiz(?:e|es|ed|ing)|sank|sinking"),
    ("explosion", r"explosions?|blasts?|exploded"),
    ("collapse", r"collapsed?|collapses"),
    ("attack", r"attacks?|bombings?|shootings?|massacres?|airstrikes?|air strikes?|shelling"),
    ("war", r"wars?|invasion|offensive|front ?line"),
    # Not a football "striker", nor "air strikes" (an attack).
    ("strike", r"(?<!air )(?<!drone )(?<!missile )(?<!air-)strikes?|strikers|walkouts?|picket(?:s|ing)?"),
)
_PATTERNS = [(kind, re.compile(rf"(?i)\b(?:{words})\b")) for kind, words in _KINDS]


def event_counts(text: str) -> Counter[str]:
    """How often the text names each kind of event."""
    counts: Counter[str] = Counter()
    for kind, pattern in _PATTERNS:
        counts[kind] += len(pattern.findall(text))
    return +counts


# Incidents that a disaster or a war brings with it (a house collapses in a quake, a car crashes in a storm):
# a story that names a disaster is about the disaster, however often it names these.
_SECONDARY = {"crash", "shipwreck", "explosion", "collapse", "attack", "strike"}


def article_event(headline: str, body: str) -> str | None:
    """The kind of event the story is about, or None (results, transfers, rates: no event)."""
    votes = event_counts(headline)
    for kind in votes:
        votes[kind] *= 3
    votes.update(event_counts(body))
    primary = {kind: n for kind, n in votes.items() if kind not in _SECONDARY}
    pool = primary or votes
    if not pool:
        return None
    return max(pool.items(), key=lambda kv: (kv[1], kv[0]))[0]
