"""Plain text out of feed markup: HTML fragments to text, and whitespace collapsed."""

from __future__ import annotations

from html.parser import HTMLParser

from bot.feeditems import SUMMARY_LIMIT

__all__ = ["collapse", "html_to_text"]


def html_to_text(markup: str, *, limit: int = SUMMARY_LIMIT) -> str:
    """Return the text of an HTML fragment: tags dropped, entities decoded, spaces collapsed."""
    extractor = _TextExtractor()
    try:
        extractor.feed(markup)
        extractor.close()
    except (AssertionError, ValueError):  # HTMLParser gives up on some broken markup
        pass
    return collapse(extractor.text(), limit)


def collapse(text: str, limit: int) -> str:
    """Return `text` with runs of whitespace made single spaces, cut to `limit` characters."""
    return " ".join(text.split())[:limit]


class _TextExtractor(HTMLParser):
    """Collects the text of an HTML fragment, skipping scripts and styles."""

    _SKIP = frozenset({"script", "style", "template", "noscript"})
    _BREAKS = frozenset(
        {"br", "p", "div", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BREAKS:
            self._parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in self._BREAKS:
            self._parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._parts.append(data)

    def text(self) -> str:
        return "".join(self._parts)
