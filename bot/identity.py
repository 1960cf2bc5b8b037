"""Identity of feed items: canonical URLs, stable item keys and content hashes.

An item seen twice must get the same key, whether it comes back in the next poll of the same feed
or in another feed that carries the same story. The key prefers, in order: a GUID that is an
http(s) URL (treated as a link, so copies in other feeds coincide), a feed-scoped GUID, the
canonical link, and last a hash of the normalised title and summary.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import unicodedata
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

__all__ = ["canonical_url", "content_hash", "item_identity"]

_KEY_HEX_CHARS = 32

# Query parameters that only say where a click came from. Compared in lower case.
_TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "msclkid",
        "yclid",
        "twclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
        "ocid",
        "cmpid",
        "cmp",
        "ito",
        "at_medium",
        "at_campaign",
        "at_custom1",
        "at_custom2",
        "at_custom3",
        "at_custom4",
        "ns_source",
        "ns_mchannel",
        "ns_campaign",
        "ns_linkname",
        "ns_fee",
        "sr_share",
        "smid",
        "__twitter_impression",
    }
)
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hmb_", "vero_", "oly_")
_DEFAULT_PORTS = {"http": 80, "https": 443}
# RFC 3986 unreserved characters: percent-escapes of these are decoded, all others kept upper case.
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_PERCENT_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
_HOST_LABEL = re.compile(r"^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$")
_SPACE = re.compile(r"\s+")
_TAB_OR_NEWLINE = re.compile(r"[\t\r\n]")


def canonical_url(url: str | None) -> str | None:
    """Return the canonical form of an http(s) URL, or None for anything else.

    Lowercases scheme and host, encodes an international host as IDNA, treats http and https as
    the same (both become https), drops the default port, user info, fragment and tracking
    parameters, sorts the remaining query, normalises percent-escapes and dot segments, and
    strips a trailing slash from the path except at the root.
    """
    if url is None:
        return None
    # Browsers drop tabs and newlines inside URLs; feeds sometimes wrap long links.
    text = _TAB_OR_NEWLINE.sub("", url).strip()
    if not text or "\x00" in text:
        return None
    try:
        parts = urlsplit(text)
        scheme = parts.scheme.lower()
        if scheme not in _DEFAULT_PORTS:
            return None
        host = _canonical_host(parts.hostname)
        port = parts.port
    except ValueError:
        return None
    if host is None:
        return None
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    path = _canonical_path(parts.path)
    query = _canonical_query(parts.query)
    return urlunsplit(("https", netloc, path, query, ""))


def item_identity(
    feed_url: str, guid: str | None, link: str | None, title: str, summary: str
) -> str:
    """Return the stable key of one feed item.

    `feed_url` scopes plain (non-URL) GUIDs, which are only unique within their feed. Pass the
    feed's stable key (the URL it was first subscribed under), not the URL after a permanent
    redirect, or every GUID-keyed item of a moved feed would look new.
    """
    guid_text = (guid or "").strip()
    if guid_text:
        guid_as_link = canonical_url(guid_text)
        if guid_as_link is not None:
            return "link:" + _short_hash(guid_as_link)
        scope = canonical_url(feed_url) or feed_url.strip()
        return "guid:" + _short_hash(scope + "\n" + guid_text)
    canonical_link = canonical_url(link)
    if canonical_link is not None:
        return "link:" + _short_hash(canonical_link)
    return "hash:" + _short_hash(_normalise_text(title) + "\n" + _normalise_text(summary))


def content_hash(body: bytes) -> str:
    """Return the SHA-256 hex digest of a body (spots servers that ignore conditional GET)."""
    return hashlib.sha256(body).hexdigest()


def _short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:_KEY_HEX_CHARS]


def _normalise_text(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def _canonical_host(hostname: str | None) -> str | None:
    if not hostname:
        return None
    host = hostname.rstrip(".").lower()
    if not host:
        return None
    if host.startswith("[") or ":" in host:  # IPv6 literal; urlsplit already stripped brackets
        return f"[{host.strip('[]')}]"
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    labels = ascii_host.split(".")
    if not all(_HOST_LABEL.match(label) for label in labels):
        return None
    return ascii_host


def _canonical_path(path: str) -> str:
    path = _PERCENT_ESCAPE.sub(_normalise_escape, path)
    path = quote(path, safe=_PATH_SAFE)
    if not path or path == "/":
        return "/"
    resolved = posixpath.normpath(path) if "/." in path else path
    # normpath keeps a leading "//" and drops a trailing slash; both are what we want here.
    if not resolved.startswith("/"):
        resolved = "/" + resolved
    resolved = resolved.rstrip("/")
    return resolved or "/"


def _normalise_escape(match: re.Match[str]) -> str:
    char = chr(int(match.group(1), 16))
    return char if char in _UNRESERVED else "%" + match.group(1).upper()


def _canonical_query(query: str) -> str:
    if not query:
        return ""
    pairs = [
        (key, value)
        for key, value in parse_qsl(query, keep_blank_values=True)
        if not _is_tracking_param(key)
    ]
    pairs.sort()
    return urlencode(pairs, quote_via=quote)


def _is_tracking_param(key: str) -> bool:
    name = unquote(key).strip().lower()
    return name in _TRACKING_PARAMS or name.startswith(_TRACKING_PREFIXES)
