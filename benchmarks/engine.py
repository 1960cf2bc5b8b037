"""Rule engine: articles/s and MB/s of ``Engine.scan``, against the matching floor (the baseline).

The floor is one raw pyahocorasick ``iter()`` pass per article over the article's already
normalised, lower-cased text, with an automaton built from exactly the engine's patterns. It is
what matching alone costs; the ratio says how much of the engine's time is that matching.

Two generated corpora (deterministic), each of 10,000 articles of about 2 KB, are measured in one
run, each with its own floor over the same texts:

- **news mix** (``news_corpus``, seed 8), the headline figure. It is shaped like a general
  international news feed, where most articles trigger nothing:

  - 80% of articles have no trigger sentence. They are ordinary news (economy, politics, sport,
    culture, science, weather) full of country names, demonyms and capitals, and about one sentence
    in eight is a look-alike: words the rules know in a harmless sense ("fans massed outside the
    stadium", "investors withdrew $2bn", "Shoot to Kill" at the box office, Georgia's governor,
    Michael Jordan, a troops' parade, a product recall), some of which the engine still reports as
    non-alerting signals (a denial, a hypothesis, history).
  - 15% have exactly one trigger sentence (in the title for a third of them), 5% have two to four.
  - Trigger sentences include the engine's non-alerting kinds (denied, hypothetical, called for).
  - Half the articles use typographic punctuation (curly quotes, apostrophes, em dashes), as many
    publishers do; names keep their own spelling (Türkiye, Côte d'Ivoire, São Tomé), and one article
    in twenty has a sentence in another script or language.

  Why these shares: the real feeds in ``../shared/data/feeds`` (BBC, CNN, NYT, Reuters and Guardian
  world and home pages, 305 items of title and summary, ~280 characters each) give 88% items with
  no signal at all, 9% with one trigger and 3% with two, and 39% of items carry non-ASCII
  punctuation. A full 2 KB article has several times the text of a summary, so its chance of a
  trigger sentence is higher: 80/15/5 leans to the busy side of those figures, and world-news feeds
  are themselves the busiest sections. The shares were set from those feeds before any timing.

- **stress** (``corpus``, seed 7), kept as a worst case: trigger sentences in most paragraphs and
  in half the titles, about six signals per article, far more than any real feed. It mixes trigger
  sentences, near misses (sports, markets, films, history, denials), filler, many country names
  and demonyms, and some non-ASCII text (curly quotes, dashes, accents, Cyrillic).
"""

from __future__ import annotations

import os
import random
import time
from collections import deque
from collections.abc import Callable
from datetime import UTC, datetime

import ahocorasick

from rules import Article, Engine, load_engine, native
from rules.text import normalise

ARTICLES = 10_000
TARGET_BYTES = 2_000
ROUNDS = 3  # best of

PLACES = [
    "Kazakhstan", "Ukraine", "Russia", "Mali", "Georgia", "Armenia", "Azerbaijan", "Sudan",
    "South Sudan", "Niger", "Nigeria", "Peru", "Myanmar", "Iran", "Israel", "Lebanon", "Syria",
    "Ethiopia", "Somalia", "Kenya", "Venezuela", "Colombia", "Pakistan", "India", "China",
    "Taiwan", "North Korea", "Belarus", "Poland", "Serbia", "Kosovo", "Moldova", "Türkiye",
    "Côte d’Ivoire", "São Tomé and Príncipe", "Burkina Faso", "Chad", "Jordan", "Kyrgyzstan",
    "Tajikistan", "Uzbekistan", "the Democratic Republic of the Congo", "Haiti", "Bolivia",
    "Sri Lanka", "Bangladesh", "Thailand", "the Philippines", "Yemen", "Libya", "Tunisia",
]  # fmt: skip
DEMONYMS = [
    "Russian", "Ukrainian", "Kazakh", "Malian", "Georgian", "Armenian", "Azerbaijani",
    "Sudanese", "Nigerien", "Nigerian", "Peruvian", "Iranian", "Israeli", "Syrian", "Ethiopian",
    "Somali", "Kenyan", "Venezuelan", "Pakistani", "Indian", "Chinese", "Belarusian", "Polish",
    "Serbian", "Turkish", "Ivorian", "Burkinabe", "Kyrgyz", "Tajik", "Haitian", "Yemeni",
    "Libyan", "French", "American", "British", "German",
]  # fmt: skip
CAPITALS = ["Moscow", "Kyiv", "Astana", "Bamako", "Tbilisi", "Yerevan", "Baku", "Khartoum",
            "Niamey", "Lima", "Tehran", "Beirut", "Addis Ababa", "Caracas", "Beijing", "Minsk",
            "Ankara", "İstanbul", "Washington", "Paris", "the Kremlin", "Bishkek"]  # fmt: skip

TRIGGERS = [
    "{P} has massed troops and tanks near the border with {Q}, satellite images show.",
    "{D} forces were moving armour towards the {Q} frontier on Monday, officials said.",
    "The president of {P} ordered security forces to shoot to kill protesters who defy the curfew.",
    "Police in {C} fired live ammunition at demonstrators, witnesses said.",
    "Foreign peacekeepers began withdrawing from {P} on {W}, the defence ministry said.",
    "{Q} will withdraw its remaining troops from {P} by the end of the year.",
    "Thousands protested in {C} as police fired tear gas and arrested dozens.",
    "Protesters stormed the parliament building in {C} late on {W}.",
    "{P} declared a state of emergency and imposed a nationwide curfew.",
    "The government of {P} resigned after days of mass protests.",
    "Soldiers seized power in {P} and detained the president, state television said.",
    "Authorities in {P} shut down the internet and blocked messaging apps.",
    "At least {N} people were killed when shelling hit a market in eastern {P}.",
    "{P} announced the mobilisation of reservists amid rising tension with {Q}.",
    "{P} closed its border with {Q} and suspended all flights.",
    "{Q} ordered its embassy staff to leave {P} immediately.",
    "The European Union imposed new sanctions on {P} over the crackdown.",
    "{P} and {Q} agreed a ceasefire after talks mediated by {R}.",
    "Hundreds of opposition supporters were detained in {C} overnight.",
    "{D} warplanes carried out air strikes on targets in {P}, the military said.",
    "{P} threatened to impose martial law if the protests continue.",
    "{Q} deployed additional troops to its border with {P}.",
    "A regional force of {D} soldiers arrived in {P} at the government’s request.",
    "Clashes between rival militias in {P} left {N} dead — the heaviest toll this year.",
]
NEAR_MISSES = [
    "{P} beat {Q} 2-1 in a friendly match as fans massed outside the stadium.",
    "Investors withdrew $2bn from {D} equity funds last week, data showed.",
    "“Shoot to Kill” topped the box office in {P} for a third weekend.",
    "In 1968, {D} troops massed on the border with {Q}, historians recall.",
    "The ministry in {C} denied reports that troops were massing near the border.",
    "Analysts say a curfew could follow if the unrest in {P} spreads.",
    "{P}’s central bank left interest rates unchanged at {N} percent.",
    "A storm forced the evacuation of coastal towns in {P}, but no one was hurt.",
    "The {D} film festival drew record crowds to {C} this year.",
    "{Q} called on {P} to withdraw its troops, though {C} refused to do so.",
    "Michael Jordan and a group of investors visited {C} on a promotional tour.",
    "Market forces pushed the price of {D} bonds higher after the election.",
    "Sanctions on {P} could be eased if talks progress, a diplomat said.",
    "Georgia’s governor signed the state budget in Atlanta on {W}.",
    "Volunteers and aid workers gathered near the river to clear debris.",
]
FILLER = [
    "Officials said the situation remained fluid and that more information would follow.",
    "Analysts cautioned that the figures could not be independently verified.",
    "The {D} foreign minister is expected to travel to {C} next week for talks.",
    "Trade between {P} and {Q} grew by {N} percent last year, according to customs data.",
    "The statement did not say how many people were affected.",
    "Residents of {C} reported long queues at petrol stations and banks.",
    "The opposition has accused the government of mismanaging the economy.",
    "Reuters could not reach a spokesperson for the ministry for comment.",
    "Prices of bread and fuel have risen sharply since the start of the year.",
    "The UN Security Council is due to discuss the situation on {W}.",
    "Mr. Petrov, who took office in {Y}, has promised wide-ranging reforms.",
    "Local media in {P} published photographs of damaged buildings.",
    "The {D} currency fell to a record low against the dollar on {W}.",
    "Diplomats from {P}, {Q} and {R} met in {C} to discuss regional security.",
    "Встреча состоялась в Москве; участники обсудили безопасность региона.",
    "Shares in {D} mining companies rose after the announcement.",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _fill(template: str, rng: random.Random) -> str:
    p, q, r = rng.sample(PLACES, 3)
    return template.format(
        P=p,
        Q=q,
        R=r,
        D=rng.choice(DEMONYMS),
        C=rng.choice(CAPITALS),
        N=rng.randint(2, 400),
        W=rng.choice(WEEKDAYS),
        Y=rng.randint(1995, 2025),
    )


def _article(index: int, rng: random.Random, target: int) -> Article:
    title_pool = TRIGGERS if rng.random() < 0.5 else NEAR_MISSES + FILLER
    title = _fill(rng.choice(title_pool), rng).rstrip(".")
    paragraphs: list[str] = []
    size = len(title)
    triggers = rng.choice([0, 0, 1, 1, 1, 2, 2, 3])
    while size < target:
        sentences = []
        for _ in range(rng.randint(2, 4)):
            roll = rng.random()
            if triggers and roll < 0.2:
                triggers -= 1
                pool = TRIGGERS
            elif roll < 0.4:
                pool = NEAR_MISSES
            else:
                pool = FILLER
            sentences.append(_fill(rng.choice(pool), rng))
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        size += len(paragraph) + 1
    published = datetime(2026, 1, 1 + index % 28, tzinfo=UTC)
    return Article(f"bench:{index}", title, "\n".join(paragraphs), published)


def corpus(n: int = ARTICLES, seed: int = 7, target: int = TARGET_BYTES) -> list[Article]:
    """``n`` deterministic news-like articles of about ``target`` characters each."""
    rng = random.Random(seed)
    return [_article(i, rng, target) for i in range(n)]


NEWS = [
    "{P}’s economy grew {N} percent in the third quarter, faster than economists had expected.",
    "The {D} finance ministry said it would raise {N} billion in a bond sale next month.",
    "Inflation in {P} slowed for a fourth straight month, official figures showed on {W}.",
    "{D} carmakers reported higher sales in {P} and {Q} in the first half of the year.",
    "The central bank of {P} kept its main interest rate on hold, citing energy prices.",
    "Exports from {P} to {Q} rose sharply after the two countries signed a trade agreement.",
    "Tourism officials in {C} expect a record summer season after new flight routes opened.",
    "The state airline of {P} ordered {N} new aircraft in a deal worth several billion dollars.",
    "The {D} parliament approved a new pension law after a lengthy debate.",
    "The prime minister of {P} met business leaders in {C} to discuss investment.",
    "Voters in {P} go to the polls on {W} in local elections seen as a test for the ruling party.",
    "The {D} president said talks with {Q} on energy cooperation had been productive.",
    "Opposition lawmakers in {P} called for an inquiry into the cost of the new stadium.",
    "A court in {C} postponed the hearing until next month at the request of the defence.",
    "{P} beat {Q} 3-1 in their World Cup qualifier, with two goals in the second half.",
    "The {D} runner set a national record in the 10,000 metres at the meeting in {C}.",
    "Tickets for the final in {C} sold out within hours, the organisers said.",
    "The coach of the {D} national team named three new players in his squad.",
    "A new exhibition of {D} painting opens at the national museum in {C} on {W}.",
    "Scientists in {P} said a new vaccine trial had produced encouraging early results.",
    "Heavy rain is forecast for much of {P} this weekend, the weather service said.",
    "The film, shot in {P} and {Q}, will premiere at a festival in {C} next month.",
    "Researchers at a university in {C} published a study on rising sea temperatures.",
    "Farmers in {P} expect a good harvest after a wet spring, the agriculture ministry said.",
    "The {D} space agency plans to launch its first lunar probe next year.",
    "Mr. Petrov, who took office in {Y}, has promised wide-ranging reforms.",
    "The company said it would open {N} new stores in {P} and hire about 2,000 people.",
    "Officials in {C} said the new metro line would open to passengers in the spring.",
    "The {D} tech start-up raised $40m from investors in {Q} and the U.S. to expand abroad.",
    "Delegates from {P}, {Q} and {R} signed an agreement on fishing quotas in {C}.",
] + [f for f in FILLER if f.isascii() or "’" in f]
# Near misses that the engine rightly reports (as denied, hypothetical or called-for events) are
# trigger sentences here, not look-alikes.
_MODAL = ("denied reports", "could follow", "called on", "could be eased")
MODAL_TRIGGERS = [s for s in NEAR_MISSES if any(m in s for m in _MODAL)]
LOOKALIKES = [
    *(s for s in NEAR_MISSES if s not in MODAL_TRIGGERS),
    "Soldiers marched through {C} in the annual independence day parade.",
    "The company will withdraw the product from shops in {P} after a safety recall.",
    "Security was tight at the summit venue in {C} as leaders arrived.",
    "Fans of the {D} club invaded the pitch to celebrate the league title.",
    "Border crossings between {P} and {Q} were busy ahead of the holiday weekend.",
    "The minister said the reform would mobilise private investment in {P}.",
    "Police in {C} said a man had been arrested after a burglary at a jewellery shop.",
    "The {D} striker was sent off after a clash with the goalkeeper.",
]
OTHER_SCRIPT = [
    "Встреча состоялась в Москве; участники обсудили безопасность региона.",
    "Le président a reçu à l’Élysée le Premier ministre de {P}.",
    "Η κυβέρνηση ανακοίνωσε νέα μέτρα για την οικονομία.",
    "São Paulo’s mayor said the city’s budget for culture would double.",
]
NEWS_TRIGGERS = TRIGGERS + MODAL_TRIGGERS
NEWS_SHARES = ((0.80, 0), (0.15, 1), (0.05, 2))  # (share of articles, trigger sentences; 2: 2-4)
LOOKALIKE_RATE = 1 / 8  # of the sentences of an article
TYPOGRAPHIC_RATE = 0.5  # articles with curly quotes and em dashes
OTHER_SCRIPT_RATE = 0.05


def _styled(sentence: str, typographic: bool) -> str:
    if typographic:
        return sentence.replace("'", "’").replace(" - ", " — ")
    return sentence.replace("’", "'").replace("“", '"').replace("”", '"').replace(" — ", " - ")


def _news_article(index: int, rng: random.Random, target: int) -> Article:
    roll = rng.random()
    triggers = 0
    for share, count in NEWS_SHARES:
        if roll < share:
            triggers = count if count < 2 else rng.randint(2, 4)
            break
        roll -= share
    typographic = rng.random() < TYPOGRAPHIC_RATE

    def ordinary() -> str:
        pool = LOOKALIKES if rng.random() < LOOKALIKE_RATE else NEWS
        return _fill(rng.choice(pool), rng)

    in_title = triggers == 1 and rng.random() < 1 / 3
    title = _fill(rng.choice(NEWS_TRIGGERS), rng) if in_title else ordinary()
    sentences: list[str] = []
    size = len(title)
    while size < target:
        sentence = ordinary()
        sentences.append(sentence)
        size += len(sentence) + 1
    if rng.random() < OTHER_SCRIPT_RATE:
        sentences[rng.randrange(len(sentences))] = _fill(rng.choice(OTHER_SCRIPT), rng)
    for position in rng.sample(range(len(sentences)), triggers - in_title):
        sentences[position] = _fill(rng.choice(NEWS_TRIGGERS), rng)
    paragraphs: list[str] = []
    while sentences:
        take = rng.randint(2, 4)
        paragraphs.append(" ".join(_styled(s, typographic) for s in sentences[:take]))
        sentences = sentences[take:]
    published = datetime(2026, 2, 1 + index % 28, tzinfo=UTC)
    body = "\n".join(paragraphs)
    return Article(f"news:{index}", _styled(title, typographic).rstrip("."), body, published)


def news_corpus(n: int = ARTICLES, seed: int = 8, target: int = TARGET_BYTES) -> list[Article]:
    """``n`` deterministic articles of about ``target`` characters in a news feed's mix (see the
    module docstring): most trigger nothing."""
    rng = random.Random(seed)
    return [_news_article(i, rng, target) for i in range(n)]


def floor_automaton(engine: Engine) -> ahocorasick.Automaton:
    """A raw automaton over exactly the engine's (normalised) patterns."""
    automaton = ahocorasick.Automaton()
    for index, pattern in enumerate(engine.patterns):
        automaton.add_word(pattern, (index, len(pattern)))
    automaton.make_automaton()
    return automaton


def _best_of(rounds: int, *runs: Callable[[], object]) -> list[float]:
    """The best time of each run over ``rounds`` rounds, the runs taking turns within a round
    (so a machine whose speed drifts during the benchmark slows them alike)."""
    best = [float("inf")] * len(runs)
    for _ in range(rounds):
        for index, run in enumerate(runs):
            started = time.perf_counter()
            run()
            best[index] = min(best[index], time.perf_counter() - started)
    return best


def _measure(label: str, engine: Engine, articles: list[Article]) -> None:
    megabytes = sum(len(a.title.encode()) + len(a.text.encode()) for a in articles) / 1e6
    texts = [normalise(f"{a.title}\n{a.text}", keep_newlines=True) for a in articles]
    automaton = floor_automaton(engine)
    scan = engine.scan

    def full() -> None:
        for article in articles:
            scan(article)

    def floor() -> None:
        consume = deque(maxlen=0).extend
        for text in texts:
            consume(automaton.iter(text))

    found = [len(scan(a)) for a in articles]  # warm-up, and sanity figures
    full_time, floor_time = _best_of(ROUNDS, full, floor)
    n = len(articles)
    quiet = sum(1 for count in found if count == 0)
    print(
        f"{label}: {n} articles, {megabytes:.1f} MB ({megabytes * 1e6 / n:.0f} B/article), "
        f"{sum(found)} signals ({sum(found) / n:.2f}/article, {100 * quiet / n:.0f}% of articles "
        "with none)"
    )
    print(
        f"{label}: engine {n / full_time:.0f} articles/s, {megabytes / full_time:.1f} MB/s; "
        f"floor {n / floor_time:.0f} articles/s, {megabytes / floor_time:.1f} MB/s; "
        f"ratio {100 * floor_time / full_time:.1f}%"
    )


async def main() -> None:
    """Print the engine's throughput beside the matching floor measured in the same run, on the
    news mix and on the trigger-heavy stress corpus."""
    engine = load_engine().engine
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"{len(engine.patterns)} patterns; one thread, {cpus} CPUs available, best of {ROUNDS}")
    print(f"engine: {native.MODE}")
    _measure("news mix", engine, news_corpus())
    _measure("stress", engine, corpus())
