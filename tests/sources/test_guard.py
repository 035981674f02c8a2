"""SSRF guard: private, loopback, link-local… addresses refused, on the first request and on every redirect."""
from __future__ import annotations

import socket
from dataclasses import replace

import pytest

from onrecord.errors import SourceError
from onrecord.sources import Fetcher, check_url, is_public_address
from onrecord.sources.guard import address_kind


def fake_resolver(names: dict[str, str]):
    """A getaddrinfo that maps made-up names to addresses and parses literals, never asking DNS."""
    def resolve(host, port, *args, **kwargs):
        address = names.get(host, host)
        return socket.getaddrinfo(address, port, 0, socket.SOCK_STREAM, 0, socket.AI_NUMERICHOST)
    return resolve


@pytest.mark.parametrize("ip,kind", [
    ("127.0.0.1", "loopback"), ("10.0.0.1", "private"), ("172.16.5.4", "private"), ("192.168.1.1", "private"),
    ("169.254.169.254", "link-local"), ("0.0.0.0", "unspecified"), ("224.0.0.251", "multicast"),
    ("100.64.0.1", "shared (carrier-grade NAT)"), ("::1", "loopback"), ("::", "unspecified"),
    ("fe80::1", "link-local"), ("fc00::1", "private"), ("ff02::1", "multicast"),
    ("::ffff:127.0.0.1", "loopback"), ("::ffff:10.0.0.1", "private"), ("::ffff:169.254.169.254", "link-local"),
    ("64:ff9b::7f00:1", "loopback"), ("2002:a00:1::", "private"),
])
def test_address_kind_refused(ip, kind):
    assert address_kind(ip) == kind
    assert is_public_address(ip) is False


@pytest.mark.parametrize("ip", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:93.184.216.34"])
def test_address_public(ip):
    assert is_public_address(ip) is True


@pytest.mark.parametrize("url,address,kind", [
    ("http://127.0.0.1/", "127.0.0.1", "loopback"),
    ("http://10.0.0.1/admin", "10.0.0.1", "private"),
    ("http://169.254.169.254/latest/meta-data/", "169.254.169.254", "link-local"),
    ("http://[::1]:8080/", "::1", "loopback"),
    ("http://[::ffff:127.0.0.1]/", "::ffff:127.0.0.1", "loopback"),
    ("http://0.0.0.0:8000/", "0.0.0.0", "unspecified"),
    ("https://2130706433/", "127.0.0.1", "loopback"),        # 127.0.0.1 written as one number
])
def test_check_url_refuses_private_literals(url, address, kind):
    with pytest.raises(SourceError) as info:
        check_url(url)
    assert info.value.code == "E080"
    assert f"resolves to {address}, a {kind} address" in info.value.reason


def test_check_url_refuses_localhost_by_name():
    with pytest.raises(SourceError) as info:
        check_url("http://localhost:8000/feed.rss")
    assert info.value.code == "E080"
    assert "localhost resolves to" in info.value.reason


def test_check_url_with_injected_resolver():
    resolve = fake_resolver({"news.public.test": "93.184.216.34", "rebind.public.test": "127.0.0.1"})
    assert check_url("https://news.public.test/a.html", resolve) == ["93.184.216.34"]
    with pytest.raises(SourceError) as info:
        check_url("https://rebind.public.test/a.html", resolve)
    assert (info.value.code, info.value.source) == ("E080", "https://rebind.public.test/a.html")


def test_check_url_refuses_when_any_address_is_private():
    def two_addresses(host, port, *args, **kwargs):
        return fake_resolver({})("93.184.216.34", port) + fake_resolver({})("10.1.2.3", port)
    with pytest.raises(SourceError) as info:
        check_url("http://mixed.public.test/", two_addresses)
    assert "10.1.2.3, a private address" in info.value.reason


@pytest.mark.parametrize("url,reason", [
    ("file:///etc/passwd", "scheme 'file'"), ("ftp://example.org/x", "scheme 'ftp'"),
    ("gopher://127.0.0.1:70/", "scheme 'gopher'"), ("http:///nohost", "no host"), ("http://[::1/", "Invalid IPv6"),
])
def test_check_url_bad_urls(url, reason):
    with pytest.raises(SourceError) as info:
        check_url(url)
    assert info.value.code == "E086"
    assert reason in info.value.reason


def test_check_url_allow_private_and_allowed_networks():
    assert check_url("http://127.0.0.1:9/", allow_private=True) == ["127.0.0.1"]
    assert check_url("http://10.1.2.3/", allow_networks=["10.1.0.0/16"]) == ["10.1.2.3"]
    with pytest.raises(SourceError):
        check_url("http://10.2.0.1/", allow_networks=["10.1.0.0/16"])


def test_fetcher_refuses_loopback_without_contacting_it(site, sources_settings):
    settings = replace(sources_settings, allow_private=False)
    with Fetcher(settings) as fetcher, pytest.raises(SourceError) as info:
        fetcher.fetch(site.url("/news/harbour.html"))
    assert info.value.code == "E080"
    assert sum(site.hits.values()) == 0 and fetcher.requests == 0


def test_fetcher_refuses_public_name_resolving_to_loopback(site, sources_settings):
    port = site.base.rsplit(":", 1)[1]
    settings = replace(sources_settings, allow_private=False)
    with Fetcher(settings, resolve=fake_resolver({"news.public.test": "127.0.0.1"})) as fetcher:
        with pytest.raises(SourceError) as info:
            fetcher.fetch(f"http://news.public.test:{port}/news/harbour.html")
    assert "news.public.test resolves to 127.0.0.1, a loopback address" in info.value.reason
    assert sum(site.hits.values()) == 0


@pytest.fixture
def allowed_site(site, sources_settings):
    """The site reachable as news.public.test, whose address 127.0.0.1 is the one allowed private network."""
    settings = replace(sources_settings, allow_private=False, allow_networks=("127.0.0.1/32",))
    resolve = fake_resolver({"news.public.test": "127.0.0.1", "intranet.public.test": "10.0.0.1",
                             "metadata.public.test": "169.254.169.254"})
    with Fetcher(settings, resolve=resolve) as fetcher:
        yield site, fetcher, f"http://news.public.test:{site.base.rsplit(':', 1)[1]}"


def test_fetcher_connects_to_the_vetted_address_and_keeps_the_name(allowed_site):
    site, fetcher, base = allowed_site
    fetched = fetcher.fetch(f"{base}/redirect/a")
    # /redirect/b sends an absolute URL on 127.0.0.1 itself: allowed by the network list
    assert fetched.url == site.url("/news/harbour.html")
    assert fetched.provenance().url == site.url("/news/harbour.html")
    assert site.hits["/redirect/a"] == 1 and site.hits["/news/harbour.html"] == 1


@pytest.mark.parametrize("target,address,kind", [
    ("http://intranet.public.test/admin", "10.0.0.1", "private"),
    ("http://metadata.public.test/latest/meta-data/", "169.254.169.254", "link-local"),
    ("http://169.254.169.254/latest/meta-data/iam/", "169.254.169.254", "link-local"),
    ("http://[::1]/", "::1", "loopback"),
    ("http://[::ffff:10.0.0.1]/", "::ffff:10.0.0.1", "private"),
    ("http://0.0.0.0/", "0.0.0.0", "unspecified"),
])
def test_fetcher_refuses_redirect_to_private_address(allowed_site, target, address, kind):
    site, fetcher, base = allowed_site
    with pytest.raises(SourceError) as info:
        fetcher.fetch(f"{base}/to?target={target}")
    assert info.value.code == "E080" and info.value.source == target
    assert f"resolves to {address}, a {kind} address" in info.value.reason
    assert site.hits["/to"] == 1 and fetcher.requests == 2   # robots.txt and /to; the target never
