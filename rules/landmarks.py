"""Countries named only as landmarks: a border a place lies near is no party to what happens
there ("gunmen attacked an army post in Niger near the border with Mali": Niger's attack, not
Mali's)."""

from __future__ import annotations

import re

from rules.roles import Mention, Role

__all__ = ["without_landmarks"]

# "near the border with", "close to its frontier with", "not far from the Afghan border"
_LANDMARK_BEFORE = re.compile(
    r"\b(?:near|close to|not far from|a few (?:km|kilometres|kilometers|miles) from)"
    r" (?:the |its |their )?(?:(?:northern|southern|eastern|western|porous|disputed) )?"
    r"(?:border|frontier|boundary)(?: area| region| zone)? (?:with |of )?(?:the )?$"
    # "near the Venezuelan border"
    r"|\b(?:near|close to|not far from) (?:the |its |their )?$"
)
_PARTIES = (Role.PLAIN, Role.FORCES, Role.ADDRESSEE)


def without_landmarks(text: str, mentions: list[Mention], codes: list[str]) -> list[str]:
    """``codes`` less countries named only as the border a place lies near, when the sentence
    names another country as a place or as forces ("killing 12 Pakistani soldiers" makes an
    attack near the Afghan border Pakistan's); that country then stands in their stead."""
    landmarks = {
        m.code
        for m in mentions
        if m.role is Role.FACED and _LANDMARK_BEFORE.search(text, max(0, m.start - 60), m.start)
    }
    parties = [m.code for m in mentions if m.role in _PARTIES]
    landmarks -= set(parties)  # also named as a place or as forces ("around Tripoli")
    if not parties or not any(c in landmarks for c in codes):
        return codes
    kept = [c for c in codes if c not in landmarks]
    return kept + [c for c in dict.fromkeys(parties) if c not in kept]
