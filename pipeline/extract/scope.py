"""When and over what a figure counts: its timing, as-of date, scope, series key and whether it is resolved."""

from __future__ import annotations

import re
from datetime import date

from pipeline.extract.draft import _Draft, _Timing
from pipeline.extract.events import event_counts
from pipeline.extract.figure import Scope, ScopeKind
from pipeline.extract.lexicon import (
    _DAMAGE_MEASURES,
    _EVENT_MEASURES,
    _GENERIC_MEASURES,
    _GROUP_NOUNS,
    _KEY_GROUPS,
)
from pipeline.extract.numbers import Quantity
from pipeline.extract.places import PLACE_TYPES, _ascii, countries_of
from pipeline.extract.timex import TimeExpr

_CUMULATIVE_CUE = re.compile(
    r"\b(since|so far|to date|in total|overall|total|in all|all told|full-scale|of (the|its) war|years? of (the )?war"
    r"|since the (start|beginning)|throughout the war|war began|(has|have|had) already)\b",
    re.I,
)


def _iso(t: TimeExpr) -> str:
    """The schema wants a full date: a month or year stands as its first day (as_of_text keeps the precision)."""
    return t.iso


def _period_end(t: TimeExpr) -> date:
    if t.granularity == "year":
        return date(t.date.year, 12, 31)
    if t.granularity == "month":
        return _month_end(t.date)
    if t.granularity == "quarter":
        return _month_end(date(t.date.year, t.date.month + 2, 1))
    return t.date


# ---- time and scope ----
_PERIOD_PREP = re.compile(r"(?i)\b(in|during|over|throughout|for|last|this|past|of)\s+(the\s+)?$")


_STATEMENT_BEFORE = re.compile(
    r"(?i)\b(said|says|told|tell|reported|reports|estimated|estimates|estimate|announced|interview|comments?|remarks|"
    r"statement|update|updated|cited|quoted|briefing|address|speaking|wrote|confirmed|published|put)\b"
    r"(?:(?!\bthat\b)[^0-9]){0,45}$"
)


_STATEMENT_WORD = re.compile(
    r"(?i)\b(said|says|told|reported|estimated|announced|quoted|cited|confirmed|wrote|added)\b"
)


# After the figure, what a change is measured from ("up from 9,000 last week"), or a number in a clause or phrase
# of its own ("... 9,000 when it began on Sept. 15", "..., breaking the record of 45.6C set in 1998"), takes the
# times that follow it.
_LATER_CLAUSE = re.compile(
    r"(?i)\b(?:up|down|rising|falling|rose|fell|increase|decrease|compared)\b[^.;]{0,25}\b(?:from|with|to)\b|\bwhen\b"
)


# "fell to $13.8 billion from $27.7 billion in 2022": a time after the value changed from is that value's.
_FROM_VALUE = re.compile(r"(?i)\s*,?\s*(?:(?:up|down)\s+)?from\b")

# A time inside a relative clause set off by commas: ", which was declared on June 28," dates the clause.
_INSIDE_RELATIVE = re.compile(r"(?i),\s*(?:which|who)\b[^,;]*$")
# A time in a phrase about one of those counted, set off after the figure: "236 people had been pulled out alive,
# the last of them a machinist rescued on Friday night" dates the last one, not the 236.
_ABOUT_ONE_OF_THEM = re.compile(
    r"(?i),\s*(?:the\s+(?:last|first|latest|youngest|oldest)|one|two|three|most|many|some|all)\s+of\s+(?:them|whom)\b[^;]*$"
)


# A value the figure moved from, right before a time: "down from 103 last week", "up from 39 on Friday".
_FROM_VALUE_BEFORE = re.compile(r"(?i)\bfrom\s+(?:about\s+|some\s+|around\s+)?[\d][\d,.]*\s+(?:on\s+)?$")


def since_clause(sentence: str, t: TimeExpr) -> bool:
    """Whether the time starts a running count ("since February 2022", "since the building fell on Wednesday"):
    the day counting began, not the day of the figure or of the statement."""
    return t.since or re.search(r"(?i)\bsince\b[^,;]{0,40}$", sentence[max(0, t.start - 60) : t.start]) is not None


_MISHAPS = re.compile(r"(?i)^\s+(?:[a-z-]+\s+){0,2}?(?:disaster|tragedy|implosion|fire|incident|accident|attack)s?\b")


def _names_the_event(after: str) -> bool:
    """Whether the words after a date name an event it is the day of ("the June 24 implosion", "the Aug. 24
    quake")."""
    # The event's own word, after at most two words of its own ("the Sunday night rampage", "the June 24 deadly quake").
    words = re.match(r"\s+([a-z-]+)(?:\s+([a-z-]+))?(?:\s+([a-z-]+))?", after)
    heads = [w for w in words.groups() if w] if words is not None else []
    return bool(_MISHAPS.match(after) or any(event_counts(w) for w in heads))


_BEFORE_A_DAY = re.compile(r"(?i)\b([a-z-]+)\s+(?:(?:late|early)\s+)?(?:on\s+|of\s+)?$")


def names_an_events_day(sentence: str, t: TimeExpr) -> bool:
    """Whether the time is the day of an event the words before it name ("at the time of the accident on Saturday
    night", "the quake of Sunday"): the day it happened, not a day anyone spoke on."""
    m = _BEFORE_A_DAY.search(sentence[max(0, t.start - 40) : t.start])
    return m is not None and bool(_MISHAPS.match(" " + m.group(1)) or event_counts(m.group(1)))


def _timing(sentence: str, times: list[TimeExpr], q: Quantity, filed_end: int = 0) -> _Timing:
    """Sort the sentence's time expressions: a period the count falls in, the statement's date, a plain date.

    A date in the dateline (before `filed_end`: "TACLOBAN, Philippines, Nov 12 The death toll ...") is the day
    the story was filed, a statement's date at most, never the figure's own."""
    timing = _Timing()
    best: dict[str, tuple[int, TimeExpr]] = {}
    for t in times:
        if t.end <= filed_end:
            if "statement" not in best:
                best["statement"] = (10**6, t)
            continue
        before = sentence[max(0, t.start - 60) : t.start]
        # "the worst since 2018, when 186 people died": the figure in the "when" clause is of that time.
        when_clause = q.start > t.end and re.match(r"\s*,?\s*when\b", sentence[t.end :])
        between = sentence[q.end : t.start] if t.start >= q.end else ""
        if re.search(r"\d", between) and (
            _LATER_CLAUSE.search(between) or re.search(r"[;(]|,(?!\d)", between) or _FROM_VALUE.match(between)
        ):
            continue  # "31,500 workers, up from 9,000 last week", "... when it began on Sept. 15": another time's
        if re.match(r"['’]s\b", sentence[t.end :]):
            continue  # "Sunday's earthquake", "last year's floods": the day of something else, not of the figure
        if re.search(r"(?:(?i:\bthe)|\b[A-Z][a-z]+)\s+$", before) and _names_the_event(sentence[t.end : t.end + 40]):
            # "the death toll from the June 24 implosion", "the Easter Sunday attacks": the day it happened, not the
            # figure's
            continue
        if t.end <= q.start and _FROM_VALUE_BEFORE.search(sentence[max(0, t.start - 40) : t.start]):
            continue  # "down from 103 last week, and 312 have been injured": the older value's day
        if (
            t.end <= q.start
            and _INSIDE_RELATIVE.search(sentence[: t.start])
            and "," in sentence[t.end : q.start]
            and not re.match(r"\s*\w+ing\b", sentence[t.end : q.start].split(",", 1)[1])
        ):
            # "The outbreak, which was declared on June 28, has now infected 57": the clause's own day (but "Maria,
            # which struck Puerto Rico in 2017, killing 2,975": the clause goes on to the figure).
            continue
        if t.start >= q.end and _ABOUT_ONE_OF_THEM.search(sentence[q.end : t.start]):
            continue
        if t.end <= q.start and re.search(r"(?i)(?:,\s*(?:but|while|whereas)|;)\s", sentence[t.end : q.start]):
            continue  # "services resumed Monday evening, but 44 trains have been canceled": the other clause's day
        relative = re.search(r"(?i)\b(?:that|which)\b", sentence[t.end : q.start]) if t.end <= q.start else None
        if relative and event_counts(sentence[max(0, t.start - 60) : t.end + relative.start()]):
            continue  # "an earthquake just before midnight Friday that killed 157": Friday dates the quake
        inside_since = re.search(r"(?i)\bsince\b[^,;]*$", sentence[: q.start]) is not None and q.end <= t.start
        if since_clause(sentence, t) and not when_clause and not inside_since:
            # (but "the deadliest since 304 people died when a ferry sank in 2014": the count is the since clause's
            # own, of its year)
            continue
        after = sentence[t.end : t.end + 12]
        distance = min(abs(t.start - q.end), abs(q.start - t.end))
        if re.match(r"\s+alone\b", after) or t.granularity == "quarter" or t.spans:
            kind = "period"  # (t.spans: "in the past 24 hours" is a day's count, "for the full year" the year's)
        elif (
            re.match(r"\s*,?\s*when\b", after)
            or (_STATEMENT_BEFORE.search(before) and t.granularity != "year")
            or (t.start < 3 and re.match(r"\s*,", after) and _STATEMENT_WORD.search(sentence[t.end : q.start]))
        ):
            # (no one speaks on a whole year: "cases reported this year" counts the year so far)
            kind = "statement"
        elif (
            t.granularity in ("year", "month")
            and not re.match(r"(?i)(mid|early|late|end|start|beginning)", t.text)
            and (
                _PERIOD_PREP.search(before) or re.match(r"(?i)(in|during|over|throughout|for|last|this|past)\b", t.text)
            )
            and not re.search(r"(?i)\b(as of|by)\s*$", before)
            and not re.match(r"(?i)(last|this) month", t.text)
        ):
            kind = "period"
        else:
            kind = "point"
            if re.search(r"(?i)\b(as of|by)\s*$", before):
                timing.as_of_by = True
        if kind not in best or distance < best[kind][0]:
            best[kind] = (distance, t)
    timing.period = best["period"][1] if "period" in best else None
    timing.statement = best["statement"][1] if "statement" in best else None
    timing.point = best["point"][1] if "point" in best else None
    return timing


_INCIDENT_CUE = re.compile(
    r"(?i)\b(struck|strikes?|attack(ed)?|crash(ed)?|quake|earthquake|fire|blaze|blast|explosion|"
    r"collapsed?|sank|sinking|shipwreck|capsized?|derail(ed|ment)?|landslide|stampede|swapp?ed|"
    r"exchanged?|swap|bombing|shelling|storm|hurricane|cyclone|typhoon|flood(s|ing)?)\b"
)


_WAR_WORDS = re.compile(r"(?i)\b(war|invasion|conflict|battlefield)\b")


_WAR_TOLL = re.compile(r"(?i)\b(war|invasion|conflict|battlefield|since)\b")


# Levels, not running totals: the count of people missing today may be lower than yesterday's.
_LEVEL_MEASURES = {
    "missing",
    "dead or missing",  # the missing may be found alive
    "in quarantine",
    "displaced",
    "evacuated",
    "homeless",
    "without power",
    "without water",
    "trapped",
    "workers on strike",
    "refugees",
    "in shelters",
    "injured under treatment",
    "injured in serious condition",
    "contacts",
    "bodies unidentified",
    "bodies unclaimed",
}


# What is deployed against an event, counted as it stands: fewer firefighters today than yesterday is no revision.
_DEPLOYED = {
    "firefighters", "soldiers", "troops", "rescuers", "personnel", "police", "policemen", "volunteers", "aircraft",
    "helicopters", "planes", "bombers", "vehicles", "engines", "teams", "boats", "ambulances", "responders",
}  # fmt: skip


# What one attack fires: counted per attack, so each night's count is its own figure.
_MUNITIONS = {"drones", "missiles", "rockets", "shells", "bombs", "projectiles"}


def _scope(d: _Draft, published: date) -> Scope:
    q, t = d.q, d.timing
    if t.period is not None:
        end = min(_period_end(t.period), published)
        return Scope("period", t.period.date.isoformat(), end.isoformat(), t.period.label)
    if q.unit in ("temperature", "percent") and d.measure not in ("growth", "inflation", "core inflation"):
        return Scope("point")
    counted_word = d.measure.split(" (")[0].split()[-1]  # "drones" of "drones", "firefighters" of "firefighters"
    if counted_word in _MUNITIONS and not (d.cumulative or t.as_of_by):
        # "Russia launched 143 drones overnight": one attack's munitions, never a series across nights.
        when = d.as_of or published.isoformat()
        return Scope("point", when, when, "event")
    human_event = d.measure in _EVENT_MEASURES or d.measure.startswith("prisoners")
    war_toll = bool(_WAR_TOLL.search(d.seg.text))
    # "since March" dates a disaster's toll too; only war words make a toll the war's rather than the event's.
    story_event = d.event is not None and d.event != "war" and not _WAR_WORDS.search(d.seg.text)
    counted = q.unit in ("count", "area")  # an area has a subject only as its event's extent ("burned 9,500 ha")
    if story_event and (human_event or d.measure in _DAMAGE_MEASURES or (counted and d.subject)):
        # The story's event: its toll runs from the event on, whichever day reports it (one series per event).
        # Running totals grow; counts of people still missing, sheltered or on strike move either way.
        # (and what the sentence says is in a state now: "74 ships were waiting", "39 remain in hospital")
        level = (
            d.measure in _LEVEL_MEASURES or counted_word in _DEPLOYED or (d.state and d.measure not in _EVENT_MEASURES)
        )
        kind: ScopeKind = "point" if level else "cumulative"
        return Scope(kind, label=f"event:{d.event}")
    if d.cumulative or t.as_of_by:
        return Scope("cumulative")
    soldiers = (d.subject or "").endswith("/ military")  # soldiers' deaths are a war's series, not one day's
    if human_event and not war_toll and (d.incident or (d.event is None and not soldiers)):
        # No event the story names: a toll of this day's incident, which must not join another story's series.
        # A one-off incident inside a longer story (a strike in a war) is its own event: its day names it.
        # An older figure the text quotes ("previously reported 72") is of the same incident: its day names it.
        when = published.isoformat() if d.earlier else (d.as_of or published.isoformat())
        return Scope("point", when, when, "event")
    if d.measure in _EVENT_MEASURES:
        return Scope("cumulative")
    return Scope("point")


def _month_end(start: date) -> date:
    nxt = date(start.year + (start.month == 12), start.month % 12 + 1, 1)
    return date.fromordinal(nxt.toordinal() - 1)


def _norm(text: str) -> str:
    # "Boyacá" is "boyaca", not "boyac": letters lose their accents, not themselves.
    return re.sub(r"[^a-z0-9]+", "-", _ascii(text).lower()).strip("-")


# "rural municipality" before "municipality", so that the whole type drops out of the slug.
_PLACE_SUFFIX = re.compile(
    r"(?i)[\s-]+(" + "|".join(["rural municipality", *PLACE_TYPES, "pref", "state", "region"]) + ")$"
)


_COMPASS = re.compile(r"^(North|South|East|West|Central|Upper|Lower)\s+(.+)$")


def _place_slug(place: str) -> str:
    """ "Wajima City" and "Wajima", "Buncombe County" and "Buncombe", "West Rukum" and "Rukum West": one place
    in a key. (A name the gazetteer knows keeps its order: "North Carolina".)"""
    names = []
    for name in re.split(r"\s+and\s+", _PLACE_SUFFIX.sub("", place.strip())):
        compass = _COMPASS.match(name)
        if compass and not countries_of(name):
            name = f"{compass.group(2)} {compass.group(1)}"
        names.append(name)
    return _norm(" and ".join(names))


def _resolved(subject: str | None, measure: str) -> bool:
    """Whether the figure says whose and what it counts well enough to be compared with another report."""
    if not subject or subject.lower().startswith("unknown"):
        return False
    return measure not in _GENERIC_MEASURES


def _keyed_group(group: str, measure: str) -> bool:
    """Whether a subject's group makes a series of its own: soldiers, children, "deputies"; not "people", and not
    a group the measure already names ("houses damaged") or that is everyone a measure counts ("patients")."""
    if not group or group == "people":
        return False
    if group in _KEY_GROUPS:
        return True
    if group in ("home", "house", "dwelling") and measure.startswith("houses"):
        return False  # "14 homes damaged": the houses-damaged series names them
    return group not in _GROUP_NOUNS.values() and group not in measure


def _key(
    subject: str | None,
    measure: str,
    scope: Scope,
    as_of: str,
    published: date,
    change: str | None,
    past: int | None = None,
    site: str | None = None,
    article_id: str | None = None,
) -> str:
    """whose|measure|scope: whose is a country (and a group) or an organisation; scope is the event or series.

    "nepal|deaths|event:earthquake@jajarkot": the earthquake's toll in Jajarkot, whichever day reports it. A
    local event's toll at its own site (`site`: "Badulla" for landslides there) is its whole toll: no place.
    A figure dated in another year (a historical comparison) gets that year: it is not the same series. A figure
    whose owner is unknown is its own article's (`unknown@<article_id>`): "unknown|amount" had joined a transfer
    fee, earnings per share and an aid allocation of three stories in one row.
    """
    who, place = "unknown", None
    if subject:
        head, _, group = subject.partition(" / ")
        if ", " in head:
            place, head = head.rsplit(", ", 1)
            if site is not None and _place_slug(place) == _place_slug(site):
                place = None
        who = _norm(head) + (f"/{_norm(group)}" if _keyed_group(group, measure) else "")
    if who == "unknown" and article_id and (not subject or subject.startswith("Unknown")):
        who = f"unknown@{article_id}"
    if scope.kind == "period":
        where = f"period:{scope.label}" + (f"@{_place_slug(place)}" if place else "")  # a state's year, a nation's
    elif scope.kind == "point" and scope.label == "event":
        where = f"event:{(scope.start or as_of)[:10]}" + (f"@{_place_slug(place)}" if place else "")
    elif scope.label:
        where = scope.label + (f"@{_place_slug(place)}" if place else "")
    else:
        where = scope.kind + (f"@{_place_slug(place)}" if place and scope.kind == "cumulative" else "")
    key = f"{who}|{measure}|{where}"
    if past is not None:
        key += f"|{past}"  # "the 2016 Kumamoto quakes that claimed 276 lives": that year's event, not this one
    elif as_of[:4] != str(published.year) and (scope.label or "").startswith("event:"):
        # In an event's story, a figure of another year is another event (a past quake compared with this one);
        # a war's or a company's series runs across years, so there the year is history, not another key.
        key += f"|{as_of[:4]}"
    if change:
        key += f"|change:{change}"
    return key
