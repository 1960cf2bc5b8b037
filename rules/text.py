"""Text preparation for matching: normalisation, phrase expansion and sentence splitting.

Matching runs on a normalised, lower-cased copy of each sentence: NFKC, curly quotes folded to
straight ones, every hyphen and dash turned into a space, whitespace collapsed, then ``str.lower()``
(never ``casefold()``, which changes lengths: ß → ss). Phrases in rule packs and the gazetteer go
through the same function, so "martial-law", "martial law" and "Martial–Law" all meet.

Sentences are split on the original text so that evidence can quote it unchanged; the title is
its own sentence. Over-long "sentences" (binary junk, tables) are cut into bounded chunks so
per-sentence work stays small whatever the input.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

__all__ = [
    "MAX_SENTENCE_CHARS",
    "Sentence",
    "dot_ends",
    "expand_phrase",
    "is_word_char",
    "normalise",
    "normalise_joined",
    "normalise_lines",
    "sentence_texts",
    "split_sentences",
]

MAX_SENTENCE_CHARS: Final = 1200
"""Longer sentences are cut at a space near this length (keeps per-sentence work bounded)."""

_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u02bc\u00b4`"
_DQUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d\u2e3a\u2e3b"
_SPACES = "\t\r\f\v\u00a0\u1680\u2028\u2029\u202f\u205f\u3000" + "".join(
    chr(c) for c in range(0x2000, 0x200B)
)
_DROPPED = "\u00ad\u200b\ufeff"

# Regex substitutions run in C; str.translate with a dict is several times slower.
_CONTROLS = "".join(chr(c) for c in [*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_TO_SPACE = re.compile("[" + re.escape(_DASHES + _SPACES + _CONTROLS) + "]")

_MANY_SPACES = re.compile(r"  +")
# Upper-case abbreviations that would be ordinary words once lower-cased ("US" -> "us"). Same as
# r"\b(US|UK)\b", written to start with a literal so the regex engine can skip ahead quickly.
_CASED_ABBREVIATIONS = re.compile(r"U(?<!\wU)[SK](?!\w)")
_ABBREVIATION_SPELLING = {"US": "U.S.", "UK": "U.K."}
# Every non-ASCII character folded by normalisation, and what it becomes (one regex pass).
_FOLDED = re.compile(
    "[" + re.escape(_QUOTES + _DQUOTES + _DROPPED + _DASHES + _SPACES + _CONTROLS) + "]"
)
_FOLD = (
    dict.fromkeys(_QUOTES, "'")
    | dict.fromkeys(_DQUOTES, '"')
    | dict.fromkeys(_DROPPED, "")
    | dict.fromkeys(_DASHES + _SPACES + _CONTROLS, " ")
)
# ASCII text takes a byte-level shortcut: dashes and controls to spaces and lower case in one
# ``bytes.translate`` (the same result as ``_TO_SPACE`` and ``str.lower()``; quotes such as "`"
# are folded only in non-ASCII text, as before).
_ASCII_TABLE = bytes(
    ord(" ") if chr(b) in _DASHES + _SPACES + _CONTROLS else ord(chr(b).lower()) for b in range(128)
) + bytes(range(128, 256))
_ASCII_TABLE_NO_NEWLINES = _ASCII_TABLE.replace(b"\n", b" ")
# Non-ASCII text: its ASCII characters fold as every character does there (quotes such as "`"
# included) and are lower-cased, by one table over the UTF-8 bytes; the rest by ``_WIDE_FOLD``.
_ASCII_BYTES = bytes(range(128))
_WIDE_ASCII_TABLE = bytes(
    ord(_FOLD[chr(b)]) if chr(b) in _FOLD else ord(chr(b).lower()) for b in range(128)
) + bytes(range(128, 256))
_WIDE_ASCII_TABLE_NO_NEWLINES = _WIDE_ASCII_TABLE.replace(b"\n", b" ")
_WIDE_FOLD = {char: folded for char, folded in _FOLD.items() if not char.isascii()}


def _spell_abbreviation(match: re.Match[str]) -> str:
    return _ABBREVIATION_SPELLING[match.group()]


def _fold(match: re.Match[str]) -> str:
    return _FOLD[match.group()]


def normalise(text: str, *, keep_newlines: bool = False) -> str:
    """Return ``text`` in matching form: NFKC, straight quotes, dashes as spaces, lower case.

    Newlines become spaces unless ``keep_newlines`` (the engine joins sentences with them).
    """
    return _trim(_fold_case(text, keep_newlines=keep_newlines))


def normalise_lines(lines: list[str]) -> tuple[list[str], str]:
    """``normalise(line)`` for each line (none holding a newline), and those joined by newlines
    (``normalise_joined``)."""
    joined = normalise_joined(lines)
    return (joined.split("\n") if lines else []), joined


def normalise_joined(lines: list[str]) -> str:
    """``normalise(line)`` for each line (none holding a newline), joined by newlines: one pass
    over the whole text when normalising keeps the lines apart (the usual case), else line by
    line."""
    folded = _fold_case("\n".join(lines), keep_newlines=True)
    if folded.count("\n") != len(lines) - 1:
        return "\n".join([normalise(line) for line in lines])
    if "  " not in folded and (
        _edges_stay(lines)  # (lines whose ends fold to no space need no look at the newlines)
        or (
            " \n" not in folded
            and "\n " not in folded
            and not folded.startswith(" ")
            and not folded.endswith(" ")
        )
    ):
        return folded
    # Each line trimmed: runs of spaces never cross a newline.
    return _trim(folded)


# Characters that fold to themselves or to other non-space characters: a line that begins and ends
# with one of these (or a letter or digit) neither begins nor ends with a space once folded.
_STAYING_EDGES: Final = frozenset(".,!?;:\"'()[]%$\u201c\u201d\u2018\u2019\u00ab\u00bb\u2026")


def _edges_stay(lines: list[str]) -> bool:
    """Whether every line's first and last characters fold to no space."""
    for line in lines:
        if not line:
            return False
        first, last = line[0], line[-1]
        if not (first.isalnum() or first in _STAYING_EDGES) or not (
            last.isalnum() or last in _STAYING_EDGES
        ):
            return False
    return True


def _trim(text: str) -> str:
    """Collapse runs of spaces, drop spaces around newlines and at both ends."""
    if "  " in text:
        text = _MANY_SPACES.sub(" ", text)
    if "\n" in text:
        text = text.replace(" \n", "\n").replace("\n ", "\n")
    return text.strip(" ")


def _fold_case(text: str, *, keep_newlines: bool) -> str:
    """NFKC, abbreviations spelled out, quotes, dashes and controls folded, lower case: everything
    ``normalise`` does before collapsing spaces."""
    if "U" in text:
        text = _CASED_ABBREVIATIONS.sub(_spell_abbreviation, text)
    if text.isascii():  # NFKC leaves ASCII unchanged
        table = _ASCII_TABLE if keep_newlines else _ASCII_TABLE_NO_NEWLINES
        return text.encode("ascii").translate(table).decode("ascii")
    text = unicodedata.normalize("NFKC", text)
    if text.isascii():  # quotes are folded only in text that NFKC leaves non-ASCII, as before
        text = _TO_SPACE.sub(" ", text)
        if not keep_newlines:
            text = text.replace("\n", " ")
        return text.lower()
    # The ASCII characters are folded and lower-cased in one ``bytes.translate`` of the UTF-8
    # form (bytes of multi-byte sequences are all >= 0x80 and left alone); then each distinct
    # non-ASCII character is folded or lower-cased with ``str.replace``, which is much cheaper
    # than a regex or ``str.lower()`` over the whole text. ``str.lower()`` maps characters one
    # by one except a final capital sigma, so text with one is lower-cased whole.
    data = text.encode("utf-8", "surrogatepass")
    wide = set(data.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass"))
    table = _WIDE_ASCII_TABLE if keep_newlines else _WIDE_ASCII_TABLE_NO_NEWLINES
    text = data.translate(table).decode("utf-8", "surrogatepass")
    sigma = "\u03a3" in wide
    for char in wide:
        folded = _WIDE_FOLD.get(char)
        if folded is not None:
            text = text.replace(char, folded)
        elif not sigma and (lowered := char.lower()) != char:
            text = text.replace(char, lowered)
    return text.lower() if sigma else text


def is_word_char(ch: str) -> bool:
    """Whether ``ch`` continues a word (Unicode letters and digits, and ``_``)."""
    return ch.isalnum() or ch == "_"


_BRACES = re.compile(r"\{([^{}]*)\}")
MAX_EXPANSIONS = 64


def expand_phrase(phrase: str) -> list[str]:
    """Expand ``{a,b,}`` alternatives in a phrase into its finite list of forms.

    ``"mass{,ed,ing}"`` gives ``["mass", "massed", "massing"]``. This is the only pattern syntax
    rule packs have (no regular expressions). Raises ``ValueError`` past ``MAX_EXPANSIONS`` forms or
    on unbalanced braces.
    """
    forms = [phrase]
    while True:
        expanded: list[str] = []
        changed = False
        for form in forms:
            m = _BRACES.search(form)
            if m is None:
                expanded.append(form)
                continue
            changed = True
            for option in m.group(1).split(","):
                expanded.append(form[: m.start()] + option + form[m.end() :])
            if len(expanded) > MAX_EXPANSIONS:
                raise ValueError(f"more than {MAX_EXPANSIONS} forms")
        forms = expanded
        if not changed:
            break
    if any("{" in f or "}" in f for f in forms):
        raise ValueError("unbalanced braces")
    return forms


@dataclass(frozen=True)  # no slots=True: compiled with mypyc (rules.native)
class Sentence:
    """One sentence of an article: its original text and whether it is the title."""

    text: str
    is_title: bool = False


# A sentence ends at . ! ? or … (plus closing quotes/brackets) followed by space and a
# character that is not a lower-case letter. A run of dots starts only once (no quadratic rescans
# of "......"): the look-behind, placed after the first character so that the regex engine can
# skip ahead to candidate characters, rejects a start right after another one. Group 1 is the
# trailing whitespace.
_SENTENCE_END = re.compile(
    r"[.!?\u2026](?<![.!?\u2026]{2})[.!?\u2026]*+[\"'\u2019\u201d\u00bb)\]]*+(\s++)(?=[^\s\u0061-\u007a])"
)
# The same for text whose only sentence-ending character is "." (most paragraphs): starting with a
# literal lets the regex engine skip ahead to each dot, several times faster.
_DOT_END = re.compile(
    r"\.(?<![.!?\u2026]{2})[.!?\u2026]*+[\"'\u2019\u201d\u00bb)\]]*+(\s++)(?=[^\s\u0061-\u007a])"
)
# (Final: compiled, constants are inlined rather than looked up in the module's namespace.)
_TERMINALS: Final = ".!?\u2026"
_CLOSERS: Final = "\"'\u2019\u201d\u00bb)]"


def dot_ends(paragraph: str) -> list[tuple[int, int]]:
    """Where ``_DOT_END`` matches in ``paragraph``, without the regex engine: for each match, where
    its whitespace starts and where it ends (``m.start(1)``, ``m.end()``).

    A plain loop over ``str.find`` is much faster than the regex once compiled (``rules.native``);
    ``tests/rules/test_rules_matcher.py`` checks that both find the same places.
    """
    found: list[tuple[int, int]] = []
    size = len(paragraph)
    dot = paragraph.find(".")
    while dot >= 0:
        # The first of a run of terminal characters (the regex's look-behind) ...
        if dot == 0 or paragraph[dot - 1] not in _TERMINALS:
            # ... then the rest of the run, closing quotes and brackets, and whitespace ...
            after = dot + 1
            while after < size and paragraph[after] in _TERMINALS:
                after += 1
            while after < size and paragraph[after] in _CLOSERS:
                after += 1
            end = after
            while end < size and paragraph[end].isspace():
                end += 1
            # ... followed by a character that is not a lower-case ASCII letter.
            if after < end < size and not 97 <= ord(paragraph[end]) <= 122:
                found.append((after, end))
                dot = paragraph.find(".", end)
                continue
        dot = paragraph.find(".", dot + 1)
    return found


_ABBREVIATIONS = frozenset(
    "mr mrs ms dr gen col lt sgt capt maj adm gov sen rep prof jr sr st no vs etc "  # noqa: SIM905
    "u.s u.k u.n e.u jan feb mar apr aug sept sep oct nov dec".split()
)
_LONGEST_ABBREVIATION = max(map(len, _ABBREVIATIONS))
_SHORT: Final = _LONGEST_ABBREVIATION + 1  # an alphanumeric word this long is no abbreviation
_TAIL: Final = 16  # characters before a dot that usually hold its whole last word
_OPENERS: Final = "(\"'\u201c\u2018"


# Initials, in capitals: "K.P. Sharma Oli", "J.R.R. Tolkien" (the last word before the final
# dot: "K.P"). Not "a.m." or "p.m.", which end sentences ("... from 9 p.m. Police shot ...").
_INITIALS = re.compile(r"(?:[A-Z]\.)+[A-Z]")


def _is_abbreviation(word: str) -> bool:
    """Whether ``word`` (as written, before its final dot) is an abbreviation or an initial."""
    lower = word.lower()
    return (
        lower in _ABBREVIATIONS
        or (len(word) == 1 and word.isalpha())
        or ("." in word and _INITIALS.fullmatch(word) is not None)
    )


def _ends_with_abbreviation(piece: str) -> bool:
    stripped = piece.rstrip()
    if not stripped.endswith("."):
        return False
    word = stripped[:-1].rsplit(None, 1)[-1] if stripped[:-1].strip() else ""
    return _is_abbreviation(word.lstrip(_OPENERS))


def _abbreviation_at(paragraph: str, start: int, dot: int) -> bool:
    """``_ends_with_abbreviation(paragraph[start:dot + 1])``, looking at a few characters only."""
    # Letters and digits are neither spaces nor stripped quotes, so an alphanumeric tail longer
    # than every abbreviation means the last word is too long to be one (lower() never shortens).
    low = dot - _TAIL
    if low <= start:
        return _ends_with_abbreviation(paragraph[start : dot + 1])
    tail = paragraph[low:dot]
    if tail[-_SHORT:].isalnum():
        return False
    words = tail.rsplit(None, 1)
    if len(words) == 2:
        word = words[1]
    elif len(words) == 1 and tail[0].isspace():
        word = words[0]
    else:  # the last word may begin before the tail
        return _ends_with_abbreviation(paragraph[start : dot + 1])
    return _is_abbreviation(word.lstrip(_OPENERS))


def _chunks(text: str) -> Iterator[str]:
    """Cut ``text`` into pieces of at most about ``MAX_SENTENCE_CHARS`` characters."""
    while len(text) > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", MAX_SENTENCE_CHARS // 2, MAX_SENTENCE_CHARS)
        if cut <= 0:
            cut = MAX_SENTENCE_CHARS
        yield text[:cut]
        text = text[cut:]
    yield text


def _add_piece(texts: list[str], piece: str) -> None:
    piece = piece.strip()
    if len(piece) <= MAX_SENTENCE_CHARS:
        if piece:
            texts.append(piece)
        return
    for chunk in _chunks(piece):
        stripped = chunk.strip()
        if stripped:
            texts.append(stripped)


def sentence_texts(
    title: str, text: str, paragraphs: list[int] | None = None
) -> tuple[list[str], int]:
    """The texts ``split_sentences`` returns, and how many of them (at the front) are the title.

    ``paragraphs``, if given, receives the index of each body paragraph's first sentence.
    """
    texts: list[str] = []
    title = " ".join(title.split())
    if title:
        _add_piece(texts, title)
    titles = len(texts)
    for paragraph in text.splitlines():
        if not paragraph or paragraph.isspace():
            continue
        if paragraphs is not None:
            paragraphs.append(len(texts))
        ends = (
            [(m.start(1), m.end()) for m in _SENTENCE_END.finditer(paragraph)]
            if "!" in paragraph or "?" in paragraph or "\u2026" in paragraph
            else dot_ends(paragraph)
        )
        start = 0
        pending = ""
        for space, end in ends:
            dot = space - 1  # the last character before the whitespace
            # A word of five letters or digits before the dot is no abbreviation (the usual case).
            if (
                paragraph[dot] == "."
                and (dot - _SHORT < start or not paragraph[dot - _SHORT : dot].isalnum())
                and _abbreviation_at(paragraph, start, dot)
            ):
                pending += paragraph[start:end]
            else:
                # (Up to the whitespace, which strip() would drop: one copy less.)
                piece = (pending + paragraph[start:space]).strip()
                if 0 < len(piece) <= MAX_SENTENCE_CHARS:  # the usual case, as _add_piece
                    texts.append(piece)
                else:
                    _add_piece(texts, piece)
                pending = ""
            start = end
        rest = pending + paragraph[start:]
        if rest.strip():
            _add_piece(texts, rest)
    return texts, titles


def split_sentences(title: str, text: str) -> list[Sentence]:
    """Split an article into sentences: the title first (if any), then the text's sentences.

    Paragraph breaks always end a sentence. Each returned text is stripped and non-empty.
    """
    texts, titles = sentence_texts(title, text)
    return [Sentence(t, i < titles) for i, t in enumerate(texts)]
