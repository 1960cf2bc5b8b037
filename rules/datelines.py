"""The date an article gives itself: a wire dateline ("LIMA, Oct. 22, 2025 — ...", "KAMPALA/BUNIA,
Feb 18, 2025 (Reuters) - ...", "14 March 2026 — ...") or a newsletter's dated headline ("Americas
Risk Briefing — 4 February 2026: ..."). An article without a publication date is read as written
on that date, so its own dateline does not make it a report of the past."""

from __future__ import annotations

import re

from rules.modality import MONTHS

__all__ = ["own_date"]

# Month numbers by the first three letters ("Sept." and "September" are both 9).
_MONTH_NUMBER = {name[:3]: number for number, name in enumerate(MONTHS.split("|"), 1)}
_MONTH = (
    r"(?P<month>(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?"
    r"|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?)"
)
_DATE = (
    rf"(?:{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?,? (?P<year>\d{{4}})"
    rf"|\d{{1,2}}(?:st|nd|rd|th)? {_MONTH.replace('month', 'month2')},? (?P<year2>\d{{4}}))"
)
# A place in capitals ("LIMA", "KAMPALA/BUNIA", "PORT-AU-PRINCE") or in title case, maybe with
# its country ("KINGSTON, Jamaica"), then a comma.
_WORD = r"[A-Z][\w.'\u2019-]*"
_CITY = rf"{_WORD}(?: {_WORD}){{0,3}}"
_PLACE = rf"{_CITY}(?: ?/ ?{_CITY})*(?:, {_WORD}(?: {_WORD}){{0,2}})?, "
_DASH = r"[\u2014\u2013:-]"
_BODY = re.compile(
    rf"(?:UPDATE \d+[-:] ?)?(?P<place>{_PLACE})?{_DATE}(?: ?\([^()\n]{{1,40}}\))? ?{_DASH}"
)
# A later line that opens with a date too: the body is a timeline, its first date an entry's.
_ENTRY = re.compile(rf"(?:\n|\. )\s*{_DATE} ?{_DASH}")
# "Americas Risk Briefing — 4 February 2026: ...", "Global Politics Briefing, 27 August 2025:",
# "Levant & Iraq Daily — 16 June 2026"
_HEADLINE = re.compile(rf"[^\n:]{{1,60}}?(?: [\u2014\u2013-] |, ){_DATE}(?::|$| [\u2014\u2013-] )")


def own_date(title: str, text: str) -> tuple[int, int] | None:
    """(year, month) of the article's own dateline or dated headline, if it has one."""
    body = text.lstrip()[:4000]
    found = _BODY.match(body, 0, 200)
    if found is not None and found.group("place") is None and _ENTRY.search(body, found.end()):
        found = None  # ("May 28, 2025 - ... July 24, 2025 - ...": a timeline's entries)
    found = found or _HEADLINE.match(title.strip()[:120])
    if found is None:
        return None
    year = found.group("year") or found.group("year2")
    month = found.group("month") or found.group("month2")
    return int(year), _MONTH_NUMBER[month[:3].lower()]
