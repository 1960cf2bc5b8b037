"""Replies rendered for Telegram (HTML) and Slack (Block Kit): escaped, and within limits.

The checks use the fakes' own parsers, which follow the platforms' rules: Telegram's HTML
style (a stray ``<`` or ``&`` is refused) and Block Kit's limits."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.slack.render import escape_mrkdwn, render_block_parts, render_blocks, safe_link
from bot.telegram.render import MAX_MESSAGE, render_html, safe_url
from handlers.alerts import alert_card
from handlers.catalog import help_reply, triggers_reply
from handlers.reply import Button, Line, Reply, Section
from tests.handlers.fakes import ALERT
from tests.support.fake_slack import block_errors
from tests.support.fake_telegram import html_to_plain

HOSTILE = (
    "<b>bold</b> & <script>alert('x')</script> &amp; "
    '<a href="javascript:x">y</a> @channel <!here>'
)


def big_reply(lines: int, width: int) -> Reply:
    return Reply(
        headline="Risk board " + "x" * 300,
        sections=tuple(
            Section(
                f"Section {s} {HOSTILE}",
                tuple(
                    Line(f"{n} {HOSTILE} " + "w" * width, "https://e.org/?a=1&b=2")
                    for n in range(lines)
                ),
            )
            for s in range(6)
        ),
        notes=tuple(f"note {n} {HOSTILE}" for n in range(15)),
        buttons=(Button("Acknowledge", "ack", "1"),),
    )


@pytest.mark.parametrize(("lines", "width"), [(1, 10), (40, 200), (200, 1000), (3, 5000)])
def test_telegram_messages_parse_and_fit(lines: int, width: int) -> None:
    messages = render_html(big_reply(lines, width))
    for text in messages:
        assert len(text) <= MAX_MESSAGE
        plain = html_to_plain(text)  # raises on anything Telegram would refuse
        assert "<script>" not in text
        if "<b>bold</b>" in plain:
            assert "<b>bold</b> & <script>alert('x')</script> &amp;" in plain
    joined = "\n".join(html_to_plain(t) for t in messages)
    assert joined.count("w" * 10) >= min(lines * 6, 1)  # every line is somewhere


@pytest.mark.parametrize(("lines", "width"), [(1, 10), (40, 200), (200, 1000), (3, 5000)])
def test_slack_blocks_are_accepted(lines: int, width: int) -> None:
    text, blocks = render_blocks(big_reply(lines, width))
    assert block_errors(blocks) is None
    assert blocks[-1]["type"] == "actions"  # the button survives any cut
    flat = str(blocks)
    assert "<script>" not in flat and "<b>" not in flat and "<!here>" not in flat
    assert "&lt;script&gt;" in flat
    assert len(text) <= 3000


@pytest.mark.parametrize(("lines", "width"), [(1, 10), (40, 200), (200, 1000), (3, 5000)])
def test_slack_notice_parts_are_accepted_and_cut_nothing(lines: int, width: int) -> None:
    parts = render_block_parts(big_reply(lines, width))
    for text, blocks in parts:
        assert block_errors(blocks) is None
        assert text.startswith("Risk board") and len(text) <= 3000
    flat = str([block for _text, blocks in parts for block in blocks])
    assert "cut to fit" not in flat and "<script>" not in flat
    # Every line, every section title and the notes shown (ten at most) are somewhere.
    assert flat.count("&lt;script&gt;alert(") == lines * 6 + 6 + 10
    assert [b["type"] for _t, blocks in parts for b in blocks].count("actions") == 1
    assert parts[-1][1][-1]["type"] == "actions"  # the button under the last part
    assert (len(parts) == 1) == (render_blocks(big_reply(lines, width)) == parts[0])


def test_links_only_http() -> None:
    assert safe_url("javascript:alert(1)") is None
    assert safe_url('https://e.org/?q="><script>') == "https://e.org/?q=&quot;&gt;&lt;script&gt;"
    assert safe_link("https://e.org/a|b>c") == "https://e.org/a%7Cb%3Ec"
    assert safe_link("ftp://e.org/") is None
    assert escape_mrkdwn("<@U1> & <!channel>") == "&lt;@U1&gt; &amp; &lt;!channel&gt;"


@pytest.mark.parametrize("reply", [triggers_reply(), help_reply(("Usage: /x",) * 12)])
def test_long_command_replies_fit_both_platforms(reply: Reply) -> None:
    for text in render_html(reply):
        assert len(text) <= MAX_MESSAGE and html_to_plain(text)
    assert block_errors(render_blocks(reply)[1]) is None


def test_alert_card_in_both_formats() -> None:
    hostile = replace(ALERT, title=HOSTILE * 20, evidence=HOSTILE * 50)
    card = alert_card(hostile, lambda code: "Kazakhstan", followup_of=7)
    [html] = render_html(card)
    assert len(html) <= MAX_MESSAGE
    plain = html_to_plain(html)
    assert plain.startswith("↳ Update (#7): 🔴 CRITICAL · shoot_to_kill · Kazakhstan (KZ) · #1")
    assert "<script>alert('x')</script>" in plain and "…" in plain
    _text, blocks = render_blocks(card)
    assert block_errors(blocks) is None
    assert [b["type"] for b in blocks] == ["header", "section", "actions"]
