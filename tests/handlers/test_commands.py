"""The platform-neutral commands: parsing, replies in plain words, and who may change what."""

from __future__ import annotations

import random
import string

import pytest

from handlers.catalog import HELP_EXAMPLES
from handlers.parsing import parse_duration
from handlers.router import COMMANDS
from rules.model import Severity
from tests.handlers.fakes import BOB, GROUP, NOW, make_router, request


async def test_every_help_example_works_in_the_order_shown() -> None:
    router, _book, _alerts = make_router()
    for line, _what in HELP_EXAMPLES:
        reply = await router.handle(request(line))
        assert reply.ok, (line, reply)
    shown = (await router.handle(request("/help"))).sections[0].lines
    assert [line.text.split(" — ")[0] for line in shown] == [cmd for cmd, _ in HELP_EXAMPLES]


async def test_subscribe_country_region_triggers_and_severity() -> None:
    router, book, _ = make_router()
    reply = await router.handle(request("/subscribe kazakhstan"))
    assert reply.ok
    assert reply.headline == "Subscribed: Kazakhstan (KZ) · every trigger · severity low or above."
    assert book.subs[("42", "KZ", "*")] == Severity.LOW
    reply = await router.handle(request("/subscribe central asia unrest coup min=high"))
    assert reply.ok
    assert book.subs[("42", "UZ", "coup")] == Severity.HIGH
    assert ("42", "KZ", "unrest") in book.subs
    assert "countries" in reply.notes[0]
    reply = await router.handle(request("/subscribe kazakhstan, kyrgyzstan shoot-to-kill"))
    assert reply.ok and ("42", "KG", "shoot_to_kill") in book.subs
    reply = await router.handle(request("/subscribe all troop_massing min=critical"))
    assert book.subs[("42", "*", "troop_massing")] == Severity.CRITICAL


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("/subscribe kazakhstn", "Did you mean: Kazakhstan"),
        ("/subscribe atlantis", "I don't know a country or region called “atlantis”"),
        ("/subscribe kazakhstan unrset", "“unrset” is not a trigger"),
        ("/subscribe kazakhstan shoot_to_kil", "Did you mean: shoot_to_kill"),
        ("/subscribe kazakhstan min=huge", "unknown severity 'huge'"),
        ("/subscribe kazakhstan colour=red", "the options are min=severity, digest=HH:MM"),
        ("/subscribe kazakhstan digest=25:00", "the digest time is HH:MM in UTC"),
        ("/subscribe kazakhstan levels=maybe", "say levels=on or levels=off"),
        ("/subscribe", "Name a country"),
        ("/subscribe min=high", "Name a country"),
        ("/mute kazakhstan", "For how long"),
        ("/mute 2h", "Say what to mute"),
        ("/mute kazakhstan forever", "is not a duration"),
        ("/mute", "Say what to mute"),
        ("/mute kazakhstan 200d", "at most 90 days"),
        ("/ack", "Which alert?"),
        ("/ack 999", "There is no alert #999"),
        ("/why abc", "Which alert?"),
        ("/statsu kazakhstan", "Did you mean /status?"),
        ("/subscriptions now", "takes no arguments"),
        ("/status " + "x" * 200, "too long"),
    ],
)
async def test_wrong_input_gets_plain_words(line: str, says: str) -> None:
    router, _book, _ = make_router()
    reply = await router.handle(request(line))
    assert not reply.ok
    assert says in reply.headline + " ".join(reply.notes)
    assert not reply.public  # refusals go to the asker only where the platform can


async def test_usage_line_on_wrong_syntax() -> None:
    router, _book, _ = make_router()
    reply = await router.handle(request("/mute"))
    assert any(n.startswith("Usage: /mute") for n in reply.notes)


async def test_only_group_admins_change_subscriptions() -> None:
    router, book, _ = make_router(admins={"42"})
    refused = await router.handle(request("/subscribe kazakhstan", chat=GROUP, caller=BOB))
    assert not refused.ok and "admins" in refused.headline
    assert book.subs == {}
    for line in ("/mute all 1h", "/unsubscribe all", "/unmute all"):
        assert not (await router.handle(request(line, chat=GROUP, caller=BOB))).ok
    # Anyone may ask.
    for line in ("/status kazakhstan", "/subscriptions", "/why 1", "/triggers", "/help"):
        assert (await router.handle(request(line, chat=GROUP, caller=BOB))).ok, line
    allowed = await router.handle(request("/subscribe kazakhstan", chat=GROUP))
    assert allowed.ok and ("-100", "KZ", "*") in book.subs


async def test_risk_umbrella_runs_the_named_command() -> None:
    router, book, _ = make_router()
    reply = await router.handle(request("/risk subscribe kazakhstan unrest"))
    assert reply.ok and ("42", "KZ", "unrest") in book.subs
    assert (await router.handle(request("/risk"))).headline.startswith("riskbot watches")
    assert "Did you mean /status" in " ".join((await router.handle(request("/risk stats x"))).notes)


async def test_mute_unmute_and_listing() -> None:
    router, book, _ = make_router()
    await router.handle(request("/subscribe kazakhstan"))
    reply = await router.handle(request("/mute kazakhstan 2h"))
    assert reply.ok and "until 01 Mar 14:00 UTC" in reply.headline
    assert book.muted[("42", "country", "KZ")] == NOW.replace(hour=14)
    assert (await router.handle(request("/mute unrest 1h30m"))).ok
    assert ("42", "trigger", "unrest") in book.muted
    listing = await router.handle(request("/subscriptions"))
    texts = [line.text for s in listing.sections for line in s.lines]
    assert any("Kazakhstan (KZ)" in t and "every trigger" in t for t in texts)
    assert any(t.startswith("unrest until") for t in texts)
    assert (await router.handle(request("/unmute kazakhstan"))).ok
    nothing = await router.handle(request("/unmute kazakhstan"))
    assert not nothing.ok and "Nothing was muted" in nothing.headline
    assert (await router.handle(request("/unmute"))).ok  # lifts the trigger mute


async def test_unsubscribe() -> None:
    router, book, _ = make_router()
    await router.handle(request("/subscribe central asia unrest coup"))
    reply = await router.handle(request("/unsubscribe central asia unrest"))
    assert reply.ok and all(k[2] == "coup" for k in book.subs)
    assert not (await router.handle(request("/unsubscribe france"))).ok
    assert (await router.handle(request("/unsubscribe all"))).ok and book.subs == {}


async def test_ack_first_one_wins_and_why_explains() -> None:
    router, _book, _alerts = make_router()
    first = await router.handle(request("/ack #1"))
    assert first.ok and "acknowledged by @ann" in first.headline
    again = await router.handle(request("/ack 1", caller=BOB))
    assert "already acknowledged by @ann" in again.headline
    why = await router.handle(request("/why 1"))
    texts = [line.text for s in why.sections for line in s.lines]
    assert any(t.startswith("Evidence: “The president said") for t in texts)
    assert any("shoot_to_kill.order" in t for t in texts)
    assert "Acknowledged by @ann" in why.notes[0]


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("30m", 1800),
        ("2h", 7200),
        ("1d", 86400),
        ("1w", 604800),
        ("1h30m", 5400),
        ("90 minutes", 5400),
        ("45s", 45),
    ],
)
def test_durations(text: str, seconds: int) -> None:
    duration = parse_duration(text)
    assert duration is not None and duration.total_seconds() == seconds


@pytest.mark.parametrize("text", ["", "0m", "-5m", "m", "5", "5x", "2h soon", "1.5h"])
def test_not_durations(text: str) -> None:
    assert parse_duration(text) is None


async def test_garbled_commands_never_raise() -> None:
    router, _book, _ = make_router()
    rng = random.Random(7)
    alphabet = string.printable + "Ωж你🙂\u200b\u202e,=#@"
    names = [*COMMANDS, "risk", "", "x" * 50]
    for _ in range(500):
        args = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        reply = await router.handle(request(f"/{rng.choice(names)} {args}"))
        assert reply.headline


async def test_options_keep_the_threshold_already_set() -> None:
    router, book, _ = make_router()
    await router.handle(request("/subscribe kazakhstan min=high"))
    reply = await router.handle(request("/subscribe kazakhstan digest=08:00 levels=on"))
    assert reply.ok and "severity high or above" in reply.headline
    assert "daily digest of the rest at 08:00 UTC" in reply.headline
    assert book.subs[("42", "KZ", "*")] == Severity.HIGH
    info = await router.handle(request("/subscribe kyrgyzstan min=info"))
    assert "severity info or above" in info.headline
    for odd in ("/ack ²", "/subscribe kazakhstan digest=8:⁵", "/mute kazakhstan ²h"):
        assert not (await router.handle(request(odd))).ok
