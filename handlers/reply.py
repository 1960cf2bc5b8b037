"""The platform-neutral answer of a command; adapters render it (plain text, HTML, Block Kit)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from rules.model import Severity

__all__ = ["Button", "Chart", "Line", "Reply", "Section"]


@dataclass(frozen=True, slots=True)
class Line:
    """One line of an answer. ``text`` is raw (unescaped); ``link`` is an optional URL."""

    text: str
    link: str | None = None


@dataclass(frozen=True, slots=True)
class Section:
    """A titled group of lines."""

    title: str
    lines: tuple[Line, ...] = ()


@dataclass(frozen=True, slots=True)
class Button:
    """An action under a message: ``action`` names what to do, ``value`` what to do it to."""

    label: str
    action: str
    value: str


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart to draw under the reply: the score after each update (it decays in between),
    and the events to mark on it. Adapters turn it into an image."""

    title: str
    points: tuple[tuple[datetime, float], ...]
    markers: tuple[tuple[datetime, str, Severity], ...]
    start: datetime
    end: datetime


@dataclass(frozen=True, slots=True)
class Reply:
    """What a command answers: a headline, sections, and whether the request made sense.

    ``public`` replies are meant for the whole chat; the others (refusals, usage) only for the
    person who asked, where the platform can do that (Slack ephemeral messages).
    """

    headline: str
    sections: tuple[Section, ...] = ()
    ok: bool = True
    notes: tuple[str, ...] = field(default=())
    buttons: tuple[Button, ...] = ()
    public: bool = True
    chart: Chart | None = None

    @classmethod
    def error(cls, message: str, *hints: str) -> Reply:
        """A plain-words refusal, with optional hints (usage, "did you mean")."""
        return cls(headline=message, ok=False, notes=tuple(hints), public=False)
