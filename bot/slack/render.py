"""A :class:`~handlers.reply.Reply` as Slack Block Kit, every piece of text escaped.

Limits kept (docs.slack.dev, Block Kit reference): 50 blocks per message, 3000 characters per
section text, 150 per header, 75 per button label, 2000 per button value; the fallback ``text``
(notifications, screen readers) stays short.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from handlers.reply import Button, Line, Reply

__all__ = ["escape_mrkdwn", "render_block_parts", "render_blocks", "safe_link"]

MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_HEADER = 150
MAX_FALLBACK = 3000
MAX_TOTAL = 11_000  # about 13k characters of blocks already failed with msg_blocks_too_long


def escape_mrkdwn(text: str) -> str:
    """Slack's three control characters as entities: no mention, link or markup survives."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def safe_link(url: str | None) -> str | None:
    """An http(s) URL usable inside ``<url|label>``, or None."""
    if not url or len(url) > 2000:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    # '|' and '>' would end the link early; spaces are not valid in URLs anyway.
    return (
        url.strip().replace("|", "%7C").replace(">", "%3E").replace("<", "%3C").replace(" ", "%20")
    )


def _line(line: Line, bullet: str) -> str:
    text = escape_mrkdwn(_cut(line.text, 1200))
    link = safe_link(line.link)
    return f"{bullet}<{link}|{text}>" if link else f"{bullet}{text}"


def _sections(title: str, lines: list[str]) -> list[dict[str, Any]]:
    """Lines packed into as few section blocks as fit 3000 characters each."""
    blocks: list[dict[str, Any]] = []
    current = f"*{escape_mrkdwn(_cut(title, 200))}*" if title else ""
    for line in lines:
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > MAX_SECTION and current:
            blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": current}})
            current = line[:MAX_SECTION]
        else:
            current = candidate[:MAX_SECTION]
    if current:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": current}})
    return blocks


def _button(button: Button) -> dict[str, Any]:
    return {
        "type": "button",
        "action_id": button.action,
        "text": {"type": "plain_text", "text": _cut(button.label, 75)},
        "value": button.value[:2000],
    }


def _content(reply: Reply) -> list[dict[str, Any]]:
    """Every block of the reply but its buttons, none of them over its own limit."""
    blocks: list[dict[str, Any]] = [
        {
            "type": "header",
            "text": {"type": "plain_text", "text": _cut(reply.headline, MAX_HEADER), "emoji": True},
        }
    ]
    if len(reply.headline) > MAX_HEADER:  # the header is cut: keep the whole line below it
        blocks.append(
            {
                "type": "section",
                "text": {
                    "type": "mrkdwn",
                    "text": escape_mrkdwn(_cut(reply.headline, MAX_SECTION)),
                },
            }
        )
    for section in reply.sections:
        bullet = "• " if section.title else ""
        blocks.extend(_sections(section.title, [_line(line, bullet) for line in section.lines]))
    if reply.notes:
        notes = [
            {"type": "mrkdwn", "text": escape_mrkdwn(_cut(note, MAX_SECTION))}
            for note in reply.notes[:10]
        ]
        blocks.append({"type": "context", "elements": notes})
    return blocks


def _actions(reply: Reply) -> dict[str, Any]:
    return {"type": "actions", "elements": [_button(b) for b in reply.buttons[:25]]}


def _fallback(reply: Reply) -> str:
    return escape_mrkdwn(_cut(reply.headline, MAX_FALLBACK))


def render_blocks(reply: Reply) -> tuple[str, list[dict[str, Any]]]:
    """(fallback text, blocks) for ``chat.postMessage`` or a slash command's response: one
    message, cut (and saying so) where the reply does not fit."""
    blocks = _content(reply)
    reserve = 1 if reply.buttons else 0
    kept: list[dict[str, Any]] = []
    total = 0
    for block in blocks:
        size = len(str(block))
        if len(kept) >= MAX_BLOCKS - reserve - 1 or total + size > MAX_TOTAL:
            break
        kept.append(block)
        total += size
    if len(kept) < len(blocks):
        blocks = kept
        blocks.append(
            {
                "type": "context",
                "elements": [{"type": "mrkdwn", "text": "…cut to fit Slack's limits."}],
            }
        )
    if reply.buttons:
        blocks.append(_actions(reply))
    return _fallback(reply), blocks


def render_block_parts(reply: Reply) -> list[tuple[str, list[dict[str, Any]]]]:
    """The reply as one or more messages of (fallback text, blocks), split between blocks so
    nothing is cut; the buttons go under the last part."""
    blocks = _content(reply) + ([_actions(reply)] if reply.buttons else [])
    parts: list[list[dict[str, Any]]] = [[]]
    total = 0
    for block in blocks:
        size = len(str(block))
        if parts[-1] and (len(parts[-1]) >= MAX_BLOCKS or total + size > MAX_TOTAL):
            parts.append([])
            total = 0
        parts[-1].append(block)
        total += size
    fallback = _fallback(reply)
    count = len(parts)
    return [
        (fallback if n == 1 else f"{fallback} (part {n} of {count})", part)
        for n, part in enumerate(parts, 1)
    ]
