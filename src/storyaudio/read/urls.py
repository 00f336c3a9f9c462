"""Web addresses, checked before use: the read stage's one place that parses a URL.

Every address storyaudio meets on the web (a command-line argument, a ``[sources]`` entry, a
redirect's ``Location``, a feed's link, a sitemap's ``<loc>``, a page's canonical link or lead
image) passes through :func:`checked_url` before it is fetched, stored or published. A URL a
hostile or broken site wrote cannot then crash a sync, smuggle credentials into the feed, or
reach somewhere it should not:

- only ``http`` and ``https``, with a host that parses (``http://[zz/`` is refused) and a port
  in range;
- credentials (``user:password@``) are dropped, so they never reach ``feed.xml`` or a page;
- the fragment is dropped: it is the browser's, never the server's.

:func:`identity_url` is the address an episode is known by: without tracking parameters
(``utm_*``, ``fbclid``, ...), so a feed that stamps every link with a new query does not make a
new episode on every sync.

:func:`is_private_host` says whether an address leads to this machine or its private network.
A public source may not lead there (a redirect or feed link to ``127.0.0.1:6379`` would publish
what a local service answers); a source whose own address is private may, which is how an
intranet, or a test server on 127.0.0.1, is narrated.
"""

from __future__ import annotations

import ipaddress
import socket
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from ..errors import StoryError


class BadURL(StoryError):
    """An address that cannot be fetched as given: one line naming it and why."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{shown(url)}: {reason}")
        self.url = url
        self.reason = reason


MAX_URL_CHARS = 2048
"""Longer addresses are refused: no story page needs one, and every copy costs memory."""


def shown(url: str) -> str:
    """*url* as it may appear in a message: at most 200 characters, credentials hidden."""
    text = url[:200] + ("…" if len(url) > 200 else "")
    try:
        parts = urlsplit(text)
        if parts.username is not None or parts.password is not None:
            host = parts.netloc.rpartition("@")[2]
            text = urlunsplit((parts.scheme, f"***@{host}", parts.path, parts.query, parts.fragment))
    except ValueError:
        pass
    return text


def checked_url(url: str, base: str | None = None) -> str:
    """*url* (made absolute against *base*) when it can be fetched: http or https, a host that
    parses, a port in range; without credentials or fragment. Raises :class:`BadURL`."""
    text = url.strip()
    if len(text) > MAX_URL_CHARS:
        raise BadURL(text, f"an address of {len(text)} characters, over the limit of {MAX_URL_CHARS}")
    if any(ord(character) < 32 or character == "\x7f" for character in text):
        raise BadURL(text, "the address holds control characters")
    try:
        absolute = urljoin(base, text) if base else text
        parts = urlsplit(absolute)
        host = parts.hostname
        port = parts.port  # raises ValueError when out of range or not a number
    except ValueError as error:
        raise BadURL(text, f"not a valid address ({error})") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise BadURL(absolute, f"only http:// and https:// addresses are fetched, not {parts.scheme or 'this'}:")
    if not host:
        raise BadURL(absolute, "only http:// and https:// addresses with a host are fetched")
    if not _valid_host(host):
        raise BadURL(absolute, f"not a valid host name ({host[:80]!r})")
    netloc = f"[{host}]" if ":" in host else host
    if port is not None:
        netloc += f":{port}"
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", parts.query, ""))


def _valid_host(host: str) -> bool:
    """A host an HTTP client can connect to: an IP address or a DNS name of legal labels."""
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return False
    labels = ascii_host.rstrip(".").split(".")
    return len(ascii_host) <= 253 and all(
        0 < len(label) <= 63 and all(c.isalnum() or c in "-_" for c in label) for label in labels)


TRACKING_PARAMETERS = frozenset({
    "utm", "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid",
    "igshid", "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id", "oly_enc_id",
    "vero_id", "wickedid", "ref_src", "s_cid", "cmpid", "ncid", "sr_share",
})
"""Query parameters that say how a reader arrived, never which page they read."""


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMETERS or lowered.startswith(("utm_", "pk_", "mtm_", "hsa_"))


def identity_url(url: str) -> str:
    """*url* as an episode's identity: tracking parameters dropped, everything else kept as is."""
    parts = urlsplit(url)
    if not parts.query:
        return url
    kept = [(name, value) for name, value in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(name)]
    if len(kept) == len(parse_qsl(parts.query, keep_blank_values=True)):
        return url
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(kept), ""))


def host_of(url: str) -> str:
    """The host of a checked URL, lower case (``""`` when it has none)."""
    return (urlsplit(url).hostname or "").lower()


@lru_cache(maxsize=256)
def is_private_host(host: str) -> bool:
    """True when *host* is, or resolves to, an address of this machine or a private network
    (loopback, RFC 1918, link-local, unique-local, unspecified). A name that does not resolve is
    not private: fetching it fails on its own."""
    try:
        addresses = [ipaddress.ip_address(host)]
    except ValueError:
        try:
            infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
        except (OSError, UnicodeError):
            return False
        addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    return any(address.is_loopback or address.is_private or address.is_link_local or address.is_unspecified
               or address.is_reserved for address in addresses)
