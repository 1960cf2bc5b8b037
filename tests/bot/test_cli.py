"""The CLI: feeds management, status, db, and plain-words errors instead of tracebacks."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.cli import main
from bot.db import Database
from bot.feedlist import parse_opml


@pytest.fixture
def env(db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Database:
    for key in ("RISKBOT_FEEDS", "RISKBOT_CONFIG", "RISKBOT_TELEGRAM_TOKEN"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("RISKBOT_DATABASE_URL", db.url)
    return db


async def riskbot(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = await asyncio.to_thread(main, list(args))
    out, err = capsys.readouterr()
    return code, out, err


async def test_feeds_add_list_export_import_remove(
    env: Database, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = await riskbot(
        capsys, "feeds", "add", "https://news.example/rss", "--title", "Ex"
    )
    assert code == 0 and "added https://news.example/rss" in out
    code, out, _ = await riskbot(capsys, "feeds", "add", "https://news.example/rss")
    assert code == 0 and "already there" in out
    code, out, err = await riskbot(capsys, "feeds", "add", "ftp://nope")
    assert code == 2 and "not an http(s) URL" in err and "Traceback" not in err

    opml = tmp_path / "more.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>'
        '<outline text="Region"><outline text="A" type="rss" xmlUrl="https://a.example/feed"/>'
        '<outline text="B" type="rss" xmlUrl="https://b.example/feed"/></outline></body></opml>'
    )
    code, out, _ = await riskbot(capsys, "feeds", "import", str(opml))
    assert code == 0 and "imported 2 new feed(s) of 2" in out
    code, out, _ = await riskbot(capsys, "feeds", "list")
    assert code == 0 and out.count("\n") == 3 and "never" in out

    code, out, _ = await riskbot(capsys, "feeds", "export")
    exported = parse_opml(out.encode(), source="export")
    assert {e.url for e in exported} == {
        "https://news.example/rss",
        "https://a.example/feed",
        "https://b.example/feed",
    }
    assert {e.category for e in exported} >= {"Region"}

    code, out, _ = await riskbot(capsys, "feeds", "remove", "https://a.example/feed")
    assert code == 0 and "removed" in out
    code, _, err = await riskbot(capsys, "feeds", "remove", "https://a.example/feed")
    assert code == 1 and "no feed with the URL" in err

    broken = tmp_path / "broken.opml"
    broken.write_text("<opml><body><outline xmlUrl='https://x.example/f'></body>")
    code, _, err = await riskbot(capsys, "feeds", "import", str(broken))
    assert code == 2 and "broken.opml" in err and "Traceback" not in err


async def test_status_answers_and_unknown_country_gets_suggestions(
    env: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = await riskbot(capsys, "status", "kazakhstan")
    assert code == 0 and out.startswith("Kazakhstan (KZ): LOW")
    code, out, _ = await riskbot(capsys, "status", "kazahkstan")
    assert code == 1 and "Did you mean" in out and "Kazakhstan" in out
    code, out, _ = await riskbot(capsys, "status")
    assert code == 0 and out.startswith("Risk board")


async def test_commands_refuse_an_unmigrated_database(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("RISKBOT_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'new.db'}")
    code, _, err = await riskbot(capsys, "feeds", "list")
    assert code == 2 and "riskbot db upgrade" in err
    code, out, _ = await riskbot(capsys, "db", "current")
    assert code == 0 and "never migrated" in out
    code, out, _ = await riskbot(capsys, "db", "upgrade")
    assert code == 0 and "database at revision" in out
    code, out, _ = await riskbot(capsys, "feeds", "list")
    assert code == 0 and out == ""


async def test_malformed_setting_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RISKBOT_POLL_INTERVAL", "often")
    code, _, err = await riskbot(capsys, "status")
    assert code == 2
    assert err.strip().startswith("riskbot: RISKBOT_POLL_INTERVAL:") and err.count("\n") == 1


async def test_rules_explain_reads_a_headline_and_a_date(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = await riskbot(
        capsys, "rules", "explain", "", "--title", "Russia masses troops near Ukrainian border"
    )
    assert code == 0 and "troop_massing · RU · reported" in out
    assert "sentence: Russia masses troops near Ukrainian border" in out
    text = "In 2026, Russia massed troops near the Ukrainian border."
    code, out, _ = await riskbot(capsys, "rules", "explain", text, "--published", "2026-03-01")
    assert code == 0 and "troop_massing · RU · reported" in out
    code, out, _ = await riskbot(capsys, "rules", "explain", text, "--published", "2028-03-01")
    assert code == 0 and "does not alert (historical)" in out and "· reported ·" not in out
    code, _, err = await riskbot(capsys, "rules", "explain", text, "--published", "soon")
    assert code == 2 and "--published 'soon' is not a date" in err
