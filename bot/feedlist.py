"""Feed lists: reading and writing OPML subscription lists and plain one-URL-per-line files.

OPML is parsed with expat, refusing any DOCTYPE or entity declaration so that a hostile list
cannot expand entities without bound ("billion laughs") or pull in external files. Every error
names the file, the line and the reason in plain words.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from xml.parsers import expat
from xml.sax.saxutils import escape, quoteattr

from bot.identity import canonical_url

__all__ = [
    "FeedEntry",
    "FeedListError",
    "default_feed_list_path",
    "parse_opml",
    "read_feed_list",
    "render_opml",
]

CATEGORY_SEPARATOR = " / "
_ATTRIBUTE_ENTITIES = {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One subscription: the feed URL, with an optional title and category path."""

    url: str
    title: str | None = None
    category: str | None = None


class FeedListError(Exception):
    """A feed list that cannot be used; the message names the file, the line and the reason."""


def default_feed_list_path() -> Path:
    """Return the path of the feed list shipped with riskbot."""
    return Path(__file__).resolve().parent / "data" / "default_feeds.opml"


def read_feed_list(path: Path) -> list[FeedEntry]:
    """Read an OPML or plain-text feed list, validated and without duplicates."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FeedListError(f"{path}: cannot read the feed list ({exc.strerror or exc})") from exc
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if path.suffix.lower() in (".opml", ".xml") or head == b"<":
        return parse_opml(data, source=str(path))
    return _parse_text(data, source=str(path))


def parse_opml(data: bytes, *, source: str) -> list[FeedEntry]:
    """Parse an OPML document; `source` names it in error messages."""
    reader = _OpmlReader(source)
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = reader.reject_doctype
    parser.EntityDeclHandler = reader.reject_entity
    parser.ExternalEntityRefHandler = reader.reject_external
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    reader.parser = parser
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        reason = expat.ErrorString(exc.code) if exc.code is not None else str(exc)
        raise FeedListError(
            f"{source}, line {exc.lineno}: the OPML is malformed ({reason})"
        ) from exc
    if not reader.saw_root:
        raise FeedListError(f"{source}, line 1: the document is empty")
    return _dedupe(reader.entries)


def render_opml(entries: Sequence[FeedEntry], *, title: str = "riskbot feeds") -> str:
    """Return an OPML 2.0 document listing `entries`, nested by category."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        "  <head>",
        f"    <title>{escape(_xml_text(title))}</title>",
        "  </head>",
        "  <body>",
    ]
    tree = _CategoryTree()
    for entry in entries:
        tree.add(entry)
    lines.extend(tree.render(depth=2))
    lines.extend(["  </body>", "</opml>", ""])
    return "\n".join(lines)


class _OpmlReader:
    """Expat callbacks collecting feed outlines with their category path."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.parser: expat.XMLParserType | None = None
        self.entries: list[FeedEntry] = []
        self.saw_root = False
        self._stack: list[str | None] = []  # per open element: folder title, or None

    def _line(self) -> int:
        return self.parser.CurrentLineNumber if self.parser is not None else 0

    def _fail(self, reason: str) -> FeedListError:
        return FeedListError(f"{self.source}, line {self._line()}: {reason}")

    def reject_doctype(self, *_: object) -> None:
        raise self._fail(
            "the OPML contains a DOCTYPE declaration, which is not allowed "
            "(DTDs can expand entities without limit)"
        )

    def reject_entity(self, *_: object) -> None:
        raise self._fail("the OPML declares an entity, which is not allowed")

    def reject_external(self, *_: object) -> int:
        raise self._fail("the OPML refers to an external entity, which is not allowed")

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if not self.saw_root:
            self.saw_root = True
            if name.lower() != "opml":
                raise self._fail(f"the root element is <{name}>, not <opml>: this is not OPML")
        if name.lower() != "outline":
            self._stack.append(None)
            return
        lowered = {key.lower(): value for key, value in attrs.items()}
        label = (lowered.get("title") or lowered.get("text") or "").strip() or None
        url = (lowered.get("xmlurl") or "").strip()
        if not url:
            self._stack.append(label)  # a folder
            return
        self._stack.append(None)
        if not _is_http_url(url):
            raise self._fail(f"xmlUrl {url!r} is not an http(s) URL")
        folders = [folder for folder in self._stack[:-1] if folder]
        category = CATEGORY_SEPARATOR.join(folders) or (lowered.get("category") or "").strip()
        title = label if label != url else None  # render_opml writes the URL when untitled
        self.entries.append(FeedEntry(url, title, category or None))

    def end(self, name: str) -> None:
        if self._stack:
            self._stack.pop()


def _parse_text(data: bytes, *, source: str) -> list[FeedEntry]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad_line = data[: exc.start].count(b"\n") + 1
        raise FeedListError(f"{source}, line {bad_line}: the file is not valid UTF-8") from exc
    entries: list[FeedEntry] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        if not _is_http_url(line):
            raise FeedListError(f"{source}, line {number}: {line!r} is not an http(s) URL")
        entries.append(FeedEntry(line))
    return _dedupe(entries)


def _dedupe(entries: Iterable[FeedEntry]) -> list[FeedEntry]:
    """Keep the first entry for each feed, comparing canonical URLs."""
    seen: set[str] = set()
    unique: list[FeedEntry] = []
    for entry in entries:
        key = canonical_url(entry.url) or entry.url
        if key not in seen:
            seen.add(key)
            unique.append(entry)
    return unique


def _is_http_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def _xml_text(text: str) -> str:
    """Drop characters XML 1.0 cannot carry at all (most C0 controls)."""
    return "".join(ch for ch in text if ch in "\t\n\r" or ch >= " ")


def _attr(text: str) -> str:
    return quoteattr(_xml_text(text), _ATTRIBUTE_ENTITIES)


class _CategoryTree:
    """Entries grouped into nested folders, keeping first-seen order."""

    def __init__(self) -> None:
        self.folders: dict[str, _CategoryTree] = {}
        self.entries: list[FeedEntry] = []

    def add(self, entry: FeedEntry) -> None:
        node = self
        for part in (entry.category or "").split(CATEGORY_SEPARATOR):
            if part.strip():
                node = node.folders.setdefault(part.strip(), _CategoryTree())
        node.entries.append(entry)

    def render(self, depth: int) -> list[str]:
        pad = "  " * depth
        lines = []
        for entry in self.entries:
            # OPML 2.0 requires `text`; an untitled feed shows its URL and has no `title`.
            title = f" title={_attr(entry.title)}" if entry.title else ""
            lines.append(
                f'{pad}<outline type="rss" text={_attr(entry.title or entry.url)}{title} '
                f"xmlUrl={_attr(entry.url)}/>"
            )
        for name, folder in self.folders.items():
            lines.append(f"{pad}<outline text={_attr(name)} title={_attr(name)}>")
            lines.extend(folder.render(depth + 1))
            lines.append(f"{pad}</outline>")
        return lines
