"""What the whole article says that one sentence does not: its main country, sides and organisation."""

from __future__ import annotations

import re
from collections.abc import Mapping

from pipeline.extract.attribution import _acronyms, lead_source, titled_persons
from pipeline.extract.countries import _COUNTRY_WORD, _country_of_word
from pipeline.extract.draft import _Segment
from pipeline.extract.entities import _ORG_WORDS, cheap_orgs
from pipeline.extract.events import article_event, event_counts, is_local_event
from pipeline.extract.lexicon import _STRIKE_WORDS
from pipeline.extract.places import PlaceContext, country_name, story_names
from pipeline.extract.syntax import _ent_text
from pipeline.ingest import Article

# "Acme Robotics Inc" and "Acme Robotics" are one company: the legal form is not part of the name we count.
_DATE_WORD = re.compile(r"(?i)^(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?$|^[a-z]+day$")
_legal_suffix = re.compile(r",?\s+(Inc|Corp|Corporation|Co|Ltd|Limited|LLC|PLC|plc|AG|SA|NV|SE|GmbH)\.?$")


# ---- article-level state and per-figure drafts ----
_UNION_NAME = re.compile(
    r"\b(Union|Association|Federation|Guild|Confederation|Syndicate|Brotherhood|Teamsters)\b|Workers$"
)


# A body named by its level ("the prefectural government", "county officials") is the body of the place of that
# level the article names: "Ishikawa Prefecture", "Buncombe County", "Sindh province".
_PLACE_WORD = r"((?:[A-Z][\w'’-]+\s){0,2}[A-Z][\w'’-]+)"
_LEVEL_NAMES = {
    "prefectural": re.compile(_PLACE_WORD + r"\s(?:Prefecture|Pref\.)"),
    "provincial": re.compile(_PLACE_WORD + r"\s[Pp]rovince\b"),
    "county": re.compile(_PLACE_WORD + r"\sCounty\b"),
    "district": re.compile(_PLACE_WORD + r"\s[Dd]istrict\b"),
}
_LEVEL_BODY = re.compile(rf"(?i)^({'|'.join(_LEVEL_NAMES)})\s+(.+)$")


# "a Russian missile strike on Kharkiv", "Israeli air strikes": the side that struck, not where the story is.
_ATTACKER_AFTER = re.compile(rf"(?:\s+[a-z-]+)?\s+(?:{_STRIKE_WORDS}|air\s+strikes?)\b")


class _ArticleContext:
    """What the whole article says that one sentence does not: its main country and main organisation."""

    def __init__(self, article: Article, segments: list[_Segment], story: Mapping[str, str] | None = None) -> None:
        story = story or {}
        counts: dict[str, int] = {}
        for text, weight in ((article.headline, 3), (article.body, 1)):
            for m in _COUNTRY_WORD.finditer(text):
                country = _country_of_word(m.group())
                if country and not _ATTACKER_AFTER.match(text, m.end()):
                    counts[country] = counts.get(country, 0) + weight
        # The gazetteer's reading wins: it knows states and provinces ("New Mexico" is not Mexico); the
        # demonym counts decide only when it finds no place.
        # The story's country is not used as such: the first report of a story is read before its story knows
        # one, so its figures and a repeat's (or a later toll's) would get different keys (see the README). Its
        # names are: they count only where the article itself uses them.
        self.places = PlaceContext(article.headline, article.body, story_names(story), counts)
        if self.places.country is not None:
            self.main_country: str | None = country_name(self.places.country)
        else:
            self.main_country = max(counts, key=lambda c: (counts[c], c)) if counts else None
        order: list[str] = []
        for m in _COUNTRY_WORD.finditer(f"{article.headline}\n{article.body}"):
            country = _country_of_word(m.group())
            if country and country not in order:
                order.append(country)
        ranked = sorted(order, key=lambda c: -counts.get(c, 0))[:2]
        self.two_sides = sorted(ranked, key=order.index)
        # Every organisation by the sentence it is named in: "the automaker said" names the one named last. A
        # month the tagger took for one ("Jan. 1") is not.
        # A sentence with no number is not parsed: its bodies are found by what they are called (`cheap_orgs`).
        self.orgs_named = [
            (index, at, name)
            for index, seg in enumerate(segments)
            for at, name in (
                ((e.start_char, _legal_suffix.sub("", _ent_text(e))) for e in seg.doc.ents if e.label_ == "ORG")
                if seg.doc is not None
                else ((seg.text.find(name), name) for name in cheap_orgs(seg.text))
            )
            if len(name) > 1 and not any(ch.isdigit() for ch in name) and not _DATE_WORD.match(name)
        ]
        # The organisation the story is about ("Veltra Motors" in a results story): named in the headline or
        # at least three times, and the most often.
        text = f"{article.headline}\n{article.body}"
        orgs = {name for _, _, name in self.orgs_named if len(name) > 2 and not name.isupper()}
        # (a run of title-case headline words, "Port Strike Cost Estimates Diverge", is no organisation the body
        # names; "Bank of Japan" in a headline is one by its word "Bank")
        mentions = {o: text.count(o) for o in orgs if o in article.body or _ORG_WORDS & set(o.lower().split())}
        scored = [(n + 2 * (o in article.headline), o) for o, n in mentions.items()]
        scored = [(n, o) for n, o in scored if n >= 3]
        self.main_org = max(scored)[1] if scored else None
        # The union a labour story is about, by how unions are named: whose members are on strike.
        unions = [(n, o) for o, n in mentions.items() if _UNION_NAME.search(o)]
        self.union = max(unions)[1] if unions else None
        self.acronyms = _acronyms(text)
        # The story's event, as its articles name it most (an outlet's strike story mentioning an outbreak in
        # passing keeps the strike's keys), else the article's own. An article whose headline names an event
        # and which never names the story's ("Flood in Brindisi" grouped with a quake) keeps its own: its keys
        # do not hang on a borderline grouping.
        story_event = story.get("event")
        if story_event and event_counts(article.headline) and story_event not in event_counts(text):
            story_event = None
        self.event = story_event or article_event(article.headline, article.body)
        self.lead_source = lead_source(article.body)
        self.titles = titled_persons(segments)
        self.body = article.body
        self.lead = next((seg.text for seg in segments if not seg.in_headline), "")
        self.local_text = local_event_text(article.headline, self.lead)
        self._texts = [article.headline, *(seg.text for seg in segments)]

    def level_body(self, speaker: str, index: int) -> str | None:
        """A body named by its level, named after the place of that level the article names last up to sentence
        `index`, else first after it: "the prefectural government" after "the death toll in Ishikawa Prefecture"
        is the Ishikawa prefectural government; the speaker as it is when no such place is named; None when the
        speaker is no body named by its level."""
        level = _LEVEL_BODY.match(speaker)
        if level is None:
            return None
        word = level.group(1).lower()
        found = [(i, m.group(1)) for i, text in enumerate(self._texts) for m in _LEVEL_NAMES[word].finditer(text)]
        before = [name for i, name in found if i <= index + 1]
        if before:
            unit = before[-1]
        elif found:
            unit = found[0][1]
        else:
            return speaker
        return f"{unit} {word.title() if word in ('county', 'district') else word} {level.group(2)}"

    def text_before(self, index: int, upto: int) -> str:
        """The article up to character `upto` of sentence `index` (the headline first)."""
        return "\n".join([*self._texts[: index + 1], self._texts[index + 1][:upto]])

    def orgs_before(self, index: int, upto: int | None = None) -> list[str]:
        """The organisations named up to sentence `index` (in it, before character `upto` when given), in the
        order named (an anaphor's candidates)."""
        return [
            org
            for named_in, at, org in self.orgs_named
            if named_in < index or (named_in == index and (upto is None or at < upto))
        ]


# "COLOMBO, June 11 (Reuters) -", "KANAZAWA --": where the story was filed, not where the event is.
_FILED_FROM = re.compile(r"^[^\n]{0,60}?(?:\s[-\u2013\u2014]{1,2}\s?|--)")


def local_event_text(headline: str, lead: str) -> str | None:
    """The headline and the lead when they tell of an event at one site ("Landslides kill 40 in Sri Lanka's
    Badulla district", "A wildfire near Corinth"): the site is the place they name."""
    text = f"{headline}\n{_FILED_FROM.sub('', lead, count=1)}"
    return text if is_local_event(text) else None
