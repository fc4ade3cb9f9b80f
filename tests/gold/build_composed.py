"""The 20 composed wire-style articles and their hand-annotated gold figures.

Writes tests/gold/composed.articles.jsonl and tests/gold/composed.figures.jsonl.
All people, companies and events are invented for testing; places are real.
Run from the repo root:  .venv/bin/python tests/gold/build_composed.py
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))
from _gold import GOLD, annotator, write_jsonl  # noqa: E402

ARTICLES: list[dict] = []
FIGURES: list[dict] = []


def article(id_: str, source: str, published_at: str, headline: str, body: str) -> str:
    ARTICLES.append(
        {
            "schema_version": 1,
            "id": id_,
            "source": source,
            "published_at": published_at,
            "headline": headline,
            "body": body.strip(),
        }
    )
    return id_


# ---------------------------------------------------------------- 1. Turkey earthquake (day one)
a = article(
    "reuters-20250317-turkey-quake",
    "reuters",
    "2025-03-17T14:30:00Z",
    "Magnitude 6.8 earthquake kills at least 38 in eastern Turkey",
    """
ANKARA, March 17 (Reuters) - A magnitude 6.8 earthquake struck eastern Turkey before dawn on Monday, killing at least 38 people and injuring more than 400 others, the country's disaster management agency AFAD said, as rescuers searched collapsed buildings in freezing temperatures.

The quake hit at 4:12 a.m. local time (0112 GMT) at a depth of 10 km (6 miles), with its epicentre near the town of Puturge in Malatya province, AFAD said. It was followed by 112 aftershocks, the strongest of them measuring 5.1.

Interior Minister Kemal Ozturk told reporters in Malatya that 61 buildings had collapsed and about 1,500 had been damaged. "Our teams are working at 23 sites where we believe people are still trapped under the rubble," he said.

Nearly 9,000 search and rescue personnel had been sent to the region, along with 1,200 vehicles, the minister added. He said the death toll was expected to rise.

Temperatures in Malatya fell to -6C overnight, according to the Turkish State Meteorological Service, and the Turkish Red Crescent said it had put up 3,400 tents for families afraid to go back indoors.

Health Minister Selin Aydin said 87 of the injured were in serious condition. Hospitals in Malatya and neighbouring Elazig province had admitted 416 patients since the quake, she said.

State broadcaster TRT showed rescuers carrying a 9-year-old girl from the ruins of a five-storey apartment block in Puturge after 14 hours. Among the dead was a 45-year-old man whose body was recovered from the same building, the channel said.

The region was among those hit by the twin earthquakes of February 2023, which killed more than 50,000 people in Turkey and about 6,000 in neighbouring Syria. Many residents had moved into rebuilt homes only in the past two years.

"We felt the whole house jump. We ran out in our pyjamas," said Mehmet Kaya, 52, standing outside a mosque in Puturge where dozens of people spent the night around fires.

Schools in Malatya and Elazig will remain closed for a week, the education ministry said.
""",
)
g = annotator(a, subject="Turkey / people", location="Malatya province", attributed_to="AFAD", as_of="2025-03-17")
FIGURES += [
    g("6.8", 6.8, "magnitude", "tr-quake-2025-magnitude", unit="other", subject=None, location="eastern Turkey"),
    g("at least 38", 38, "deaths", "tr-quake-2025-deaths", q="at_least", location="eastern Turkey"),
    g("6.8", 6.8, "magnitude", "tr-quake-2025-magnitude", unit="other", subject=None, location="eastern Turkey"),
    g("at least 38", 38, "deaths", "tr-quake-2025-deaths", q="at_least"),
    g("more than 400", 400, "injured", "tr-quake-2025-injured", q="more_than"),
    g("10 km", 10, "depth", "tr-quake-2025-depth", unit="distance", subject=None),
    g("112", 112, "aftershocks", "tr-quake-2025-aftershocks", subject=None, scope="cumulative"),
    g("5.1", 5.1, "magnitude", "tr-quake-2025-strongest-aftershock-magnitude", unit="other", subject=None),
    g(
        "61",
        61,
        "buildings collapsed",
        "tr-quake-2025-buildings-collapsed",
        subject="Turkey",
        attributed_to="Kemal Ozturk",
    ),
    g(
        "about 1,500",
        1500,
        "buildings damaged",
        "tr-quake-2025-buildings-damaged",
        q="approx",
        subject="Turkey",
        attributed_to="Kemal Ozturk",
    ),
    g("23", 23, "rescue sites", "tr-quake-2025-rescue-sites", subject="Turkey", attributed_to="Kemal Ozturk"),
    g(
        "Nearly 9,000",
        9000,
        "rescuers deployed",
        "tr-quake-2025-rescuers",
        q="approx",
        subject="Turkey / rescuers",
        attributed_to="Kemal Ozturk",
    ),
    g("1,200", 1200, "vehicles deployed", "tr-quake-2025-vehicles", subject="Turkey", attributed_to="Kemal Ozturk"),
    g(
        "-6C",
        -6,
        "temperature",
        "tr-malatya-temperature",
        unit="temperature",
        subject=None,
        location="Malatya",
        attributed_to="Turkish State Meteorological Service",
    ),
    g(
        "3,400",
        3400,
        "tents",
        "tr-quake-2025-tents",
        subject="Turkish Red Crescent",
        attributed_to="Turkish Red Crescent",
    ),
    g("87", 87, "seriously injured", "tr-quake-2025-seriously-injured", attributed_to="Selin Aydin"),
    g(
        "416",
        416,
        "hospitalised",
        "tr-quake-2025-hospital-admissions",
        location="Malatya and Elazig provinces",
        attributed_to="Selin Aydin",
        scope="cumulative",
    ),
    g(
        "more than 50,000",
        50000,
        "deaths",
        "tr-quake-2023-deaths",
        q="more_than",
        location="Turkey",
        attributed_to=None,
        as_of="2023-02",
    ),
    g(
        "about 6,000",
        6000,
        "deaths",
        "sy-quake-2023-deaths",
        q="approx",
        subject="Syria / people",
        location="Syria",
        attributed_to=None,
        as_of="2023-02",
    ),
]

# ---------------------------------------------------------------- 20. Turkey earthquake, day two (raised toll)
a = article(
    "afp-20250318-turkey-quake-toll",
    "afp",
    "2025-03-18T11:05:00Z",
    "Turkey quake death toll rises to 71 as hopes fade for those trapped",
    """
PUTURGE, Turkey (AFP) - The death toll from the magnitude 6.8 earthquake that struck eastern Turkey on Monday rose to 71 on Tuesday, officials said, as rescue teams with sniffer dogs worked through a second freezing night in the rubble of Puturge.

Turkey's disaster agency AFAD said in a statement at 9 a.m. that 71 people had been confirmed dead and 682 injured, up from 38 dead and more than 400 injured on Monday. Of the injured, 143 were still in hospital, it said.

Interior Minister Kemal Ozturk told reporters the number of collapsed buildings had risen to 74 after engineers inspected the worst-hit districts, and that up to 15 people were believed to be still trapped. "We will not stop until we reach every one of them," he said.

Rescuers pulled a 70-year-old woman alive from a collapsed house in Puturge overnight, some 28 hours after the quake, the state news agency Anadolu reported.

AFAD said it had recorded 247 aftershocks since Monday, including one of magnitude 5.4 late on Monday evening that brought down several already damaged buildings.

The agency said more than 12,000 rescue workers were now in the area. The Turkish Red Crescent said it had served 26,000 hot meals and raised the number of tents it had set up to 5,100.

Temperatures dropped to -9C in Malatya on Monday night, the Turkish State Meteorological Service said, and forecasters expect snow on Wednesday.

Vice President Nurettin Sahin, who visited the area, said the government would rebuild damaged homes within a year and pay 10,000 lira to each affected family. Nearly 7,500 people had been moved to temporary shelters, he said.

Survivors criticised the pace of aid. "We waited 20 hours for a tent," said Fatma Demir, a 38-year-old teacher, holding her son. "The cold is killing us as much as the quake."

The Kandilli Observatory in Istanbul recorded the main shock at magnitude 6.9, slightly higher than AFAD's reading of 6.8.
""",
)
g = annotator(a, subject="Turkey / people", location="Malatya province", attributed_to="AFAD", as_of="2025-03-18")
FIGURES += [
    g("71", 71, "deaths", "tr-quake-2025-deaths", location="Turkey"),
    g(
        "6.8",
        6.8,
        "magnitude",
        "tr-quake-2025-magnitude",
        unit="other",
        subject=None,
        location="eastern Turkey",
        attributed_to=None,
        as_of="2025-03-17",
    ),
    g("71", 71, "deaths", "tr-quake-2025-deaths", attributed_to=None),
    g("71", 71, "deaths", "tr-quake-2025-deaths"),
    g("682", 682, "injured", "tr-quake-2025-injured"),
    g("38", 38, "deaths", "tr-quake-2025-deaths", as_of="2025-03-17"),
    g("more than 400", 400, "injured", "tr-quake-2025-injured", q="more_than", as_of="2025-03-17"),
    g("143", 143, "hospitalised", "tr-quake-2025-in-hospital"),
    g(
        "74",
        74,
        "buildings collapsed",
        "tr-quake-2025-buildings-collapsed",
        subject="Turkey",
        attributed_to="Kemal Ozturk",
    ),
    g("up to 15", 15, "trapped", "tr-quake-2025-trapped", q="at_most", attributed_to="Kemal Ozturk"),
    g("247", 247, "aftershocks", "tr-quake-2025-aftershocks", subject=None, scope="cumulative"),
    g(
        "5.4",
        5.4,
        "magnitude",
        "tr-quake-2025-late-aftershock-magnitude",
        unit="other",
        subject=None,
        as_of="2025-03-17",
    ),
    g(
        "more than 12,000",
        12000,
        "rescuers deployed",
        "tr-quake-2025-rescuers",
        q="more_than",
        subject="Turkey / rescuers",
    ),
    g(
        "26,000",
        26000,
        "meals served",
        "tr-quake-2025-meals",
        subject="Turkish Red Crescent",
        attributed_to="Turkish Red Crescent",
        scope="cumulative",
    ),
    g(
        "5,100",
        5100,
        "tents",
        "tr-quake-2025-tents",
        subject="Turkish Red Crescent",
        attributed_to="Turkish Red Crescent",
    ),
    g(
        "-9C",
        -9,
        "temperature",
        "tr-malatya-temperature",
        unit="temperature",
        subject=None,
        location="Malatya",
        attributed_to="Turkish State Meteorological Service",
        as_of="2025-03-17",
    ),
    g(
        "10,000 lira",
        10000,
        "compensation",
        "tr-quake-2025-compensation-per-family",
        unit="currency",
        cur="TRY",
        subject="Turkey / government",
        attributed_to="Nurettin Sahin",
    ),
    g("Nearly 7,500", 7500, "displaced", "tr-quake-2025-displaced", q="approx", attributed_to="Nurettin Sahin"),
    g(
        "6.9",
        6.9,
        "magnitude",
        "tr-quake-2025-magnitude",
        unit="other",
        subject=None,
        attributed_to="Kandilli Observatory",
        as_of="2025-03-17",
    ),
    g("6.8", 6.8, "magnitude", "tr-quake-2025-magnitude", unit="other", subject=None, as_of="2025-03-17"),
]

# ---------------------------------------------------------------- 2. Japan earthquake
a = article(
    "ap-20251112-japan-quake",
    "ap",
    "2025-11-12T09:20:00Z",
    "Strong quake off northern Japan injures 27, triggers tsunami warning",
    """
TOKYO (AP) - A magnitude 7.1 earthquake struck off Japan's northeastern coast on Wednesday, injuring at least 27 people and prompting authorities to order more than 90,000 residents to evacuate as tsunami waves up to 1 meter (3 feet) high reached the shore.

The Japan Meteorological Agency said the quake hit at 11:47 a.m. off the coast of Iwate prefecture at a depth of about 50 kilometers (31 miles). It initially put the magnitude at 6.9 before revising it upward.

A tsunami of 70 centimeters was observed at the port of Kuji about 40 minutes after the quake, the agency said. It lifted its tsunami warning shortly after 4 p.m.

Chief Cabinet Secretary Hiroshi Tanaka told reporters that 27 people had been hurt, most of them by falling objects, and that two of them were seriously injured. No deaths had been reported, he said.

Tanaka said the government had received reports of 14 damaged homes and a landslide that cut a road in Iwate. "We are still assessing the situation and will do everything we can," he said.

East Japan Railway Co. suspended bullet train services between Tokyo and Shin-Aomori for nearly three hours, affecting about 120,000 passengers, the company said. Tohoku Electric Power said around 8,300 households lost power, and that supplies had been restored to all but 600 by evening.

Operators of the Onagawa nuclear plant reported no abnormalities. The plant's Unit 2 reactor was operating normally, Tohoku Electric said.

The region was devastated in March 2011 by a magnitude 9.0 earthquake and tsunami that killed about 18,500 people and triggered meltdowns at the Fukushima Daiichi nuclear power plant.

Residents in Miyako, one of the towns hit hardest in 2011, said Wednesday's shaking lasted more than a minute. "I thought it was happening again," said Keiko Sato, 67, who fled to a hill behind her house with her neighbors.

The meteorological agency warned that aftershocks measuring up to 6.0 could strike over the next week and urged residents to stay away from the coast.
""",
)
g = annotator(
    a, subject="Japan / people", location="Iwate prefecture", attributed_to="Hiroshi Tanaka", as_of="2025-11-12"
)
JMA = "Japan Meteorological Agency"
FIGURES += [
    g("27", 27, "injured", "jp-quake-2025-injured", location="northern Japan"),
    g("7.1", 7.1, "magnitude", "jp-quake-2025-magnitude", unit="other", subject=None, attributed_to=JMA),
    g("at least 27", 27, "injured", "jp-quake-2025-injured", q="at_least"),
    g("more than 90,000", 90000, "evacuated", "jp-quake-2025-evacuated", q="more_than", attributed_to=None),
    g(
        "up to 1 meter",
        1,
        "tsunami height",
        "jp-quake-2025-tsunami-height",
        q="at_most",
        unit="distance",
        subject=None,
        attributed_to=None,
    ),
    g(
        "about 50 kilometers",
        50,
        "depth",
        "jp-quake-2025-depth",
        q="approx",
        unit="distance",
        subject=None,
        attributed_to=JMA,
    ),
    g("6.9", 6.9, "magnitude", "jp-quake-2025-magnitude", unit="other", subject=None, attributed_to=JMA),
    g(
        "70 centimeters",
        0.7,
        "tsunami height",
        "jp-quake-2025-tsunami-height-kuji",
        unit="distance",
        subject=None,
        location="Kuji",
        attributed_to=JMA,
    ),
    g("27", 27, "injured", "jp-quake-2025-injured"),
    g("two", 2, "seriously injured", "jp-quake-2025-seriously-injured"),
    g("14", 14, "homes damaged", "jp-quake-2025-homes-damaged", subject="Japan"),
    g(
        "about 120,000",
        120000,
        "affected",
        "jp-quake-2025-rail-passengers-affected",
        q="approx",
        subject="Japan / rail passengers",
        location="Tokyo to Shin-Aomori",
        attributed_to="East Japan Railway Co.",
    ),
    g(
        "around 8,300",
        8300,
        "without power",
        "jp-quake-2025-without-power",
        q="approx",
        subject="Japan / households",
        attributed_to="Tohoku Electric Power",
    ),
    g(
        "600",
        600,
        "without power",
        "jp-quake-2025-without-power",
        subject="Japan / households",
        attributed_to="Tohoku Electric Power",
    ),
    g(
        "9.0",
        9.0,
        "magnitude",
        "jp-quake-2011-magnitude",
        unit="other",
        subject=None,
        location="northeastern Japan",
        attributed_to=None,
        as_of="2011-03",
    ),
    g(
        "about 18,500",
        18500,
        "deaths",
        "jp-quake-2011-deaths",
        q="approx",
        location="northeastern Japan",
        attributed_to=None,
        as_of="2011-03",
    ),
    g(
        "up to 6.0",
        6.0,
        "magnitude",
        "jp-quake-2025-aftershock-forecast-magnitude",
        q="at_most",
        unit="other",
        subject=None,
        attributed_to=JMA,
    ),
]

# ---------------------------------------------------------------- 3. Floods (Pakistan)
a = article(
    "afp-20250708-pakistan-floods",
    "afp",
    "2025-07-08T13:00:00Z",
    "Pakistan monsoon floods kill 64, displace more than 200,000",
    """
LAHORE, Pakistan (AFP) - Monsoon floods and rain-related accidents have killed 64 people across Pakistan since late June, including 29 children, the National Disaster Management Authority (NDMA) said on Tuesday, as swollen rivers forced more than 200,000 people from their homes in Punjab province.

The NDMA said 117 people had been injured and 1,450 houses damaged or destroyed since the monsoon began on June 26. Another eight people were missing after a van was swept away in the Swat valley on Monday, the agency said.

Punjab's relief commissioner, Nabeel Javed, told AFP that rescuers had evacuated 215,000 people from villages along the Chenab and Ravi rivers in the past week, and that about 1,100 relief camps had been set up. "The water level at Head Marala rose to 410,000 cusecs overnight, which is a very high flood," he said.

Meteorologists said Lahore received 175 millimetres of rain in 10 hours on Monday, the heaviest single-day downpour in the city this year. The Pakistan Meteorological Department forecast another 50 to 80 mm in the coming 48 hours.

Power was cut to roughly a third of Lahore during Monday's storms, the Lahore Electric Supply Company said, and at least 40 flights were delayed or cancelled at Allama Iqbal International Airport.

Farmers' groups estimated that crops on nearly 180,000 acres had been submerged in Punjab, where rice and cotton are being planted. The Pakistan Kissan Ittehad union put early losses at 25 billion rupees ($88 million).

Pakistan is among the countries most vulnerable to climate change. Floods in 2022, which put a third of the country under water, killed more than 1,700 people and caused losses estimated by the World Bank at $30 billion.

Tariq Mehmood Chaudhry, an adviser to the prime minister, said the government had released 5 billion rupees in emergency funds. "We are better prepared than in 2022, but the rains are heavier than forecast," he said.

The monsoon season usually lasts until the end of September.
""",
)
NDMA = "National Disaster Management Authority"
g = annotator(
    a, subject="Pakistan / people", location="Pakistan", attributed_to=NDMA, as_of="2025-07-08", scope="cumulative"
)
FIGURES += [
    g("64", 64, "deaths", "pk-monsoon-2025-deaths"),
    g(
        "more than 200,000",
        200000,
        "displaced",
        "pk-monsoon-2025-displaced",
        q="more_than",
        location="Punjab province",
        attributed_to=None,
    ),
    g("64", 64, "deaths", "pk-monsoon-2025-deaths"),
    g("29", 29, "deaths", "pk-monsoon-2025-child-deaths", subject="Pakistan / children"),
    g(
        "more than 200,000",
        200000,
        "displaced",
        "pk-monsoon-2025-displaced",
        q="more_than",
        location="Punjab province",
        attributed_to=None,
    ),
    g("117", 117, "injured", "pk-monsoon-2025-injured"),
    g("1,450", 1450, "houses damaged", "pk-monsoon-2025-houses-damaged", subject="Pakistan"),
    g("eight", 8, "missing", "pk-swat-van-missing", location="Swat valley", scope="point"),
    g(
        "215,000",
        215000,
        "evacuated",
        "pk-punjab-2025-evacuated-week",
        location="Punjab province",
        attributed_to="Nabeel Javed",
        scope="period",
        period="past week",
    ),
    g(
        "about 1,100",
        1100,
        "relief camps",
        "pk-punjab-2025-relief-camps",
        q="approx",
        subject="Pakistan",
        location="Punjab province",
        attributed_to="Nabeel Javed",
        scope="point",
    ),
    g(
        "410,000 cusecs",
        410000,
        "river flow",
        "pk-chenab-head-marala-flow",
        unit="other",
        subject=None,
        location="Head Marala",
        attributed_to="Nabeel Javed",
        scope="point",
    ),
    g(
        "175 millimetres",
        175,
        "rainfall",
        "pk-lahore-rainfall-2025-07-07",
        unit="distance",
        subject=None,
        location="Lahore",
        attributed_to=None,
        as_of="2025-07-07",
        scope="period",
        period="2025-07-07",
    ),
    g(
        "50 to 80 mm",
        50,
        "rainfall",
        "pk-rainfall-forecast-2025-07-08",
        q="range",
        low=50,
        high=80,
        unit="distance",
        subject=None,
        attributed_to="Pakistan Meteorological Department",
        as_of="2025-07",
        scope="period",
        period="coming 48 hours",
    ),
    g(
        "roughly a third",
        33.3,
        "without power",
        "pk-lahore-without-power",
        q="approx",
        unit="percent",
        location="Lahore",
        attributed_to="Lahore Electric Supply Company",
        as_of="2025-07-07",
        scope="point",
    ),
    g(
        "at least 40",
        40,
        "flights disrupted",
        "pk-lahore-flights-disrupted",
        q="at_least",
        subject="Pakistan / flights",
        location="Allama Iqbal International Airport",
        attributed_to=None,
        as_of="2025-07-07",
        scope="point",
    ),
    g(
        "nearly 180,000 acres",
        180000,
        "crops flooded",
        "pk-punjab-2025-crops-flooded",
        q="approx",
        unit="area",
        subject="Pakistan / agriculture",
        location="Punjab",
        attributed_to=None,
    ),
    g(
        "25 billion rupees",
        25e9,
        "losses",
        "pk-punjab-2025-crop-losses",
        unit="currency",
        cur="PKR",
        subject="Pakistan / agriculture",
        location="Punjab",
        attributed_to="Pakistan Kissan Ittehad",
    ),
    g(
        "a third",
        33.3,
        "area flooded",
        "pk-floods-2022-area-flooded",
        unit="percent",
        subject="Pakistan",
        attributed_to=None,
        as_of="2022",
        scope="point",
    ),
    g(
        "more than 1,700",
        1700,
        "deaths",
        "pk-floods-2022-deaths",
        q="more_than",
        attributed_to=None,
        as_of="2022",
        scope="point",
    ),
    g(
        "$30 billion",
        30e9,
        "losses",
        "pk-floods-2022-losses",
        unit="currency",
        cur="USD",
        subject="Pakistan",
        attributed_to="World Bank",
        as_of="2022",
        scope="point",
    ),
    g(
        "5 billion rupees",
        5e9,
        "emergency funds",
        "pk-monsoon-2025-emergency-funds",
        unit="currency",
        cur="PKR",
        subject="Pakistan / government",
        attributed_to="Tariq Mehmood Chaudhry",
        scope="point",
    ),
]

# ---------------------------------------------------------------- 4. Election (Portugal; parties invented)
a = article(
    "bbc-20250526-portugal-election",
    "bbc",
    "2025-05-26T08:00:00Z",
    "Centre-right wins Portugal vote with 34% but falls short of majority",
    """
Portugal's centre-right Democratic Renewal party has won Sunday's snap parliamentary election with 34.2% of the vote, but fell well short of the 116 seats needed for a majority in parliament, which has 230 seats.

With 99.8% of parishes counted, the party led by former finance minister Ines Carvalho had secured 89 seats, up from 80 in last year's election, according to provisional results published by Portugal's interior ministry early on Monday.

The Socialist Alliance came second with 27.9% and 68 seats, its worst result since 1987. Its leader, Duarte Pimentel, 58, conceded defeat shortly after midnight and told supporters he would remain in his post.

The anti-immigration Voz party took 18.1% of the vote and 47 seats, up by 11 seats compared with 2024, making it the third-largest force for a second consecutive time.

Turnout was 64.3%, about two percentage points higher than in the previous election, the National Electoral Commission said. Nearly 10.8 million people were eligible to vote, including about 1.6 million registered abroad, whose votes will be counted over the next 10 days and decide the final four seats.

Speaking to cheering supporters in Lisbon, Ms Carvalho said voters had "given us a clear mandate for stability". She said she would seek agreements with smaller parties rather than govern with Voz.

It was Portugal's third general election in just over three years. The previous government collapsed in March after losing a confidence vote by 128 votes to 97.

Analysts said the result left the country facing months of difficult negotiations. "Nobody has a clear path to 116," said Paula Esteves, a political scientist at the University of Lisbon. "A minority government is the most likely outcome, and it may not last two years."

The Liberal Initiative won 5.4% and nine seats, while a coalition of the Left Bloc and Greens took 4.9% and six seats, the results showed.

President Rui Mendes will begin consultations with party leaders on Wednesday.
""",
)
MIN = "Portugal's interior ministry"
g = annotator(a, subject="Democratic Renewal", location="Portugal", attributed_to=None, as_of="2025-05-25")
FIGURES += [
    g("34%", 34, "votes", "pt-2025-dr-votes", unit="percent"),
    g("34.2%", 34.2, "votes", "pt-2025-dr-votes", unit="percent"),
    g("116", 116, "seats", "pt-parliament-majority-threshold", subject="Portugal / parliament"),
    g("230", 230, "seats", "pt-parliament-size", subject="Portugal / parliament"),
    g(
        "99.8%",
        99.8,
        "votes counted",
        "pt-2025-count-progress",
        unit="percent",
        subject="Portugal / parishes",
        attributed_to=MIN,
        as_of="2025-05-26",
    ),
    g("89", 89, "seats", "pt-2025-dr-seats", attributed_to=MIN),
    g("80", 80, "seats", "pt-2024-dr-seats", attributed_to=MIN, as_of="2024"),
    g("27.9%", 27.9, "votes", "pt-2025-sa-votes", unit="percent", subject="Socialist Alliance"),
    g("68", 68, "seats", "pt-2025-sa-seats", subject="Socialist Alliance"),
    g("18.1%", 18.1, "votes", "pt-2025-voz-votes", unit="percent", subject="Voz"),
    g("47", 47, "seats", "pt-2025-voz-seats", subject="Voz"),
    g("11", 11, "seats", "pt-2025-voz-seats-change", subject="Voz", change="up"),
    g(
        "64.3%",
        64.3,
        "turnout",
        "pt-2025-turnout",
        unit="percent",
        subject="Portugal / voters",
        attributed_to="National Electoral Commission",
    ),
    g(
        "about two percentage points",
        2,
        "turnout",
        "pt-2025-turnout-change",
        q="approx",
        unit="percent",
        subject="Portugal / voters",
        attributed_to="National Electoral Commission",
        change="up",
    ),
    g(
        "Nearly 10.8 million",
        10.8e6,
        "eligible voters",
        "pt-2025-eligible-voters",
        q="approx",
        subject="Portugal / voters",
        attributed_to="National Electoral Commission",
    ),
    g(
        "about 1.6 million",
        1.6e6,
        "eligible voters",
        "pt-2025-eligible-voters-abroad",
        q="approx",
        subject="Portugal / voters abroad",
        location="abroad",
        attributed_to="National Electoral Commission",
    ),
    g(
        "four",
        4,
        "seats",
        "pt-2025-abroad-seats",
        subject="Portugal / voters abroad",
        location="abroad",
        attributed_to="National Electoral Commission",
    ),
    g("128", 128, "votes", "pt-2025-confidence-vote-against", subject="Portugal / parliament", as_of="2025-03"),
    g("97", 97, "votes", "pt-2025-confidence-vote-for", subject="Portugal / parliament", as_of="2025-03"),
    g(
        "116",
        116,
        "seats",
        "pt-parliament-majority-threshold",
        subject="Portugal / parliament",
        attributed_to="Paula Esteves",
        as_of="2025-05-26",
    ),
    g("5.4%", 5.4, "votes", "pt-2025-il-votes", unit="percent", subject="Liberal Initiative", attributed_to=MIN),
    g("nine", 9, "seats", "pt-2025-il-seats", subject="Liberal Initiative", attributed_to=MIN),
    g("4.9%", 4.9, "votes", "pt-2025-lbg-votes", unit="percent", subject="Left Bloc and Greens", attributed_to=MIN),
    g("six", 6, "seats", "pt-2025-lbg-seats", subject="Left Bloc and Greens", attributed_to=MIN),
]

# ---------------------------------------------------------------- 5. Epidemic (cholera, Sudan)
a = article(
    "aljazeera-20251002-sudan-cholera",
    "aljazeera",
    "2025-10-02T10:00:00Z",
    "Cholera kills more than 400 in Sudan's Darfur, WHO says",
    """
A cholera outbreak in Sudan's war-torn Darfur region has killed more than 400 people since late July, with nearly 25,000 cases recorded, the World Health Organization said on Thursday, warning that the true numbers are likely far higher.

The WHO said 24,780 suspected cases and 412 deaths had been recorded in Darfur as of September 28, giving a case fatality rate of 1.7%, well above the 1% threshold that indicates adequate treatment. Cases rose 18% in the past week alone, the agency said.

"We are seeing between 1,500 and 2,000 new cases every week in North Darfur," Dr Amina Farouk, the WHO's representative in Sudan, told reporters in Geneva. She said only about 30 per cent of health facilities in the region were fully functional.

Nearly half of the cases were in Tawila, a town west of el-Fasher that has absorbed more than 380,000 people fleeing fighting between the army and the paramilitary Rapid Support Forces (RSF), according to the medical charity Medecins Sans Frontieres (MSF).

MSF said its teams had treated 6,200 patients at a 120-bed cholera treatment centre in Tawila and that it had run out of oral rehydration salts twice in September. The charity said a dozen of its staff had fallen ill.

Across Sudan, the country's health ministry has reported more than 113,000 cholera cases and about 3,000 deaths since the current nationwide outbreak began in July 2024. The ministry's figures do not include areas held by the RSF.

The WHO said it had delivered 1.4 million doses of oral cholera vaccine to Darfur, enough to cover about 40% of the at-risk population, and appealed for $22 million to fund the response over the next three months. So far it has received $4.5 million, Farouk said.

Aid groups say access remains the biggest obstacle. A convoy of 16 trucks carrying medical supplies waited for 11 days at the Adre crossing from Chad before it was allowed in, the UN humanitarian office OCHA said.

The war, now in its third year, has killed tens of thousands of people and forced about 12 million from their homes, according to the United Nations.
""",
)
WHO = "World Health Organization"
MSF = "Medecins Sans Frontieres"
g = annotator(a, subject="Sudan / people", location="Darfur", attributed_to=WHO, as_of="2025-10-02", scope="cumulative")
FIGURES += [
    g("more than 400", 400, "deaths", "sd-darfur-cholera-deaths", q="more_than"),
    g("more than 400", 400, "deaths", "sd-darfur-cholera-deaths", q="more_than"),
    g("nearly 25,000", 25000, "cases", "sd-darfur-cholera-cases", q="approx"),
    g("24,780", 24780, "cases", "sd-darfur-cholera-cases", as_of="2025-09-28"),
    g("412", 412, "deaths", "sd-darfur-cholera-deaths", as_of="2025-09-28"),
    g("1.7%", 1.7, "case fatality rate", "sd-darfur-cholera-cfr", unit="percent", as_of="2025-09-28", scope="point"),
    g(
        "1%",
        1,
        "case fatality rate threshold",
        "who-cholera-cfr-threshold",
        unit="percent",
        subject=None,
        location=None,
        scope="point",
    ),
    g(
        "18%",
        18,
        "cases",
        "sd-darfur-cholera-cases-weekly-change",
        unit="percent",
        scope="period",
        period="past week",
        change="up",
    ),
    g(
        "between 1,500 and 2,000",
        1500,
        "cases",
        "sd-north-darfur-cholera-weekly-cases",
        q="range",
        low=1500,
        high=2000,
        location="North Darfur",
        attributed_to="Amina Farouk",
        scope="period",
        period="every week",
    ),
    g(
        "about 30 per cent",
        30,
        "functional health facilities",
        "sd-darfur-functional-health-facilities",
        q="approx",
        unit="percent",
        subject="Sudan / health facilities",
        attributed_to="Amina Farouk",
        scope="point",
    ),
    g(
        "Nearly half",
        50,
        "share of cases",
        "sd-darfur-cholera-tawila-share",
        q="approx",
        unit="percent",
        location="Tawila",
        attributed_to=MSF,
        scope="point",
    ),
    g(
        "more than 380,000",
        380000,
        "displaced",
        "sd-tawila-displaced",
        q="more_than",
        location="Tawila",
        attributed_to=MSF,
    ),
    g("6,200", 6200, "patients treated", "sd-tawila-msf-cholera-patients", location="Tawila", attributed_to=MSF),
    g(
        "a dozen",
        12,
        "staff ill",
        "sd-tawila-msf-staff-ill",
        subject="Medecins Sans Frontieres / staff",
        location="Tawila",
        attributed_to=MSF,
    ),
    g(
        "more than 113,000",
        113000,
        "cases",
        "sd-cholera-cases-national",
        q="more_than",
        location="Sudan",
        attributed_to="Sudan's health ministry",
    ),
    g(
        "about 3,000",
        3000,
        "deaths",
        "sd-cholera-deaths-national",
        q="approx",
        location="Sudan",
        attributed_to="Sudan's health ministry",
    ),
    g("1.4 million", 1.4e6, "vaccine doses", "sd-darfur-cholera-vaccine-doses", subject=WHO),
    g(
        "about 40%",
        40,
        "vaccine coverage",
        "sd-darfur-cholera-vaccine-coverage",
        q="approx",
        unit="percent",
        scope="point",
    ),
    g(
        "$22 million",
        22e6,
        "funding appeal",
        "sd-darfur-cholera-who-appeal",
        unit="currency",
        cur="USD",
        subject=WHO,
        scope="point",
    ),
    g(
        "$4.5 million",
        4.5e6,
        "funding received",
        "sd-darfur-cholera-who-funding-received",
        unit="currency",
        cur="USD",
        subject=WHO,
        attributed_to="Amina Farouk",
    ),
    g(
        "16",
        16,
        "trucks",
        "sd-adre-convoy-trucks",
        subject="Sudan / aid",
        location="Adre crossing",
        attributed_to="OCHA",
        scope="point",
    ),
    g(
        "about 12 million",
        12e6,
        "displaced",
        "sd-war-displaced-cum",
        q="approx",
        location="Sudan",
        attributed_to="United Nations",
    ),
]

# ---------------------------------------------------------------- 6. Strike (German rail)
a = article(
    "dpa-20250616-germany-rail-strike",
    "dpa",
    "2025-06-16T12:00:00Z",
    "German train drivers strike, halting 80% of long-distance trains",
    """
BERLIN (dpa) - A 48-hour strike by German train drivers brought much of the country's rail network to a standstill on Monday, with Deutsche Bahn cancelling about 80% of its long-distance services and millions of commuters forced onto crowded roads.

The GDL union said more than 10,000 of its members had walked out at 2 a.m. in a dispute over pay and working hours. The union is demanding a 7.5% pay rise and a shorter working week without loss of pay.

Deutsche Bahn said it was running an emergency timetable and that only one in five long-distance trains would operate until Wednesday morning. Regional services were also severely disrupted, with up to 60 per cent of trains cancelled in some states, the company said.

"This strike is completely unnecessary and hits millions of people," Deutsche Bahn personnel chief Katrin Lorenz told reporters in Berlin. She said the company had offered a 5% raise in two steps and a one-off payment of €1,500, and that each strike day cost the company about €25 million.

GDL leader Mario Reiter rejected the offer as "an insult". "Our members have lost 9% of their purchasing power since 2021," he said. He did not rule out further strikes, including an open-ended walkout.

Freight traffic was also hit. The German logistics association BGL said about 3,000 freight trains were stuck or cancelled, and estimated the economic damage at up to €100 million a day.

Traffic jams stretched for a total of 1,100 kilometres on German motorways during the morning rush hour, the ADAC motoring club said.

It is the third strike by train drivers this year. An opinion poll published by broadcaster ZDF on Sunday found that 54% of Germans had sympathy for the drivers, down from 61% in March.

Transport Minister Jonas Falk called on both sides to return to talks. "Germany cannot afford to be brought to a halt again and again," he said.

Deutsche Bahn employs around 220,000 people in Germany. The GDL represents about 40,000 of them, mainly train drivers and conductors.
""",
)
g = annotator(a, subject="Deutsche Bahn", location="Germany", attributed_to="Deutsche Bahn", as_of="2025-06-16")
FIGURES += [
    g(
        "80%",
        80,
        "trains cancelled",
        "de-rail-strike-2025-06-longdistance-cancelled",
        unit="percent",
        attributed_to=None,
    ),
    g(
        "about 80%",
        80,
        "trains cancelled",
        "de-rail-strike-2025-06-longdistance-cancelled",
        q="approx",
        unit="percent",
        attributed_to=None,
    ),
    g(
        "more than 10,000",
        10000,
        "workers on strike",
        "de-rail-strike-2025-06-strikers",
        q="more_than",
        subject="GDL / train drivers",
        attributed_to="GDL",
    ),
    g(
        "7.5%",
        7.5,
        "pay rise demanded",
        "de-gdl-pay-demand",
        unit="percent",
        subject="GDL / train drivers",
        attributed_to="GDL",
    ),
    g("one in five", 20, "trains running", "de-rail-strike-2025-06-longdistance-running", unit="percent"),
    g(
        "up to 60 per cent",
        60,
        "trains cancelled",
        "de-rail-strike-2025-06-regional-cancelled",
        q="at_most",
        unit="percent",
    ),
    g("5%", 5, "pay rise offered", "de-db-pay-offer", unit="percent", attributed_to="Katrin Lorenz"),
    g("two", 2, "pay rise instalments", "de-db-pay-offer-instalments", attributed_to="Katrin Lorenz"),
    g(
        "€1,500",
        1500,
        "one-off payment",
        "de-db-one-off-payment",
        unit="currency",
        cur="EUR",
        attributed_to="Katrin Lorenz",
    ),
    g(
        "about €25 million",
        25e6,
        "strike cost",
        "de-db-strike-cost-daily",
        q="approx",
        unit="currency",
        cur="EUR",
        attributed_to="Katrin Lorenz",
    ),
    g(
        "9%",
        9,
        "purchasing power",
        "de-train-drivers-purchasing-power",
        unit="percent",
        subject="GDL / train drivers",
        attributed_to="Mario Reiter",
        scope="cumulative",
        change="down",
    ),
    g(
        "about 3,000",
        3000,
        "trains cancelled",
        "de-rail-strike-2025-06-freight-cancelled",
        q="approx",
        subject="Germany / freight",
        attributed_to="BGL",
    ),
    g(
        "up to €100 million",
        100e6,
        "economic damage",
        "de-rail-strike-2025-06-damage-daily",
        q="at_most",
        unit="currency",
        cur="EUR",
        subject="Germany / economy",
        attributed_to="BGL",
    ),
    g(
        "1,100 kilometres",
        1100,
        "traffic jams",
        "de-rail-strike-2025-06-traffic-jams",
        unit="distance",
        subject="Germany / motorways",
        attributed_to="ADAC",
    ),
    g(
        "54%",
        54,
        "public support",
        "de-poll-train-strike-sympathy",
        unit="percent",
        subject="Germany / people",
        attributed_to="ZDF",
        as_of="2025-06-15",
    ),
    g(
        "61%",
        61,
        "public support",
        "de-poll-train-strike-sympathy",
        unit="percent",
        subject="Germany / people",
        attributed_to="ZDF",
        as_of="2025-03",
    ),
    g("around 220,000", 220000, "employees", "db-employees", q="approx", attributed_to=None),
    g("about 40,000", 40000, "members", "gdl-members", q="approx", subject="GDL", attributed_to=None),
]

# ---------------------------------------------------------------- 7. National budget (Kenya)
a = article(
    "reuters-20250612-kenya-budget",
    "reuters",
    "2025-06-12T16:45:00Z",
    "Kenya unveils 4.3 trillion shilling budget, targets deficit of 4.5% of GDP",
    """
NAIROBI, June 12 (Reuters) - Kenya's Treasury on Thursday presented a 4.3 trillion shilling ($33.2 billion) budget for the 2025/26 fiscal year, with Finance Minister Samuel Otieno promising to cut the deficit to 4.5% of GDP from an estimated 5.7% this year.

Presenting the spending plan to parliament, Otieno said revenue was expected to rise 12% to 3.3 trillion shillings, helped by stronger tax collection rather than new taxes, after protests against tax increases last year left dozens dead.

"We have heard Kenyans. This budget does not introduce a single new tax," the minister told lawmakers, to cheers from the government benches.

Debt service will consume 1.1 trillion shillings, or more than a third of expected revenue, Otieno said. Kenya's public debt stood at 11.4 trillion shillings at the end of March, equivalent to about 67% of GDP, according to Treasury figures.

The budget allocates 702 billion shillings to education, the largest single item, and 138 billion shillings to health. Spending on roads and other infrastructure was cut by 8% to 216 billion shillings.

The minister forecast economic growth of 5.3% in 2025, up from 4.7% last year, and said inflation, which was 3.8% in May, would remain within the central bank's target range of 2.5% to 7.5%.

The International Monetary Fund, whose $3.6 billion programme with Kenya expired in April, has urged the government to raise revenue to around 20 per cent of GDP from about 16% now. Otieno said talks on a new programme would start in July.

Analysts were sceptical. "The revenue targets look ambitious, given that the Kenya Revenue Authority missed its target by nearly 200 billion shillings this year," said Wanjiru Kamau, an economist at Nairobi-based Highlands Capital.

The shilling was little changed at 129.3 per dollar after the speech.

Parliament has until June 30 to approve the budget. The new fiscal year begins on July 1.
""",
)
KE = "Kenya / government"
g = annotator(
    a, subject=KE, location="Kenya", attributed_to="Samuel Otieno", as_of="2025", scope="period", period="2025/26"
)
FIGURES += [
    g("4.3 trillion shilling", 4.3e12, "budget", "ke-budget-fy2025-26", unit="currency", cur="KES", attributed_to=None),
    g("4.5%", 4.5, "deficit", "ke-deficit-fy2025-26", unit="percent", attributed_to=None),
    g(
        "4.3 trillion shilling",
        4.3e12,
        "budget",
        "ke-budget-fy2025-26",
        unit="currency",
        cur="KES",
        attributed_to="Kenya's Treasury",
    ),
    g("4.5%", 4.5, "deficit", "ke-deficit-fy2025-26", unit="percent"),
    g("an estimated 5.7%", 5.7, "deficit", "ke-deficit-fy2024-25", q="approx", unit="percent", period="2024/25"),
    g("12%", 12, "revenue", "ke-revenue-change-fy2025-26", unit="percent", change="up"),
    g("3.3 trillion shillings", 3.3e12, "revenue", "ke-revenue-fy2025-26", unit="currency", cur="KES"),
    g("1.1 trillion shillings", 1.1e12, "debt service", "ke-debt-service-fy2025-26", unit="currency", cur="KES"),
    g(
        "more than a third",
        33.3,
        "debt service share of revenue",
        "ke-debt-service-share-fy2025-26",
        q="more_than",
        unit="percent",
    ),
    g(
        "11.4 trillion shillings",
        11.4e12,
        "debt",
        "ke-public-debt",
        unit="currency",
        cur="KES",
        attributed_to="Kenya's Treasury",
        as_of="2025-03",
        scope="point",
        period=None,
    ),
    g(
        "about 67%",
        67,
        "debt to gdp",
        "ke-debt-to-gdp",
        q="approx",
        unit="percent",
        attributed_to="Kenya's Treasury",
        as_of="2025-03",
        scope="point",
        period=None,
    ),
    g(
        "702 billion shillings",
        702e9,
        "spending",
        "ke-education-spending-fy2025-26",
        unit="currency",
        cur="KES",
        subject="Kenya / education",
    ),
    g(
        "138 billion shillings",
        138e9,
        "spending",
        "ke-health-spending-fy2025-26",
        unit="currency",
        cur="KES",
        subject="Kenya / health",
    ),
    g(
        "8%",
        8,
        "spending",
        "ke-infrastructure-spending-change-fy2025-26",
        unit="percent",
        subject="Kenya / infrastructure",
        change="down",
    ),
    g(
        "216 billion shillings",
        216e9,
        "spending",
        "ke-infrastructure-spending-fy2025-26",
        unit="currency",
        cur="KES",
        subject="Kenya / infrastructure",
    ),
    g("5.3%", 5.3, "growth", "ke-growth-2025", unit="percent", subject="Kenya / economy", period="2025"),
    g("4.7%", 4.7, "growth", "ke-growth-2024", unit="percent", subject="Kenya / economy", as_of="2024", period="2024"),
    g(
        "3.8%",
        3.8,
        "inflation",
        "ke-inflation",
        unit="percent",
        subject="Kenya / economy",
        as_of="2025-05",
        scope="point",
        period=None,
    ),
    g(
        "2.5% to 7.5%",
        2.5,
        "inflation target",
        "ke-inflation-target",
        q="range",
        low=2.5,
        high=7.5,
        unit="percent",
        subject="Central Bank of Kenya",
        as_of="2025-06-12",
        scope="point",
        period=None,
    ),
    g(
        "$3.6 billion",
        3.6e9,
        "loan programme",
        "imf-kenya-programme",
        unit="currency",
        cur="USD",
        subject="International Monetary Fund",
        attributed_to=None,
        scope="point",
        period=None,
    ),
    g(
        "around 20 per cent",
        20,
        "revenue to gdp",
        "ke-revenue-to-gdp-target",
        q="approx",
        unit="percent",
        attributed_to="International Monetary Fund",
        as_of="2025-06-12",
        scope="point",
        period=None,
    ),
    g(
        "about 16%",
        16,
        "revenue to gdp",
        "ke-revenue-to-gdp",
        q="approx",
        unit="percent",
        attributed_to="International Monetary Fund",
        as_of="2025-06-12",
        scope="point",
        period=None,
    ),
    g(
        "nearly 200 billion shillings",
        200e9,
        "revenue shortfall",
        "ke-revenue-shortfall-fy2024-25",
        q="approx",
        unit="currency",
        cur="KES",
        subject="Kenya Revenue Authority",
        attributed_to="Wanjiru Kamau",
        period="2024/25",
    ),
    g(
        "129.3",
        129.3,
        "exchange rate",
        "ke-shilling-usd",
        unit="other",
        subject="Kenya / shilling",
        attributed_to=None,
        as_of="2025-06-12",
        scope="point",
        period=None,
    ),
]

# ---------------------------------------------------------------- 8. Football transfer (player invented)
a = article(
    "afp-20250820-bayern-tavares",
    "afp",
    "2025-08-20T19:30:00Z",
    "Bayern sign Porto striker Tavares for record 95 million euros",
    """
MUNICH (AFP) - Bayern Munich have signed Porto striker Rui Tavares for a club-record fee of 95 million euros ($110 million), which could rise to 110 million euros with add-ons, the German champions announced on Wednesday.

The 23-year-old Portugal international has signed a five-year contract until June 2030 and will wear the number 9 shirt, Bayern said in a statement.

Porto said in a filing to the Portuguese stock market regulator that the deal included up to 15 million euros in performance-related bonuses and that Bayern would pay the fee in three instalments. The Portuguese club will also receive 10% of any future sale.

Tavares scored 31 goals in 44 matches in all competitions last season, helping Porto win the league title, and has scored seven goals in 18 appearances for his country.

"Rui is one of the most exciting strikers in Europe and we are delighted he chose Bayern," sporting director Christoph Brandt told a news conference. "He is only 23 and his best years are ahead of him."

According to German magazine Kicker, Tavares will earn around 12 million euros a year before tax, making him one of the best-paid players in the Bundesliga.

The fee surpasses Bayern's previous club record of 80 million euros, set in 2023. It is also the most Porto have ever received for a player, beating the 70 million euros they were paid for a midfielder in 2022.

Tavares, who was born in Braga, joined Porto's academy at the age of 12. His release clause had been set at 120 million euros.

Bayern have spent more than 180 million euros on new players this summer, while raising about 65 million euros from sales, according to the Transfermarkt website.

The transfer window in Germany closes on September 1 at 8 p.m. local time.
""",
)
g = annotator(a, subject="Bayern Munich", location=None, attributed_to="Bayern Munich", as_of="2025-08-20")
EUR = {"unit": "currency", "cur": "EUR"}
FIGURES += [
    g("95 million euros", 95e6, "transfer fee", "tavares-transfer-fee", **EUR),
    g("95 million euros", 95e6, "transfer fee", "tavares-transfer-fee", **EUR),
    g("110 million euros", 110e6, "transfer fee", "tavares-transfer-fee-max", q="at_most", **EUR),
    g(
        "up to 15 million euros",
        15e6,
        "performance bonuses",
        "tavares-transfer-bonuses",
        q="at_most",
        attributed_to="FC Porto",
        **EUR,
    ),
    g("three", 3, "instalments", "tavares-transfer-instalments", attributed_to="FC Porto"),
    g("10%", 10, "sell-on share", "tavares-sell-on", unit="percent", subject="FC Porto", attributed_to="FC Porto"),
    g(
        "31",
        31,
        "goals",
        "tavares-goals-2024-25",
        subject="Rui Tavares",
        attributed_to=None,
        as_of="2025",
        scope="period",
        period="2024/25",
    ),
    g(
        "44",
        44,
        "matches",
        "tavares-matches-2024-25",
        subject="Rui Tavares",
        attributed_to=None,
        as_of="2025",
        scope="period",
        period="2024/25",
    ),
    g(
        "seven",
        7,
        "goals",
        "tavares-international-goals",
        subject="Rui Tavares",
        location="Portugal",
        attributed_to=None,
        scope="cumulative",
    ),
    g(
        "18",
        18,
        "appearances",
        "tavares-international-caps",
        subject="Rui Tavares",
        location="Portugal",
        attributed_to=None,
        scope="cumulative",
    ),
    g(
        "around 12 million euros",
        12e6,
        "salary",
        "tavares-salary",
        q="approx",
        subject="Rui Tavares",
        attributed_to="Kicker",
        **EUR,
    ),
    g("80 million euros", 80e6, "transfer fee", "bayern-record-fee-2023", attributed_to=None, as_of="2023", **EUR),
    g(
        "70 million euros",
        70e6,
        "transfer fee",
        "porto-record-sale-2022",
        subject="FC Porto",
        attributed_to=None,
        as_of="2022",
        **EUR,
    ),
    g(
        "120 million euros",
        120e6,
        "release clause",
        "tavares-release-clause",
        subject="Rui Tavares",
        attributed_to=None,
        **EUR,
    ),
    g(
        "more than 180 million euros",
        180e6,
        "transfer spending",
        "bayern-summer-2025-spending",
        q="more_than",
        attributed_to="Transfermarkt",
        as_of="2025",
        scope="period",
        period="summer 2025",
        **EUR,
    ),
    g(
        "about 65 million euros",
        65e6,
        "transfer income",
        "bayern-summer-2025-sales",
        q="approx",
        attributed_to="Transfermarkt",
        as_of="2025",
        scope="period",
        period="summer 2025",
        **EUR,
    ),
]

# ---------------------------------------------------------------- 9. Company quarterly results (company invented)
a = article(
    "reuters-20251023-veltra-q3",
    "reuters",
    "2025-10-23T07:10:00Z",
    "Veltra Motors profit falls 22% as tariffs bite, shares drop 6%",
    """
FRANKFURT, Oct 23 (Reuters) - Veltra Motors reported a 22% drop in third-quarter operating profit on Thursday as U.S. tariffs and weak demand in China hit sales, and the carmaker cut its full-year margin forecast for the second time this year.

Operating profit fell to €1.9 billion in the July-September period from €2.44 billion a year earlier, the company said, below the €2.1 billion expected by analysts in a poll compiled by the company. Revenue slipped 4% to €31.6 billion.

Deliveries fell by 38,000 vehicles to 612,000, with sales in China down 17%. Electric vehicles made up 19 per cent of deliveries, up from 14% a year earlier.

Chief Executive Lena Hartmann told reporters on a call that tariffs had cost the group about €450 million in the quarter. "We are not going to pass all of that on to customers," she said.

Veltra now expects an operating margin of between 5% and 6% for 2025, down from its previous forecast of 6% to 7%. Chief Financial Officer Arno Keller said the company would cut 4,500 jobs in Germany by 2028, mainly through early retirement, to save €1bn a year.

Shares in Veltra fell as much as 6% in early trading in Frankfurt, their biggest drop in nearly a year, before paring losses to trade down 3.8% by 0910 GMT.

The company, which employs some 180,000 people worldwide, said it had €24 billion in net liquidity at the end of September.

Hartmann, 54, said the company would still pay an interim dividend of €1.20 per share.
""",
)
g = annotator(
    a,
    subject="Veltra Motors",
    location=None,
    attributed_to="Veltra Motors",
    as_of="2025-09",
    scope="period",
    period="Q3 2025",
)
FIGURES += [
    g("22%", 22, "profit", "veltra-q3-2025-operating-profit-change", unit="percent", change="down", attributed_to=None),
    g(
        "6%",
        6,
        "share price",
        "veltra-share-price-change-2025-10-23",
        unit="percent",
        change="down",
        attributed_to=None,
        as_of="2025-10-23",
        scope="point",
        period=None,
    ),
    g("22%", 22, "profit", "veltra-q3-2025-operating-profit-change", unit="percent", change="down"),
    g("€1.9 billion", 1.9e9, "profit", "veltra-q3-2025-operating-profit", unit="currency", cur="EUR"),
    g(
        "€2.44 billion",
        2.44e9,
        "profit",
        "veltra-q3-2024-operating-profit",
        unit="currency",
        cur="EUR",
        as_of="2024-09",
        period="Q3 2024",
    ),
    g(
        "€2.1 billion",
        2.1e9,
        "profit",
        "veltra-q3-2025-operating-profit-consensus",
        unit="currency",
        cur="EUR",
        subject="Veltra Motors / analysts",
    ),
    g("4%", 4, "revenue", "veltra-q3-2025-revenue-change", unit="percent", change="down"),
    g("€31.6 billion", 31.6e9, "revenue", "veltra-q3-2025-revenue", unit="currency", cur="EUR"),
    g("38,000", 38000, "deliveries", "veltra-q3-2025-deliveries-change", change="down"),
    g("612,000", 612000, "deliveries", "veltra-q3-2025-deliveries"),
    g("17%", 17, "sales", "veltra-q3-2025-china-sales-change", unit="percent", location="China", change="down"),
    g("19 per cent", 19, "ev share of deliveries", "veltra-q3-2025-ev-share", unit="percent"),
    g(
        "14%",
        14,
        "ev share of deliveries",
        "veltra-q3-2024-ev-share",
        unit="percent",
        as_of="2024-09",
        period="Q3 2024",
    ),
    g(
        "about €450 million",
        450e6,
        "tariff cost",
        "veltra-q3-2025-tariff-cost",
        q="approx",
        unit="currency",
        cur="EUR",
        attributed_to="Lena Hartmann",
    ),
    g(
        "between 5% and 6%",
        5,
        "operating margin",
        "veltra-2025-margin-forecast",
        q="range",
        low=5,
        high=6,
        unit="percent",
        as_of="2025",
        period="2025",
    ),
    g(
        "6% to 7%",
        6,
        "operating margin",
        "veltra-2025-margin-forecast",
        q="range",
        low=6,
        high=7,
        unit="percent",
        as_of="2025",
        period="2025",
    ),
    g(
        "4,500",
        4500,
        "jobs cut",
        "veltra-job-cuts-2028",
        location="Germany",
        attributed_to="Arno Keller",
        as_of="2028",
        period="by 2028",
    ),
    g(
        "€1bn",
        1e9,
        "savings",
        "veltra-annual-savings",
        unit="currency",
        cur="EUR",
        attributed_to="Arno Keller",
        as_of="2025-10-23",
        scope="point",
        period=None,
    ),
    g(
        "as much as 6%",
        6,
        "share price",
        "veltra-share-price-change-2025-10-23",
        q="at_most",
        unit="percent",
        change="down",
        attributed_to=None,
        location="Frankfurt",
        as_of="2025-10-23",
        scope="point",
        period=None,
    ),
    g(
        "3.8%",
        3.8,
        "share price",
        "veltra-share-price-change-2025-10-23",
        unit="percent",
        change="down",
        attributed_to=None,
        location="Frankfurt",
        as_of="2025-10-23",
        scope="point",
        period=None,
    ),
    g(
        "some 180,000",
        180000,
        "employees",
        "veltra-employees",
        q="approx",
        as_of="2025-10-23",
        scope="point",
        period=None,
    ),
    g(
        "€24 billion",
        24e9,
        "net liquidity",
        "veltra-net-liquidity",
        unit="currency",
        cur="EUR",
        scope="point",
        period=None,
    ),
    g(
        "€1.20",
        1.2,
        "dividend",
        "veltra-interim-dividend-2025",
        unit="currency",
        cur="EUR",
        attributed_to="Lena Hartmann",
        as_of="2025",
        period="2025",
    ),
]

# ---------------------------------------------------------------- 10. Wildfire (Spain)
a = article(
    "ap-20250812-spain-wildfire",
    "ap",
    "2025-08-12T17:40:00Z",
    "Wildfire in western Spain burns 12,000 hectares, forces 3,000 to flee",
    """
MADRID (AP) - A wildfire in western Spain's Extremadura region has burned about 12,000 hectares (29,650 acres) since it broke out on Saturday, forcing some 3,000 people from their homes, regional authorities said Tuesday.

More than 600 firefighters backed by 14 water-dropping aircraft were battling the blaze near the town of Jarandilla de la Vera, where temperatures reached 43C (109F) on Monday, the regional emergency service said. Winds gusting up to 50 kph (31 mph) were fanning the flames.

Regional president Maria Jose Delgado said a 61-year-old volunteer firefighter had died of burns and that four other people, including two firefighters, had been hospitalized. "The fire has a perimeter of more than 70 kilometers and is not stabilized," she told Channel 4 Extremadura.

Eight villages were evacuated overnight, and 1,200 residents spent the night in sports halls and schools, Delgado said. About 350 homes were without electricity.

Police arrested a 34-year-old man on Monday on suspicion of starting the fire while burning farm waste, a Civil Guard spokesman said. He could face up to 10 years in prison.

Spain has lost more than 98,000 hectares to wildfires so far this year, according to the European Forest Fire Information System (EFFIS). Across the European Union, fires have burned about 380,000 hectares in 2025, the system's data showed.

In Losar de la Vera, one of the evacuated villages, 70-year-old farmer Antonio Ruiz said the flames had reached the edge of his olive grove by 2 a.m. "I have lived here all my life and never seen anything like this," he said.

The government has requested two firefighting planes from the EU's rescEU fleet, the interior ministry said. Forecasters expect the heat to ease by Thursday.
""",
)
g = annotator(
    a,
    subject="Spain / people",
    location="Extremadura",
    attributed_to="Extremadura regional authorities",
    as_of="2025-08-12",
    scope="cumulative",
)
EFFIS = "European Forest Fire Information System"
FIGURES += [
    g(
        "12,000 hectares",
        12000,
        "area burned",
        "es-extremadura-fire-2025-area",
        unit="area",
        subject=None,
        attributed_to=None,
    ),
    g("3,000", 3000, "evacuated", "es-extremadura-fire-2025-evacuated", attributed_to=None),
    g(
        "about 12,000 hectares",
        12000,
        "area burned",
        "es-extremadura-fire-2025-area",
        q="approx",
        unit="area",
        subject=None,
    ),
    g("some 3,000", 3000, "evacuated", "es-extremadura-fire-2025-evacuated", q="approx"),
    g(
        "More than 600",
        600,
        "firefighters deployed",
        "es-extremadura-fire-2025-firefighters",
        q="more_than",
        subject="Spain / firefighters",
        location="Jarandilla de la Vera",
        attributed_to="Extremadura regional emergency service",
        scope="point",
    ),
    g(
        "14",
        14,
        "aircraft deployed",
        "es-extremadura-fire-2025-aircraft",
        subject="Spain / firefighters",
        location="Jarandilla de la Vera",
        attributed_to="Extremadura regional emergency service",
        scope="point",
    ),
    g(
        "43C",
        43,
        "temperature",
        "es-jarandilla-temperature",
        unit="temperature",
        subject=None,
        location="Jarandilla de la Vera",
        attributed_to="Extremadura regional emergency service",
        as_of="2025-08-11",
        scope="point",
    ),
    g(
        "up to 50 kph",
        50,
        "wind speed",
        "es-extremadura-fire-2025-wind",
        q="at_most",
        unit="other",
        subject=None,
        attributed_to="Extremadura regional emergency service",
        scope="point",
    ),
    g("four", 4, "hospitalised", "es-extremadura-fire-2025-hospitalised", attributed_to="Maria Jose Delgado"),
    g(
        "two",
        2,
        "hospitalised",
        "es-extremadura-fire-2025-firefighters-hospitalised",
        subject="Spain / firefighters",
        attributed_to="Maria Jose Delgado",
    ),
    g(
        "more than 70 kilometers",
        70,
        "fire perimeter",
        "es-extremadura-fire-2025-perimeter",
        q="more_than",
        unit="distance",
        subject=None,
        attributed_to="Maria Jose Delgado",
        scope="point",
    ),
    g(
        "Eight",
        8,
        "villages evacuated",
        "es-extremadura-fire-2025-villages-evacuated",
        subject="Spain",
        attributed_to="Maria Jose Delgado",
    ),
    g(
        "1,200",
        1200,
        "in shelters",
        "es-extremadura-fire-2025-sheltered",
        attributed_to="Maria Jose Delgado",
        scope="point",
    ),
    g(
        "About 350",
        350,
        "without power",
        "es-extremadura-fire-2025-without-power",
        q="approx",
        subject="Spain / homes",
        attributed_to="Maria Jose Delgado",
        scope="point",
    ),
    g(
        "more than 98,000 hectares",
        98000,
        "area burned",
        "es-wildfires-2025-area",
        q="more_than",
        unit="area",
        subject=None,
        location="Spain",
        attributed_to=EFFIS,
        as_of="2025",
        scope="period",
        period="2025",
    ),
    g(
        "about 380,000 hectares",
        380000,
        "area burned",
        "eu-wildfires-2025-area",
        q="approx",
        unit="area",
        subject=None,
        location="European Union",
        attributed_to=EFFIS,
        as_of="2025",
        scope="period",
        period="2025",
    ),
    g(
        "two",
        2,
        "aircraft requested",
        "es-rescEU-planes-requested",
        subject="Spain / government",
        location="Spain",
        attributed_to="Spain's interior ministry",
        scope="point",
    ),
]

# ---------------------------------------------------------------- 11. Hurricane (storm invented)
a = article(
    "ap-20250929-hurricane-nadine",
    "ap",
    "2025-09-29T15:25:00Z",
    "Hurricane Nadine kills at least 9 in Haiti and Dominican Republic",
    """
SANTO DOMINGO, Dominican Republic (AP) - Hurricane Nadine killed at least nine people and left nearly 1.2 million without power as it tore across Hispaniola on Monday with winds of 195 kph (120 mph), officials said.

The Category 3 storm made landfall near Punta Cana at 5 a.m. and weakened to a Category 1 hurricane by the afternoon, the U.S. National Hurricane Center said. It was expected to dump between 200 and 300 millimeters of rain on parts of Haiti through Tuesday.

In the Dominican Republic, five people were killed, including a 12-year-old boy swept away by a river in San Cristobal, and 23 were injured, emergency operations director Juan Manuel Reyes told reporters. He said about 41,000 people had been evacuated and 2,300 homes damaged.

"This is one of the strongest storms we have seen in a decade," Reyes said, adding that power had been restored to only a quarter of affected customers.

In Haiti, the civil protection agency said four people died and 11 were missing after flash floods in the Sud department, and warned that the toll could rise. About 18,000 people were in temporary shelters, it said.

The United Nations said it had released $4 million from its emergency fund for Haiti, where nearly half the population of 11.7 million already needs humanitarian aid.

Tourism officials said 6,500 visitors were sheltering in hotels in Punta Cana and La Romana. The Punta Cana airport, which handles about 60% of the country's tourist arrivals, would remain closed until Wednesday.

Nadine is the 14th named storm of the Atlantic season, which runs until November 30.
""",
)
g = annotator(a, subject="Dominican Republic / people", location="Hispaniola", attributed_to=None, as_of="2025-09-29")
FIGURES += [
    g("at least 9", 9, "deaths", "hurricane-nadine-deaths", q="at_least", subject="Hispaniola / people"),
    g("at least nine", 9, "deaths", "hurricane-nadine-deaths", q="at_least", subject="Hispaniola / people"),
    g(
        "nearly 1.2 million",
        1.2e6,
        "without power",
        "hurricane-nadine-without-power",
        q="approx",
        subject="Hispaniola / people",
    ),
    g("195 kph", 195, "wind speed", "hurricane-nadine-wind-speed", unit="other", subject=None),
    g(
        "between 200 and 300 millimeters",
        200,
        "rainfall",
        "hurricane-nadine-haiti-rainfall-forecast",
        q="range",
        low=200,
        high=300,
        unit="distance",
        subject=None,
        location="Haiti",
        attributed_to="U.S. National Hurricane Center",
        scope="period",
        period="through Tuesday",
    ),
    g(
        "five",
        5,
        "deaths",
        "hurricane-nadine-do-deaths",
        location="Dominican Republic",
        attributed_to="Juan Manuel Reyes",
    ),
    g(
        "23",
        23,
        "injured",
        "hurricane-nadine-do-injured",
        location="Dominican Republic",
        attributed_to="Juan Manuel Reyes",
    ),
    g(
        "about 41,000",
        41000,
        "evacuated",
        "hurricane-nadine-do-evacuated",
        q="approx",
        location="Dominican Republic",
        attributed_to="Juan Manuel Reyes",
    ),
    g(
        "2,300",
        2300,
        "homes damaged",
        "hurricane-nadine-do-homes-damaged",
        subject="Dominican Republic",
        location="Dominican Republic",
        attributed_to="Juan Manuel Reyes",
    ),
    g(
        "a quarter",
        25,
        "power restored",
        "hurricane-nadine-do-power-restored",
        unit="percent",
        location="Dominican Republic",
        attributed_to="Juan Manuel Reyes",
    ),
    g(
        "four",
        4,
        "deaths",
        "hurricane-nadine-ht-deaths",
        subject="Haiti / people",
        location="Sud department",
        attributed_to="Haiti civil protection agency",
    ),
    g(
        "11",
        11,
        "missing",
        "hurricane-nadine-ht-missing",
        subject="Haiti / people",
        location="Sud department",
        attributed_to="Haiti civil protection agency",
    ),
    g(
        "About 18,000",
        18000,
        "in shelters",
        "hurricane-nadine-ht-sheltered",
        q="approx",
        subject="Haiti / people",
        location="Haiti",
        attributed_to="Haiti civil protection agency",
    ),
    g(
        "$4 million",
        4e6,
        "emergency funds",
        "hurricane-nadine-un-funds",
        unit="currency",
        cur="USD",
        subject="United Nations",
        location="Haiti",
        attributed_to="United Nations",
    ),
    g(
        "nearly half",
        50,
        "in need of aid",
        "ht-humanitarian-need-share",
        q="approx",
        unit="percent",
        subject="Haiti / people",
        location="Haiti",
        attributed_to="United Nations",
    ),
    g(
        "11.7 million",
        11.7e6,
        "population",
        "ht-population",
        subject="Haiti / people",
        location="Haiti",
        attributed_to="United Nations",
    ),
    g(
        "6,500",
        6500,
        "tourists sheltering",
        "hurricane-nadine-do-tourists-sheltering",
        subject="Dominican Republic / tourists",
        location="Punta Cana and La Romana",
        attributed_to="Dominican Republic tourism officials",
    ),
    g(
        "about 60%",
        60,
        "share of tourist arrivals",
        "do-punta-cana-airport-share",
        q="approx",
        unit="percent",
        subject="Punta Cana airport",
        location="Punta Cana",
        attributed_to="Dominican Republic tourism officials",
    ),
]

# ---------------------------------------------------------------- 12. Mine accident (Colombia)
a = article(
    "reuters-20251104-colombia-mine",
    "reuters",
    "2025-11-04T20:05:00Z",
    "Colombia coal mine blast kills 11, 6 miners still trapped",
    """
BOGOTA, Nov 4 (Reuters) - An explosion at an underground coal mine in central Colombia killed 11 miners on Tuesday, and rescuers were trying to reach six others trapped about 500 metres below the surface, the national mining agency said.

The blast, believed to have been caused by a build-up of methane gas, happened at around 7 a.m. in the municipality of Sutatausa in Cundinamarca province, about 80 km (50 miles) north of Bogota, the agency said in a statement.

Twenty-four miners were working in the shaft at the time. Seven of them managed to get out on their own and were taken to hospital, two with severe burns, Cundinamarca governor Andres Velandia told local radio station Caracol Radio.

"We have 70 rescuers working in shifts, but the levels of gas are very high and we have to move carefully," the governor said.

The national mining agency, ANM, said the mine had been sanctioned twice in 2024 for safety violations. Colombia recorded 148 deaths in mining accidents last year, up 12% on 2023, according to the agency.

Mines Minister Camila Restrepo, who travelled to the site, said the families of the dead would each receive 50 million pesos ($12,800) in compensation. "No worker should die to earn a living," she said.

Most of the coal in the area is mined by small operators, many of them informal. Miners in Sutatausa earn about 2 million pesos a month, according to the local miners' union, which says it has about 1,300 members.

It was the deadliest mining accident in Colombia since March 2023, when explosions at several mines in the same municipality killed 21 workers.
""",
)
g = annotator(
    a, subject="Colombia / miners", location="Sutatausa", attributed_to="National Mining Agency", as_of="2025-11-04"
)
ANM = "National Mining Agency"
FIGURES += [
    g("11", 11, "deaths", "co-sutatausa-mine-2025-deaths"),
    g("6", 6, "trapped", "co-sutatausa-mine-2025-trapped"),
    g("11", 11, "deaths", "co-sutatausa-mine-2025-deaths"),
    g("six", 6, "trapped", "co-sutatausa-mine-2025-trapped"),
    g("about 500 metres", 500, "depth", "co-sutatausa-mine-2025-depth", q="approx", unit="distance", subject=None),
    g("about 80 km", 80, "distance", "co-sutatausa-distance-from-bogota", q="approx", unit="distance", subject=None),
    g("Twenty-four", 24, "miners", "co-sutatausa-mine-2025-miners-on-shift", attributed_to=None),
    g("Seven", 7, "hospitalised", "co-sutatausa-mine-2025-hospitalised", attributed_to="Andres Velandia"),
    g("two", 2, "seriously injured", "co-sutatausa-mine-2025-seriously-injured", attributed_to="Andres Velandia"),
    g(
        "70",
        70,
        "rescuers deployed",
        "co-sutatausa-mine-2025-rescuers",
        subject="Colombia / rescuers",
        attributed_to="Andres Velandia",
    ),
    g(
        "148",
        148,
        "deaths",
        "co-mining-deaths-2024",
        location="Colombia",
        attributed_to=ANM,
        as_of="2024",
        scope="period",
        period="2024",
    ),
    g(
        "12%",
        12,
        "deaths",
        "co-mining-deaths-2024-change",
        unit="percent",
        location="Colombia",
        attributed_to=ANM,
        as_of="2024",
        scope="period",
        period="2024",
        change="up",
    ),
    g(
        "50 million pesos",
        50e6,
        "compensation",
        "co-sutatausa-mine-2025-compensation",
        unit="currency",
        cur="COP",
        subject="Colombia / government",
        attributed_to="Camila Restrepo",
    ),
    g(
        "about 2 million pesos",
        2e6,
        "salary",
        "co-sutatausa-miner-monthly-pay",
        q="approx",
        unit="currency",
        cur="COP",
        attributed_to="Sutatausa miners' union",
    ),
    g(
        "about 1,300",
        1300,
        "members",
        "co-sutatausa-miners-union-members",
        q="approx",
        subject="Sutatausa miners' union",
        attributed_to="Sutatausa miners' union",
    ),
    g("21", 21, "deaths", "co-sutatausa-mine-2023-deaths", attributed_to=None, as_of="2023-03"),
]

# ---------------------------------------------------------------- 13. Refugee crisis (Sudan -> Chad)
a = article(
    "afp-20250630-chad-refugees",
    "afp",
    "2025-06-30T09:45:00Z",
    "UNHCR says 850,000 Sudanese refugees now in Chad as arrivals surge",
    """
ADRE, Chad (AFP) - More than 850,000 Sudanese refugees have crossed into eastern Chad since the war in Sudan began in April 2023, including about 68,000 in the past month alone, the UN refugee agency UNHCR said on Monday.

UNHCR's representative in Chad, Magatte Guisse, told AFP that up to 2,000 people a day were arriving at the Adre border crossing, most of them women and children fleeing attacks around el-Fasher. "The camps are already at 150 per cent of capacity," she said.

The agency said 88% of new arrivals were women and children and that nearly one in three children screened at the border was acutely malnourished.

Chad, one of the world's poorest countries, was already hosting more than 400,000 refugees before the latest war, mostly from earlier conflicts in Darfur. Its population is about 19 million.

UNHCR said its 2025 appeal for Chad of $409 million was only 14% funded, forcing it to cut food rations by half in some camps. The World Food Programme said it needed $120 million to keep feeding refugees until the end of the year.

A refugee from el-Fasher, 29-year-old Hawa Adam, said she had walked for nine days with her four children. "We ate leaves on the road. Two people in our group died," she said.

Doctors Without Borders said it had treated 3,200 children for malnutrition at its clinic in Adre since January, compared with 1,900 in the same period last year.

Across the region, more than 12 million Sudanese have been displaced, around 4 million of them abroad, making it the world's largest displacement crisis, according to the UN.
""",
)
UNHCR = "UNHCR"
g = annotator(
    a, subject="Sudan / refugees", location="Chad", attributed_to=UNHCR, as_of="2025-06-30", scope="cumulative"
)
FIGURES += [
    g("850,000", 850000, "refugees", "td-sudanese-refugees-cum"),
    g("More than 850,000", 850000, "refugees", "td-sudanese-refugees-cum", q="more_than"),
    g(
        "about 68,000",
        68000,
        "refugees",
        "td-sudanese-refugees-month",
        q="approx",
        scope="period",
        period="past month",
        as_of="2025-06",
    ),
    g(
        "up to 2,000",
        2000,
        "refugees",
        "td-adre-daily-arrivals",
        q="at_most",
        location="Adre",
        attributed_to="Magatte Guisse",
        scope="period",
        period="a day",
    ),
    g(
        "150 per cent",
        150,
        "camp occupancy",
        "td-refugee-camp-occupancy",
        unit="percent",
        subject="Chad / refugee camps",
        attributed_to="Magatte Guisse",
        scope="point",
    ),
    g(
        "88%",
        88,
        "share of women and children",
        "td-refugee-arrivals-women-children-share",
        unit="percent",
        scope="point",
    ),
    g(
        "nearly one in three",
        33.3,
        "acutely malnourished",
        "td-refugee-children-malnutrition-share",
        q="approx",
        unit="percent",
        subject="Sudan / refugee children",
        location="Adre",
        scope="point",
    ),
    g(
        "more than 400,000",
        400000,
        "refugees",
        "td-refugees-pre-2023",
        q="more_than",
        subject="Chad / refugees",
        attributed_to=None,
        as_of="2023-04",
        scope="point",
    ),
    g(
        "about 19 million",
        19e6,
        "population",
        "td-population",
        q="approx",
        subject="Chad / people",
        attributed_to=None,
        scope="point",
    ),
    g(
        "$409 million",
        409e6,
        "funding appeal",
        "td-unhcr-appeal-2025",
        unit="currency",
        cur="USD",
        subject=UNHCR,
        as_of="2025",
        scope="period",
        period="2025",
    ),
    g(
        "14%",
        14,
        "funding received",
        "td-unhcr-appeal-2025-funded-share",
        unit="percent",
        subject=UNHCR,
        as_of="2025-06-30",
        scope="point",
    ),
    g(
        "by half",
        50,
        "food rations",
        "td-refugee-food-ration-cut",
        unit="percent",
        subject="Sudan / refugees",
        change="down",
        scope="point",
    ),
    g(
        "$120 million",
        120e6,
        "funding needed",
        "td-wfp-funding-need-2025",
        unit="currency",
        cur="USD",
        subject="World Food Programme",
        attributed_to="World Food Programme",
        scope="point",
    ),
    g("four", 4, "children", "td-refugee-hawa-adam-children", subject="Hawa Adam", attributed_to=None, scope="point"),
    g(
        "Two",
        2,
        "deaths",
        "td-refugee-hawa-adam-group-deaths",
        subject="Sudan / refugees",
        attributed_to="Hawa Adam",
        scope="point",
    ),
    g(
        "3,200",
        3200,
        "children treated",
        "td-adre-msf-malnutrition-2025",
        subject="Sudan / refugee children",
        location="Adre",
        attributed_to="Doctors Without Borders",
        scope="period",
        period="since January 2025",
    ),
    g(
        "1,900",
        1900,
        "children treated",
        "td-adre-msf-malnutrition-2024",
        subject="Sudan / refugee children",
        location="Adre",
        attributed_to="Doctors Without Borders",
        as_of="2024",
        scope="period",
        period="January-June 2024",
    ),
    g(
        "more than 12 million",
        12e6,
        "displaced",
        "sd-war-displaced-cum",
        q="more_than",
        subject="Sudan / people",
        location="Sudan",
        attributed_to="United Nations",
    ),
    g(
        "around 4 million",
        4e6,
        "refugees",
        "sd-refugees-abroad-cum",
        q="approx",
        subject="Sudan / refugees",
        location=None,
        attributed_to="United Nations",
    ),
]

# ---------------------------------------------------------------- 14. Heatwave (India)
a = article(
    "bbc-20260506-india-heatwave",
    "bbc",
    "2026-05-06T11:30:00Z",
    "India heatwave: Temperatures hit 48C as heatstroke deaths rise to 56",
    """
Temperatures in parts of northern India climbed to 48C on Tuesday as a prolonged heatwave tightened its grip, with at least 56 people dying of suspected heatstroke since mid-April, officials said.

The India Meteorological Department (IMD) said the highest reading, 48.3C, was recorded in Banda in Uttar Pradesh state, 5.8C above normal for the time of year. The capital Delhi recorded 46.1C, its hottest May day since 2024.

Health ministry data showed 56 confirmed or suspected heatstroke deaths and more than 7,400 suspected cases of heat illness across the country since 15 April. Rajasthan was the worst-hit state with 19 deaths.

"Hospitals have been told to keep beds ready and stock up on ice packs and intravenous fluids," Health Minister Sunita Rao told reporters in Delhi. She said about 3,500 heat-related emergency admissions had been reported in the past week alone.

Electricity demand hit a record 256 gigawatts on Monday afternoon as air conditioners ran at full blast, the power ministry said, up nearly 9% from the peak last summer. Several cities reported power cuts lasting up to eight hours.

In Delhi, the city government ordered schools to close early for the summer holidays and asked construction sites to halt work between noon and 4 p.m. Night-time temperatures stayed above 30C, giving little relief.

The IMD said the heatwave would persist for at least five more days and forecast that temperatures could rise another 1 to 2C in some areas before pre-monsoon showers arrive.

Scientists say climate change is making heatwaves in South Asia longer, more frequent and more intense. A study last year found that extreme heat had cost India about 1.1% of its GDP in 2024.

Street vendor Ramesh Kumar, 41, said he had lost half his earnings this month. "Nobody comes out in the afternoon," he said.
""",
)
IMD = "India Meteorological Department"
g = annotator(a, subject=None, location="northern India", attributed_to=IMD, as_of="2026-05-05")
FIGURES += [
    g("48C", 48, "temperature", "in-heatwave-2026-max-temperature", unit="temperature", attributed_to=None),
    g(
        "56",
        56,
        "deaths",
        "in-heatwave-2026-deaths",
        subject="India / people",
        location="India",
        attributed_to="India health ministry",
        as_of="2026-05-06",
        scope="cumulative",
    ),
    g("48C", 48, "temperature", "in-heatwave-2026-max-temperature", unit="temperature", attributed_to=None),
    g(
        "at least 56",
        56,
        "deaths",
        "in-heatwave-2026-deaths",
        q="at_least",
        subject="India / people",
        location="India",
        attributed_to=None,
        as_of="2026-05-06",
        scope="cumulative",
    ),
    g("48.3C", 48.3, "temperature", "in-heatwave-2026-max-temperature", unit="temperature", location="Banda"),
    g(
        "5.8C",
        5.8,
        "temperature anomaly",
        "in-banda-temperature-anomaly",
        unit="temperature",
        location="Banda",
        change="up",
    ),
    g("46.1C", 46.1, "temperature", "in-delhi-temperature", unit="temperature", location="Delhi"),
    g(
        "56",
        56,
        "deaths",
        "in-heatwave-2026-deaths",
        subject="India / people",
        location="India",
        attributed_to="India health ministry",
        as_of="2026-05-06",
        scope="cumulative",
    ),
    g(
        "more than 7,400",
        7400,
        "cases",
        "in-heatwave-2026-heat-illness-cases",
        q="more_than",
        subject="India / people",
        location="India",
        attributed_to="India health ministry",
        as_of="2026-05-06",
        scope="cumulative",
    ),
    g(
        "19",
        19,
        "deaths",
        "in-heatwave-2026-rajasthan-deaths",
        subject="India / people",
        location="Rajasthan",
        attributed_to="India health ministry",
        as_of="2026-05-06",
        scope="cumulative",
    ),
    g(
        "about 3,500",
        3500,
        "hospitalised",
        "in-heatwave-2026-admissions-week",
        q="approx",
        subject="India / people",
        location="India",
        attributed_to="Sunita Rao",
        as_of="2026-05",
        scope="period",
        period="past week",
    ),
    g(
        "256 gigawatts",
        256,
        "electricity demand",
        "in-peak-power-demand",
        unit="other",
        subject="India / power grid",
        location="India",
        attributed_to="India power ministry",
        as_of="2026-05-04",
    ),
    g(
        "nearly 9%",
        9,
        "electricity demand",
        "in-peak-power-demand-change",
        q="approx",
        unit="percent",
        subject="India / power grid",
        location="India",
        attributed_to="India power ministry",
        as_of="2026-05-04",
        change="up",
    ),
    g(
        "above 30C",
        30,
        "temperature",
        "in-delhi-night-temperature",
        q="more_than",
        unit="temperature",
        location="Delhi",
        attributed_to=None,
    ),
    g(
        "1 to 2C",
        1,
        "temperature",
        "in-heatwave-2026-forecast-rise",
        q="range",
        low=1,
        high=2,
        unit="temperature",
        location="India",
        as_of="2026-05",
        change="up",
    ),
    g(
        "about 1.1%",
        1.1,
        "economic cost",
        "in-extreme-heat-cost-2024",
        q="approx",
        unit="percent",
        subject="India / economy",
        location="India",
        attributed_to=None,
        as_of="2024",
        scope="period",
        period="2024",
    ),
    g(
        "half",
        50,
        "earnings",
        "in-vendor-earnings-loss",
        unit="percent",
        subject="Ramesh Kumar",
        location="Delhi",
        attributed_to="Ramesh Kumar",
        as_of="2026-05",
        scope="period",
        period="this month",
        change="down",
    ),
]

# ---------------------------------------------------------------- 15. Bridge collapse (Vietnam)
a = article(
    "dpa-20260114-vietnam-bridge",
    "dpa",
    "2026-01-14T08:15:00Z",
    "Bridge collapse in northern Vietnam kills 7, 13 missing",
    """
HANOI (dpa) - A 375-metre road bridge over the Red River in northern Vietnam collapsed on Tuesday evening, sending a bus, two trucks and at least 10 motorbikes into the water, killing seven people, state media reported on Wednesday.

Thirteen people were still missing and 22 had been rescued, the provincial government of Lao Cai said, adding that divers were searching in currents of up to 3 metres per second.

The bridge, built in 1998, gave way at about 6:40 p.m. local time after days of heavy rain, according to the state news agency VNA. Video shared on social media showed a section of roughly 120 metres falling into the river.

Deputy Prime Minister Nguyen Van Thanh, who flew to the site, ordered an inspection of all 1,250 bridges in the province and said those responsible would be punished. "This is a tragedy that should never have happened," he said.

Transport ministry official Le Minh Quang said the bridge had been rated "weak" in an inspection in 2023 and that a load limit of 13 tonnes had been imposed, but that the bus weighed nearly 16 tonnes. Repairs budgeted at 45 billion dong ($1.7 million) had been scheduled to begin in March.

The bus, which was carrying 31 passengers on the route between Lao Cai and Hanoi, was recovered on Wednesday morning. Eighteen of its passengers had been rescued, VNA said.

Vietnam has about 8,000 bridges that are more than 30 years old, according to the transport ministry, which has asked for 12 trillion dong to repair or replace them by 2030.

Families waited on the riverbank through the night. A 56-year-old woman said her son, a truck driver, had called her minutes before the collapse.
""",
)
g = annotator(
    a, subject="Vietnam / people", location="Lao Cai", attributed_to="Lao Cai provincial government", as_of="2026-01-14"
)
FIGURES += [
    g("7", 7, "deaths", "vn-laocai-bridge-2026-deaths", attributed_to=None),
    g("13", 13, "missing", "vn-laocai-bridge-2026-missing", attributed_to=None),
    g("375-metre", 375, "bridge length", "vn-laocai-bridge-length", unit="distance", subject=None, attributed_to=None),
    g(
        "two",
        2,
        "vehicles",
        "vn-laocai-bridge-2026-trucks",
        subject=None,
        attributed_to="state media",
        as_of="2026-01-13",
    ),
    g(
        "at least 10",
        10,
        "vehicles",
        "vn-laocai-bridge-2026-motorbikes",
        q="at_least",
        subject=None,
        attributed_to="state media",
        as_of="2026-01-13",
    ),
    g("seven", 7, "deaths", "vn-laocai-bridge-2026-deaths", attributed_to="state media"),
    g("Thirteen", 13, "missing", "vn-laocai-bridge-2026-missing"),
    g("22", 22, "rescued", "vn-laocai-bridge-2026-rescued"),
    g("up to 3 metres per second", 3, "current speed", "vn-red-river-current", q="at_most", unit="other", subject=None),
    g(
        "roughly 120 metres",
        120,
        "collapsed length",
        "vn-laocai-bridge-2026-collapsed-section",
        q="approx",
        unit="distance",
        subject=None,
        attributed_to=None,
        as_of="2026-01-13",
    ),
    g("1,250", 1250, "bridges", "vn-laocai-bridges", subject="Vietnam / bridges", attributed_to="Nguyen Van Thanh"),
    g(
        "13 tonnes",
        13,
        "load limit",
        "vn-laocai-bridge-load-limit",
        unit="other",
        subject=None,
        attributed_to="Le Minh Quang",
    ),
    g(
        "nearly 16 tonnes",
        16,
        "vehicle weight",
        "vn-laocai-bridge-2026-bus-weight",
        q="approx",
        unit="other",
        subject=None,
        attributed_to="Le Minh Quang",
    ),
    g(
        "45 billion dong",
        45e9,
        "repair budget",
        "vn-laocai-bridge-repair-budget",
        unit="currency",
        cur="VND",
        subject="Vietnam / government",
        attributed_to="Le Minh Quang",
    ),
    g("31", 31, "passengers", "vn-laocai-bridge-2026-bus-passengers", attributed_to=None, as_of="2026-01-13"),
    g("Eighteen", 18, "rescued", "vn-laocai-bridge-2026-bus-rescued", attributed_to="VNA"),
    g(
        "about 8,000",
        8000,
        "bridges",
        "vn-old-bridges",
        q="approx",
        subject="Vietnam / bridges",
        location="Vietnam",
        attributed_to="Vietnam transport ministry",
    ),
    g(
        "12 trillion dong",
        12e12,
        "repair budget",
        "vn-bridge-repair-budget-2030",
        unit="currency",
        cur="VND",
        subject="Vietnam / government",
        location="Vietnam",
        attributed_to="Vietnam transport ministry",
    ),
]

# ---------------------------------------------------------------- 16. Central bank rate decision (Poland)
a = article(
    "reuters-20260319-poland-rates",
    "reuters",
    "2026-03-19T14:20:00Z",
    "Poland's central bank cuts rates by 25 bps to 4.25% as inflation eases",
    """
WARSAW, March 19 (Reuters) - Poland's central bank cut its main interest rate by 25 basis points to 4.25% on Thursday, its third cut in six months, as inflation fell back towards target, and signalled there was room for further reductions this year.

Twelve of 14 economists polled by Reuters had expected the cut. The zloty was little changed at 4.21 per euro after the decision.

Annual consumer price inflation slowed to 2.9% in February from 3.4% in January, the statistics office said last week, within the central bank's tolerance band of 1.5% to 3.5% around its 2.5% target.

"Inflation is now firmly under control," central bank governor Tomasz Wieczorek told a news conference. He said the bank expected inflation to average 2.7% this year and economic growth of about 3.4%.

The bank has cut rates by a total of 150 basis points since May 2025, when its reference rate stood at 5.75%.

Wieczorek said wage growth, which was 6.8% in February, remained a risk. Unemployment stood at a record low of 2.8%, according to Eurostat.

The government is running a budget deficit of around 6.5% of GDP, one of the highest in the European Union, and the European Commission has placed Poland under an excessive deficit procedure.

Economists at ING said they expected the rate to fall to 3.75% by the end of the year. "The door is open for a further 50 basis points of easing," said Marta Zielinska, an economist at the bank.

The next rate-setting meeting is scheduled for April 8.
""",
)
NBP = "Tomasz Wieczorek"
g = annotator(a, subject="Poland / central bank", location="Poland", attributed_to=NBP, as_of="2026-03-19")
FIGURES += [
    g("25 bps", 25, "interest rate", "pl-rate-change-2026-03", unit="other", change="down", attributed_to=None),
    g("4.25%", 4.25, "interest rate", "pl-reference-rate", unit="percent", attributed_to=None),
    g(
        "25 basis points",
        25,
        "interest rate",
        "pl-rate-change-2026-03",
        unit="other",
        change="down",
        attributed_to=None,
    ),
    g("4.25%", 4.25, "interest rate", "pl-reference-rate", unit="percent", attributed_to=None),
    g(
        "Twelve",
        12,
        "economists expecting cut",
        "pl-rate-poll-2026-03",
        subject="Reuters poll / economists",
        attributed_to="Reuters",
    ),
    g(
        "14",
        14,
        "economists polled",
        "pl-rate-poll-2026-03-size",
        subject="Reuters poll / economists",
        attributed_to="Reuters",
    ),
    g("4.21", 4.21, "exchange rate", "pl-zloty-eur", unit="other", subject="Poland / zloty", attributed_to=None),
    g(
        "2.9%",
        2.9,
        "inflation",
        "pl-inflation",
        unit="percent",
        subject="Poland / economy",
        attributed_to="Poland statistics office",
        as_of="2026-02",
    ),
    g(
        "3.4%",
        3.4,
        "inflation",
        "pl-inflation",
        unit="percent",
        subject="Poland / economy",
        attributed_to="Poland statistics office",
        as_of="2026-01",
    ),
    g(
        "1.5% to 3.5%",
        1.5,
        "inflation target band",
        "pl-inflation-tolerance-band",
        q="range",
        low=1.5,
        high=3.5,
        unit="percent",
        attributed_to=None,
    ),
    g("2.5%", 2.5, "inflation target", "pl-inflation-target", unit="percent", attributed_to=None),
    g(
        "2.7%",
        2.7,
        "inflation",
        "pl-inflation-forecast-2026",
        unit="percent",
        subject="Poland / economy",
        as_of="2026",
        scope="period",
        period="2026",
    ),
    g(
        "about 3.4%",
        3.4,
        "growth",
        "pl-growth-forecast-2026",
        q="approx",
        unit="percent",
        subject="Poland / economy",
        as_of="2026",
        scope="period",
        period="2026",
    ),
    g(
        "150 basis points",
        150,
        "interest rate",
        "pl-rate-cuts-since-2025-05",
        unit="other",
        change="down",
        attributed_to=None,
        scope="cumulative",
    ),
    g("5.75%", 5.75, "interest rate", "pl-reference-rate", unit="percent", attributed_to=None, as_of="2025-05"),
    g(
        "6.8%",
        6.8,
        "wage growth",
        "pl-wage-growth",
        unit="percent",
        subject="Poland / economy",
        as_of="2026-02",
        attributed_to=NBP,
    ),
    g(
        "2.8%",
        2.8,
        "unemployment",
        "pl-unemployment",
        unit="percent",
        subject="Poland / economy",
        attributed_to="Eurostat",
    ),
    g(
        "around 6.5%",
        6.5,
        "deficit",
        "pl-budget-deficit",
        q="approx",
        unit="percent",
        subject="Poland / government",
        attributed_to=None,
    ),
    g(
        "3.75%",
        3.75,
        "interest rate",
        "pl-reference-rate-forecast-2026-end",
        unit="percent",
        attributed_to="ING",
        as_of="2026-12",
    ),
    g(
        "50 basis points",
        50,
        "interest rate",
        "pl-further-easing-forecast",
        unit="other",
        change="down",
        attributed_to="Marta Zielinska",
        as_of="2026",
    ),
]

# ---------------------------------------------------------------- 17. Train crash (Egypt)
a = article(
    "ap-20260127-egypt-train-crash",
    "ap",
    "2026-01-27T13:50:00Z",
    "Egypt train collision kills 18, injures more than 60",
    """
CAIRO (AP) - A passenger train rammed into another in Egypt's southern province of Sohag on Tuesday, killing 18 people and injuring more than 60 others, the Health Ministry said.

The crash happened at 11:20 a.m. when a train traveling from Aswan to Cairo struck the rear of a stationary train near the town of Tahta, derailing three carriages, the state-run railway authority said. Some of the injured were in critical condition, and the death toll could rise, officials said.

Health Ministry spokesman Hossam Abdel-Ghaffar said 64 people had been taken to hospitals in Sohag and Assiut, including a dozen children. He said 45 ambulances had been sent to the scene.

Transport Minister Karim Farouk said an investigation had been opened and that the driver of the moving train and two signal operators had been detained. The train was traveling at about 90 kilometers per hour, well above the 60 kph limit for that section, he said.

The families of those killed will receive 200,000 Egyptian pounds each and the injured between 20,000 and 50,000 pounds, depending on their injuries, the Social Solidarity Ministry said.

Egypt's railway network, one of the oldest in Africa, carries about 1.4 million passengers a day. The government says it has spent 225 billion pounds upgrading it since 2014, but crashes remain frequent.

In March 2021, a train collision in Sohag killed 32 people and injured 165. In October 2024, 4 people were killed when trains collided in Minya province.

Relatives gathered outside Sohag General Hospital, where a list of names was posted on the gates. "My brother called me at 11 and said he was almost home," said Mahmoud Sayed, 33.
""",
)
g = annotator(
    a, subject="Egypt / people", location="Sohag province", attributed_to="Egypt's Health Ministry", as_of="2026-01-27"
)
FIGURES += [
    g("18", 18, "deaths", "eg-sohag-train-2026-deaths", attributed_to=None),
    g("more than 60", 60, "injured", "eg-sohag-train-2026-injured", q="more_than", attributed_to=None),
    g("18", 18, "deaths", "eg-sohag-train-2026-deaths"),
    g("more than 60", 60, "injured", "eg-sohag-train-2026-injured", q="more_than"),
    g(
        "three",
        3,
        "carriages derailed",
        "eg-sohag-train-2026-carriages-derailed",
        subject=None,
        location="Tahta",
        attributed_to="Egyptian National Railways",
    ),
    g(
        "64",
        64,
        "hospitalised",
        "eg-sohag-train-2026-hospitalised",
        location="Sohag and Assiut",
        attributed_to="Hossam Abdel-Ghaffar",
    ),
    g(
        "a dozen",
        12,
        "hospitalised",
        "eg-sohag-train-2026-children-hospitalised",
        subject="Egypt / children",
        location="Sohag and Assiut",
        attributed_to="Hossam Abdel-Ghaffar",
    ),
    g(
        "45",
        45,
        "ambulances",
        "eg-sohag-train-2026-ambulances",
        subject="Egypt / health ministry",
        attributed_to="Hossam Abdel-Ghaffar",
    ),
    g(
        "two",
        2,
        "arrested",
        "eg-sohag-train-2026-detained",
        subject="Egypt / railway staff",
        attributed_to="Karim Farouk",
    ),
    g(
        "about 90 kilometers per hour",
        90,
        "speed",
        "eg-sohag-train-2026-speed",
        q="approx",
        unit="other",
        subject=None,
        attributed_to="Karim Farouk",
    ),
    g(
        "60 kph",
        60,
        "speed limit",
        "eg-sohag-track-speed-limit",
        unit="other",
        subject=None,
        attributed_to="Karim Farouk",
    ),
    g(
        "200,000 Egyptian pounds",
        200000,
        "compensation",
        "eg-sohag-train-2026-compensation-deaths",
        unit="currency",
        cur="EGP",
        subject="Egypt / government",
        attributed_to="Social Solidarity Ministry",
    ),
    g(
        "between 20,000 and 50,000 pounds",
        20000,
        "compensation",
        "eg-sohag-train-2026-compensation-injured",
        q="range",
        low=20000,
        high=50000,
        unit="currency",
        cur="EGP",
        subject="Egypt / government",
        attributed_to="Social Solidarity Ministry",
    ),
    g(
        "about 1.4 million",
        1.4e6,
        "passengers",
        "eg-railway-daily-passengers",
        q="approx",
        location="Egypt",
        attributed_to=None,
        scope="period",
        period="a day",
    ),
    g(
        "225 billion pounds",
        225e9,
        "spending",
        "eg-railway-upgrade-spending",
        unit="currency",
        cur="EGP",
        subject="Egypt / government",
        location="Egypt",
        attributed_to="Egypt's government",
        scope="cumulative",
    ),
    g("32", 32, "deaths", "eg-sohag-train-2021-deaths", attributed_to=None, as_of="2021-03"),
    g("165", 165, "injured", "eg-sohag-train-2021-injured", attributed_to=None, as_of="2021-03"),
    g("4", 4, "deaths", "eg-minya-train-2024-deaths", location="Minya province", attributed_to=None, as_of="2024-10"),
]

# ---------------------------------------------------------------- 18. Cyberattack on a hospital (UK; trust invented)
a = article(
    "bbc-20251209-hospital-cyberattack",
    "bbc",
    "2025-12-09T17:00:00Z",
    "Cyber-attack on Midlands hospitals delays 1,100 operations",
    """
A ransomware attack on a group of hospitals in the English Midlands has forced the postponement of more than 1,100 operations and 3,800 outpatient appointments over the past week, NHS England said on Tuesday.

The attack on Severn Vale NHS Foundation Trust, which runs three hospitals serving about 900,000 people, was discovered on 2 December. It knocked out pathology and imaging systems, meaning blood tests are being processed at up to a third of normal capacity, the trust said.

The trust's chief executive, Dr Helen Marsh, said staff had reverted to pen and paper. "Our teams are working incredibly hard, but patients will face delays for weeks," she said.

A criminal group calling itself Qilin-7 has claimed responsibility and says it has stolen about 400 gigabytes of data, including patient records. It has demanded a ransom of $50m (£39m), according to a post on its leak site seen by the BBC.

The National Crime Agency said it was investigating and that paying ransoms was "never advisable". The government has said NHS bodies must not pay.

Ambulances were being diverted from the trust's emergency department to neighbouring hospitals, with 214 diversions in the past seven days, West Midlands Ambulance Service said. Average waiting times at the trust's A&E rose 40% last week.

Cybersecurity firm Northgate Analytics estimated that the attack could cost the trust more than £20m, including lost activity and rebuilding its systems.

It is the second major cyber-attack on the NHS in 18 months. An attack on a pathology provider in London in June 2024 disrupted more than 10,000 appointments.

Patients are being asked to attend appointments unless contacted. A helpline has been set up on 0800 151 0151.
""",
)
g = annotator(
    a,
    subject="Severn Vale NHS Foundation Trust",
    location="English Midlands",
    attributed_to="NHS England",
    as_of="2025-12-09",
    scope="period",
    period="past week",
)
FIGURES += [
    g("1,100", 1100, "operations postponed", "uk-severn-vale-cyber-2025-operations-postponed", attributed_to=None),
    g("more than 1,100", 1100, "operations postponed", "uk-severn-vale-cyber-2025-operations-postponed", q="more_than"),
    g("3,800", 3800, "appointments postponed", "uk-severn-vale-cyber-2025-appointments-postponed"),
    g("three", 3, "hospitals", "uk-severn-vale-hospitals", attributed_to=None, scope="point", period=None),
    g(
        "about 900,000",
        900000,
        "population served",
        "uk-severn-vale-population-served",
        q="approx",
        attributed_to=None,
        scope="point",
        period=None,
    ),
    g(
        "up to a third",
        33.3,
        "pathology capacity",
        "uk-severn-vale-cyber-2025-pathology-capacity",
        q="at_most",
        unit="percent",
        attributed_to="Severn Vale NHS Foundation Trust",
        scope="point",
        period=None,
    ),
    g(
        "about 400 gigabytes",
        400,
        "data stolen",
        "uk-severn-vale-cyber-2025-data-stolen",
        q="approx",
        unit="other",
        attributed_to="Qilin-7",
        as_of="2025-12",
        scope="point",
        period=None,
    ),
    g(
        "$50m",
        50e6,
        "ransom demanded",
        "uk-severn-vale-cyber-2025-ransom",
        unit="currency",
        cur="USD",
        subject="Qilin-7",
        attributed_to="Qilin-7",
        scope="point",
        period=None,
    ),
    g(
        "214",
        214,
        "ambulance diversions",
        "uk-severn-vale-cyber-2025-ambulance-diversions",
        attributed_to="West Midlands Ambulance Service",
        period="past seven days",
    ),
    g(
        "40%",
        40,
        "waiting times",
        "uk-severn-vale-ae-waiting-time-change",
        unit="percent",
        attributed_to=None,
        period="last week",
        change="up",
    ),
    g(
        "more than £20m",
        20e6,
        "cost",
        "uk-severn-vale-cyber-2025-cost",
        q="more_than",
        unit="currency",
        cur="GBP",
        attributed_to="Northgate Analytics",
        scope="point",
        period=None,
    ),
    g(
        "more than 10,000",
        10000,
        "appointments postponed",
        "uk-london-pathology-cyber-2024-appointments",
        q="more_than",
        subject="NHS / London",
        location="London",
        attributed_to=None,
        as_of="2024-06",
        scope="point",
        period=None,
    ),
]

# ---------------------------------------------------------------- 19. Migrant boat sinking (Lampedusa)
a = article(
    "afp-20260421-lampedusa-shipwreck",
    "afp",
    "2026-04-21T10:30:00Z",
    "At least 27 migrants dead after boat sinks off Lampedusa",
    """
ROME (AFP) - At least 27 migrants drowned when their boat capsized off the Italian island of Lampedusa early on Tuesday, and dozens more were missing, the Italian coastguard said.

The coastguard said it had rescued 46 people, including eight children, from the water about 20 nautical miles south of the island after receiving a distress call at 3:15 a.m. The 12-metre fishing boat had left Sfax in Tunisia on Sunday night with between 70 and 80 people on board, survivors told rescuers.

"The sea was very rough, with waves of up to 2 metres," coastguard commander Marco Bellini told AFP. "We pulled out everyone we could see." He said searches for about 25 missing people would continue with two patrol boats and a helicopter.

The International Organization for Migration (IOM) said at least 1,150 people had died or gone missing in the central Mediterranean since the start of the year, up from 920 in the same period of 2025, making it the world's deadliest migration route.

More than 21,000 migrants have reached Italy by sea so far this year, according to interior ministry data, down 12% compared with the same period last year. Tunisian authorities say they have intercepted about 18,000 people trying to leave since January.

Survivors, mostly from Guinea, Ivory Coast and Sudan, were taken to the island's reception centre, which has capacity for 640 people but was holding nearly 1,300 on Tuesday, the Italian Red Cross said.

Lampedusa's mayor, Giovanni Russo, called for a "real European response". "We are a small island of 6,000 people and we cannot be left alone," he said.

Each survivor paid smugglers between 1,500 and 2,500 euros for the crossing, the coastguard said, citing initial interviews.
""",
)
g = annotator(a, subject="migrants", location="Lampedusa", attributed_to="Italian coastguard", as_of="2026-04-21")
FIGURES += [
    g("At least 27", 27, "deaths", "it-lampedusa-shipwreck-2026-04-deaths", q="at_least", attributed_to=None),
    g("At least 27", 27, "deaths", "it-lampedusa-shipwreck-2026-04-deaths", q="at_least"),
    g("46", 46, "rescued", "it-lampedusa-shipwreck-2026-04-rescued"),
    g("eight", 8, "rescued", "it-lampedusa-shipwreck-2026-04-children-rescued", subject="migrants / children"),
    g(
        "about 20 nautical miles",
        20,
        "distance",
        "it-lampedusa-shipwreck-2026-04-distance",
        q="approx",
        unit="distance",
        subject=None,
    ),
    g(
        "between 70 and 80",
        70,
        "passengers",
        "it-lampedusa-shipwreck-2026-04-on-board",
        q="range",
        low=70,
        high=80,
        attributed_to="survivors",
        as_of="2026-04-19",
    ),
    g(
        "up to 2 metres",
        2,
        "wave height",
        "it-lampedusa-wave-height",
        q="at_most",
        unit="distance",
        subject=None,
        attributed_to="Marco Bellini",
    ),
    g("about 25", 25, "missing", "it-lampedusa-shipwreck-2026-04-missing", q="approx", attributed_to="Marco Bellini"),
    g(
        "two",
        2,
        "patrol boats",
        "it-lampedusa-shipwreck-2026-04-patrol-boats",
        subject="Italy / coastguard",
        attributed_to="Marco Bellini",
    ),
    g(
        "at least 1,150",
        1150,
        "dead or missing",
        "central-med-migrant-deaths-2026",
        q="at_least",
        location="central Mediterranean",
        attributed_to="International Organization for Migration",
        as_of="2026",
        scope="period",
        period="2026",
    ),
    g(
        "920",
        920,
        "dead or missing",
        "central-med-migrant-deaths-2025-ytd",
        location="central Mediterranean",
        attributed_to="International Organization for Migration",
        as_of="2025",
        scope="period",
        period="January-April 2025",
    ),
    g(
        "More than 21,000",
        21000,
        "arrivals",
        "it-sea-arrivals-2026",
        q="more_than",
        location="Italy",
        attributed_to="Italy's interior ministry",
        as_of="2026",
        scope="period",
        period="2026",
    ),
    g(
        "12%",
        12,
        "arrivals",
        "it-sea-arrivals-2026-change",
        unit="percent",
        location="Italy",
        attributed_to="Italy's interior ministry",
        as_of="2026",
        scope="period",
        period="2026",
        change="down",
    ),
    g(
        "about 18,000",
        18000,
        "intercepted",
        "tn-migrant-interceptions-2026",
        q="approx",
        location="Tunisia",
        attributed_to="Tunisian authorities",
        as_of="2026",
        scope="period",
        period="2026",
    ),
    g(
        "640",
        640,
        "capacity",
        "it-lampedusa-reception-centre-capacity",
        subject="Lampedusa reception centre",
        attributed_to="Italian Red Cross",
    ),
    g(
        "nearly 1,300",
        1300,
        "in shelters",
        "it-lampedusa-reception-centre-occupancy",
        q="approx",
        attributed_to="Italian Red Cross",
    ),
    g(
        "6,000",
        6000,
        "population",
        "it-lampedusa-population",
        subject="Lampedusa / people",
        attributed_to="Giovanni Russo",
    ),
    g(
        "between 1,500 and 2,500 euros",
        1500,
        "smuggling fee",
        "it-lampedusa-shipwreck-2026-04-smuggling-fee",
        q="range",
        low=1500,
        high=2500,
        unit="currency",
        cur="EUR",
        as_of="2026-04-19",
    ),
]


def main() -> None:
    from pipeline.schemas import validate

    for message in ARTICLES:
        validate("articles", message)
    write_jsonl(GOLD / "composed.articles.jsonl", ARTICLES)
    write_jsonl(GOLD / "composed.figures.jsonl", FIGURES)
    print(f"wrote {len(ARTICLES)} articles and {len(FIGURES)} figures")


if __name__ == "__main__":
    main()
