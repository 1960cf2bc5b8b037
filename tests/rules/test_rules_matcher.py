"""Golden edge cases for normalisation and the phrase matcher (platform notes §6)."""

from __future__ import annotations

import random

import pytest

from rules.gazetteer import load_gazetteer
from rules.matcher import HINT_BITS, PhraseMatcher, fold_mark
from rules.text import expand_phrase, normalise, split_sentences


def _country_matcher() -> PhraseMatcher[str]:
    gazetteer = load_gazetteer()
    phrases = [(alias, code) for alias, code, _ in gazetteer.aliases()]
    phrases += [(guard, "-") for guard in gazetteer.guards]
    return PhraseMatcher(phrases)


COUNTRIES = _country_matcher()


def codes(text: str) -> list[str]:
    return [k for hit in COUNTRIES.find(normalise(text)) for k in hit.keys if k != "-"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A woman in Muscat", ["OM"]),
        ("The woman spoke", []),
        ("Nigeria and Niger signed", ["NG", "NE"]),
        ("Nigerien soldiers", ["NE"]),
        ("Militants in the Niger Delta", []),
        ("Kazakhstan's president", ["KZ"]),
        ("Kazakhstan-based firms", ["KZ"]),
        ("Germany's army", ["DE"]),
        ("Romania's border", ["RO"]),
        ("İSTANBUL talks", ["TR"]),
        ("elections in São Tomé and Príncipe", ["ST"]),
        ("elections in Sao Tome", ["ST"]),
        ("South Sudan and Sudan", ["SS", "SD"]),
        ("the Democratic Republic of the Congo and the Republic of the Congo", ["CD", "CG"]),
        ("Dominica and the Dominican Republic", ["DM", "DO"]),
        ("Guinea-Bissau, Equatorial Guinea, Papua New Guinea and Guinea", ["GW", "GQ", "PG", "GN"]),
        ("North Korea and South Korea", ["KP", "KR"]),
        ("the People's Republic of China and the Republic of China", ["CN", "TW"]),
        ("Côte d’Ivoire", ["CI"]),
        ("US troops", ["US"]),
        ("let us go", []),
        ("the Kremlin and Kyiv", ["RU", "UA"]),
        ("Kiev and Downing Street", ["UA", "GB"]),
        ("Michael Jordan scored", []),
        ("Latin American leaders", []),
        ("New Mexico and New Jersey", []),
        ("sudden floods in Chile", ["CL"]),
    ],
)
def test_country_aliases(text: str, expected: list[str]) -> None:
    assert codes(text) == expected


def test_hyphens_and_dashes_become_spaces() -> None:
    assert normalise("Martial-law  declared—now") == "martial law declared now"
    assert normalise("martial\u2011law") == "martial law"


def test_curly_quotes_fold_and_lower_not_casefold() -> None:
    assert normalise("Tokayev’s “orders”") == 'tokayev\'s "orders"'
    assert normalise("STRASSE Straße") == "strasse straße"


def test_martial_law_phrase_matches_hyphenated_text() -> None:
    matcher = PhraseMatcher([("martial law", "ml")])
    assert [h.keys for h in matcher.find(normalise("Martial-law was declared"))] == [("ml",)]


def test_shorter_match_survives_longer_pattern_ending_inside_word() -> None:
    matcher = PhraseMatcher([("sudden flood", "a"), ("floods", "b")])
    assert [h.keys for h in matcher.find("sudden floods")] == [("b",)]


def test_leftmost_longest_and_layers() -> None:
    layered = PhraseMatcher(
        [("state of emergency", "rule"), ("emergency", "other"), ("state", "x")],
        layer_of=lambda key: 1 if key == "x" else 0,
    )
    keys = [h.keys for h in layered.find("a state of emergency")]
    assert keys == [("rule",), ("x",)]


def test_word_boundaries_are_unicode() -> None:
    matcher = PhraseMatcher([("mali", "ML")])
    assert matcher.find("somaliland") == []
    assert matcher.find("émali") == []
    assert len(matcher.find("(mali)")) == 1


def test_expand_phrase() -> None:
    assert expand_phrase("mass{,ed,ing}") == ["mass", "massed", "massing"]
    assert expand_phrase("{a,b} {c,d}") == ["a c", "a d", "b c", "b d"]
    with pytest.raises(ValueError, match="unbalanced"):
        expand_phrase("mass{ed")
    with pytest.raises(ValueError, match="more than"):
        expand_phrase("{a,b,c,d}{a,b,c,d}{a,b,c,d}{a,b}")


def test_sentences_title_first_and_abbreviations() -> None:
    sentences = split_sentences(
        "Title here", "Mr. Smith met U.S. troops. They left. \u201cWe go,\u201d he said.\nNew para"
    )
    assert [s.text for s in sentences] == [
        "Title here",
        "Mr. Smith met U.S. troops.",
        "They left.",
        "\u201cWe go,\u201d he said.",
        "New para",
    ]
    assert [s.is_title for s in sentences] == [True, False, False, False, False]


def test_long_sentences_are_cut() -> None:
    sentences = split_sentences("", "word " * 5000)
    assert len(sentences) > 1
    assert all(len(s.text) <= 1200 for s in sentences)


def test_sentence_ends_without_the_regex_engine_match_it() -> None:
    """``dot_ends`` finds exactly what the ``_DOT_END`` regex finds, on random text made of the
    characters that matter (terminals, closers, spaces of several kinds, cases, letters)."""
    import random

    from rules.text import _DOT_END, dot_ends

    rng = random.Random(5)
    alphabet = ['.', '.', '.', '!', '?', '\u2026', '"', "'", '\u2019', '\u201d', '\u00bb', ')',
                ']', ' ', ' ', ' ', '\t', '\u00a0', '\u2003', 'a', 'z', 'q', 'A', 'Z', 'Q', '0',
                '(', ',', '\u00e9', '\u00c9', 'Ж', 'ж']  # fmt: skip
    texts = ["", ".", ". A", "a. b", "a.. B", "Mr. Smith went. Home", "end.\u201d Next", "x . Y"]
    texts += ["".join(rng.choices(alphabet, k=rng.randint(1, 40))) for _ in range(20_000)]
    for text in texts:
        expected = [(m.start(1), m.end()) for m in _DOT_END.finditer(text)]
        assert dot_ends(text) == expected, text


def test_sentences_normalised_in_one_pass_match_one_by_one() -> None:
    """``normalise_lines`` (one pass over the joined sentences, with shortcuts when no space needs
    collapsing) gives what ``normalise`` gives each sentence, on random text made of the
    characters that change: spaces of several kinds, dashes, quotes, cases, controls, "US"."""
    import random

    from rules.text import normalise_lines

    rng = random.Random(11)
    alphabet = [' ', ' ', '\t', '\u00a0', '\u2003', '-', '\u2014', '\u2019', '\u201c', 'a',
                'Z', '\u00c9', 'Σ', 'ς', 'US', 'UK', '\u00ad', '\u200b', '\x07', 'ﬁ', '0',
                '.', '(', '\u00ab', '\u2026', '"']  # fmt: skip
    cases = [[""], [" a "], ["a", "b"], ["A  B", " c"], ["US troops", "UK  "]]
    cases += [
        ["".join(rng.choices(alphabet, k=rng.randint(0, 12))) for _ in range(rng.randint(1, 5))]
        for _ in range(20_000)
    ]
    for lines in cases:
        expected = [normalise(line) for line in lines]
        assert normalise_lines(lines) == (expected, "\n".join(expected)), lines


def test_initials_do_not_end_a_sentence() -> None:
    texts = [
        s.text
        for s in split_sentences("", "Protests toppled K.P. Sharma Oli. J.R.R. Tolkien wrote. End.")
    ]
    assert texts == ["Protests toppled K.P. Sharma Oli.", "J.R.R. Tolkien wrote.", "End."]


def test_wire_datelines_in_capitals() -> None:
    from rules.roles import dateline_end

    assert dateline_end("DUBAI \u2014 Iran's police") == len("dubai")
    assert dateline_end("KAMPALA/BUNIA \u2014 Uganda said") == len("kampala/bunia")
    assert dateline_end("ERBIL, Iraq (Reuters) - Turkish troops") == len("erbil, iraq (reuters)")
    assert dateline_end("US troops left - officials") == 0
    assert dateline_end("Iran's police warned") == 0


def test_folded_marks_keep_unions_and_inclusions() -> None:
    # ``walk`` rules sentences out on the folds of their marks (``RuleBits.may_fire``): sound only
    # if a union's fold is the folds' union and a mark holding another holds its fold.
    rng = random.Random(11)
    for _ in range(2000):
        a = rng.getrandbits(rng.choice([8, 62, 63, 200, 300]))
        b = rng.getrandbits(rng.choice([8, 62, 63, 200, 300]))
        assert fold_mark(a | b) == fold_mark(a) | fold_mark(b)
        assert fold_mark(a) & fold_mark(a & b) == fold_mark(a & b)
        assert fold_mark(a) < 1 << HINT_BITS
