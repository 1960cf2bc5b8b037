"""Rule engine: articles/s and MB/s of ``Engine.scan``, against the matching floor (the baseline).

The floor is one raw pyahocorasick ``iter()`` pass per article over the article's already
normalised, lower-cased text, with an automaton built from exactly the engine's patterns. It is
what matching alone costs; the ratio says how much of the engine's time is that matching.

The corpus is generated (deterministic, seed 7): about 2 KB news-like articles mixing sentences
that fire triggers, near misses (sports, markets, films, history, denials), filler, many country
names and demonyms, and some non-ASCII text (curly quotes, dashes, accents, Cyrillic).
"""

from __future__ import annotations

import os
import random
import time
from collections import deque
from collections.abc import Callable
from datetime import UTC, datetime

import ahocorasick

from rules import Article, Engine, load_engine
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


def floor_automaton(engine: Engine) -> ahocorasick.Automaton:
    """A raw automaton over exactly the engine's (normalised) patterns."""
    automaton = ahocorasick.Automaton()
    for index, pattern in enumerate(engine.patterns):
        automaton.add_word(pattern, (index, len(pattern)))
    automaton.make_automaton()
    return automaton


def _best_of(rounds: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


async def main() -> None:
    """Print the engine's throughput beside the matching floor measured in the same run."""
    engine = load_engine().engine
    articles = corpus()
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

    signals = sum(len(scan(a)) for a in articles)  # warm-up, and a sanity figure
    full_time = _best_of(ROUNDS, full)
    floor_time = _best_of(ROUNDS, floor)
    n = len(articles)
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(
        f"corpus: {n} articles, {megabytes:.1f} MB ({megabytes * 1e6 / n:.0f} B/article), "
        f"{len(engine.patterns)} patterns, {signals} signals; one thread, {cpus} CPUs available, "
        f"best of {ROUNDS}"
    )
    print(
        f"engine: {n / full_time:.0f} articles/s, {megabytes / full_time:.1f} MB/s; "
        f"floor: {n / floor_time:.0f} articles/s, {megabytes / floor_time:.1f} MB/s; "
        f"ratio: {100 * floor_time / full_time:.1f}%"
    )
