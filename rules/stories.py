"""Whether a new report belongs to an event already seen (the same happening, told again).

Pure: the caller passes the candidate events and the time. Two reports are one event when they
share trigger and country and tell it in similar words: a little overlap suffices while the
event is fresh (12 hours since its last report), more is needed up to 72 hours.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

__all__ = [
    "CLOSE_IN_TIME",
    "SIMILAR_WINDOW",
    "StoryRoot",
    "find_root",
    "merge_words",
    "similarity",
    "story_words",
]

CLOSE_IN_TIME = timedelta(hours=12)
SIMILAR_WINDOW = timedelta(hours=72)
SIMILAR = 0.3  # word overlap (Jaccard) that makes one event within the whole window
RELATED = 0.04  # overlap enough while the event is fresh (shared names, places)
MAX_WORDS = 300
_WORD = re.compile(r"\w{3,}")
_STOP = frozenset(
    (
        "the",
        "and",
        "for",
        "with",
        "from",
        "that",
        "this",
        "into",
        "over",
        "after",
        "amid",
        "says",
        "said",
        "will",
        "have",
        "has",
        "are",
        "was",
        "were",
        "its",
        "their",
        "than",
        "about",
        "more",
        "most",
        "near",
        "new",
        "news",
        "update",
        "live",
        "report",
        "reports",
    )
)


@dataclass(frozen=True, slots=True)
class StoryRoot:
    """The first alert of a story: its id, trigger, country, time and words."""

    id: int
    trigger: str
    country: str
    at: datetime
    words: frozenset[str]


def _stem(word: str) -> str:
    """A crude English stem, enough for "forces"/"force" and "ordered"/"orders" to meet."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def story_words(*texts: str) -> frozenset[str]:
    """Content words of a title, lead and evidence: case- and accent-folded, crudely stemmed."""
    folded = unicodedata.normalize("NFKD", " ".join(texts).casefold())
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return frozenset(_stem(w) for w in _WORD.findall(plain) if w not in _STOP and not w.isdigit())


def merge_words(a: frozenset[str], b: frozenset[str]) -> frozenset[str]:
    """An event's words after another report (capped, so old events stay cheap to compare)."""
    merged = a | b
    return merged if len(merged) <= MAX_WORDS else frozenset(sorted(merged)[:MAX_WORDS])


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard overlap of two word sets (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def find_root(
    trigger: str,
    country: str,
    words: frozenset[str],
    at: datetime,
    roots: Sequence[StoryRoot] | Iterable[StoryRoot],
) -> StoryRoot | None:
    """The event this report belongs to, or None when it starts a new one; ``root.at`` is the
    event's last report. The most similar wins."""
    best: tuple[float, StoryRoot] | None = None
    for root in roots:
        if root.trigger != trigger or root.country != country or root.at > at:
            continue
        age = at - root.at
        score = similarity(words, root.words)
        if (age <= CLOSE_IN_TIME and score >= RELATED) or (
            age <= SIMILAR_WINDOW and score >= SIMILAR
        ):
            key = (score, root)
            if best is None or (score, root.at) > (best[0], best[1].at):
                best = key
    return best[1] if best else None
