"""A :class:`~handlers.reply.Reply` as Telegram HTML messages, every piece of text escaped.

Telegram counts 4096 characters after entity parsing; we measure the HTML, which is never
shorter, and split only between lines, so a tag never straddles two messages.
"""

from __future__ import annotations

import html
from urllib.parse import urlsplit

from handlers.reply import Button, Line, Reply

__all__ = ["CALLBACK_SEPARATOR", "MAX_MESSAGE", "callback_data", "render_html", "safe_url"]

MAX_MESSAGE = 4096
MAX_LINE = 1500
CALLBACK_SEPARATOR = ":"


def safe_url(url: str | None) -> str | None:
    """An http(s) URL fit for an ``href`` (quoted), or None for anything else."""
    if not url or len(url) > 2048:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return html.escape(url.strip(), quote=True)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _line(line: Line, bullet: str) -> str:
    text = html.escape(_cut(line.text, MAX_LINE), quote=False)
    href = safe_url(line.link)
    if href:
        text = f'<a href="{href}">{text}</a>'
    return f"{bullet}{text}"


def render_html(reply: Reply) -> list[str]:
    """The reply as one or more HTML messages of at most 4096 characters each."""
    blocks = [f"<b>{html.escape(_cut(reply.headline, MAX_LINE), quote=False)}</b>"]
    for section in reply.sections:
        lines = [_line(line, "• " if section.title else "") for line in section.lines]
        title = (
            f"<b>{html.escape(_cut(section.title, 200), quote=False)}</b>" if section.title else ""
        )
        blocks.append("\n".join(([title] if title else []) + lines[:1]))
        blocks.extend(lines[1:])
    blocks.extend(
        f"<i>{html.escape(_cut(note, MAX_LINE), quote=False)}</i>" for note in reply.notes
    )
    messages: list[str] = []
    current = ""
    for block in blocks:
        sep = "\n\n" if block.startswith(("<b>", "<i>")) else "\n"
        candidate = f"{current}{sep}{block}" if current else block
        if len(candidate) > MAX_MESSAGE:
            messages.append(current)
            current = block
        else:
            current = candidate
    if current:
        messages.append(current)
    return messages


def callback_data(button: Button) -> str:
    """What Telegram hands back when the button is pressed (at most 64 bytes)."""
    return f"{button.action}{CALLBACK_SEPARATOR}{button.value}"[:64]
