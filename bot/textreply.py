"""Plain-text rendering of a command's :class:`~handlers.reply.Reply` (CLI and console)."""

from __future__ import annotations

from handlers.reply import Reply

__all__ = ["render_text"]


def render_text(reply: Reply) -> str:
    """The reply as lines of plain text; links follow their line in angle brackets."""
    out = [reply.headline]
    for section in reply.sections:
        out.append("")
        out.append(f"{section.title}:")
        for line in section.lines:
            out.append(f"  • {line.text}" + (f" <{line.link}>" if line.link else ""))
    if reply.notes:
        out.append("")
        out.extend(reply.notes)
    return "\n".join(out)
