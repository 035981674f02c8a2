"""SSRF guard: a URL is fetched only if every address its host resolves to is public."""
from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlsplit

from ..errors import SourceError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[..., Sequence[tuple[Any, ...]]]   # socket.getaddrinfo's signature and result

SCHEMES = frozenset({"http", "https"})
_SHARED = ipaddress.ip_network("100.64.0.0/10")      # carrier-grade NAT: not global, not "private" in 3.11
_NAT64 = ipaddress.ip_network("64:ff9b::/96")         # well-known NAT64 prefix: the last 32 bits are IPv4


def address_kind(ip: str | IPAddress) -> str | None:
    """Why an address must not be fetched ("loopback", "private"…), or None if it is public."""
    addr = ipaddress.ip_address(ip) if isinstance(ip, str) else ip
    if isinstance(addr, ipaddress.IPv6Address):
        # an IPv6 form that carries an IPv4 address is judged by the IPv4 address it reaches
        inner = addr.ipv4_mapped or addr.sixtofour or (addr.teredo[1] if addr.teredo else None)
        if inner is None and addr in _NAT64:
            inner = ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF)
        if inner is not None:
            return address_kind(inner)
    for kind in ("unspecified", "loopback", "link_local", "multicast", "private", "reserved", "site_local"):
        if getattr(addr, f"is_{kind}", False):
            return kind.replace("_", "-")
    if addr.version == 4 and addr in _SHARED:
        return "shared (carrier-grade NAT)"
    if not addr.is_global:
        return "non-global"
    return None


def is_public_address(ip: str | IPAddress) -> bool:
    """True if the address is globally routable: not private, loopback, link-local, multicast, reserved…"""
    return address_kind(ip) is None


def split_url(url: str) -> tuple[str, str, int]:
    """Scheme, host and port of an http(s) URL; SourceError E086 for anything else."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as e:
        raise SourceError("E086", url, reason=str(e)) from e
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise SourceError("E086", url, reason=f"scheme {scheme or 'none'!r}; only http and https are fetched")
    if not parts.hostname:
        raise SourceError("E086", url, reason="no host")
    return scheme, parts.hostname, port or (443 if scheme == "https" else 80)


def check_url(url: str, resolve: Resolver = socket.getaddrinfo, *, allow_private: bool = False,
              allow_networks: Sequence[str] = ()) -> list[str]:
    """The addresses url's host resolves to, all vetted; SourceError E080 if one is not public, E081/E086 else."""
    _, host, port = split_url(url)
    try:
        infos = resolve(host, port, 0, socket.SOCK_STREAM)
    except (OSError, UnicodeError) as e:
        raise SourceError("E081", url, permanent=False, reason=f"cannot resolve {host}: {e}", attempts=1) from e
    addresses: list[str] = []
    for info in infos:
        # getaddrinfo may append a scope ("fe80::1%eth0") to IPv6 link-local addresses
        address = str(info[4][0]).split("%", 1)[0]
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise SourceError("E081", url, permanent=False, reason=f"{host} resolves to no address", attempts=1)
    if allow_private:
        return addresses
    allowed = [ipaddress.ip_network(n, strict=False) for n in allow_networks]
    for address in addresses:
        ip = ipaddress.ip_address(address)
        kind = address_kind(ip)
        if kind is not None and not any(ip.version == n.version and ip in n for n in allowed):
            raise SourceError("E080", url, host=host, address=address, kind=kind)
    return addresses
