"""URL hygiene: one spelling per article, and whether a link looks like an article of the site.

courlan does the heavy lifting (tracking parameters, fragments, case, default ports,
navigation and login pages); this module adds mobile mirrors and the sections of Vietnamese
news sites that hold no articles to read (videos, photo galleries, podcasts...).
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from courlan import check_url, extract_domain, is_navigation_page, is_not_crawlable, normalize_url

__all__ = ["normalise", "host_of", "same_site", "looks_like_article", "site_root", "MOBILE_PREFIXES"]

MOBILE_PREFIXES = ("m.", "mobile.", "amp.")  # mirrors of the desktop site under another host
_TRACKER = re.compile(r"^(?:utm_\w+|fbclid|gclid|dclid|msclkid|zarsrc|gidzl|cmpid)$", re.I)
# Path segments of sections that are not articles to read.
_NOT_ARTICLE = re.compile(
    r"/(?:video|videos|clip|clips|tv|truyen-hinh|podcast|podcasts|audio|multimedia|media|photo|photos|anh|"
    r"gallery|infographic|infographics|emagazine|longform|live|tag|tags|tu-khoa|chu-de|topic|topics|"
    r"tim-kiem|search|login|dang-nhap|dang-ky|register|account|rss|feed|sitemap)(?:/|$|\.)", re.I)
_SLUG = re.compile(r"(?:[^\W_]+-){2,}[^\W_]+|\d{4,}")  # "bo-truong-tiep-dai-su" or an article number


def normalise(url: str) -> str:
    """One spelling per page: scheme and host lower-cased, default port, fragment and tracking
    parameters dropped, a mobile mirror (`m.`) mapped to its desktop host."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {url!r}")
    host = parts.netloc.lower()
    for prefix in MOBILE_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix):]
            break
    query = "&".join(p for p in parts.query.split("&") if p and not _TRACKER.match(p.split("=", 1)[0]))
    cleaned = urlunsplit((parts.scheme.lower(), host, parts.path or "/", query, ""))
    return normalize_url(cleaned)


def host_of(url: str) -> str:
    return (urlsplit(url).netloc or "").lower()


def site_root(url: str) -> str:
    p = urlsplit(url)
    return f"{p.scheme}://{p.netloc}"


def _bare(host: str) -> str:
    host = host.split(":")[0]
    return host[4:] if host.startswith("www.") else host


def same_site(url: str, other: str) -> bool:
    """Both URLs on one site: the same registered domain (www.x.vn, rss.x.vn and x.vn are one site;
    a.gov.vn and b.gov.vn are two), or the same host where there is no domain (an IP address)."""
    a, b = extract_domain(url, fast=True), extract_domain(other, fast=True)
    if a and b:
        return a == b
    return _bare(host_of(url)) == _bare(host_of(other))


def looks_like_article(url: str) -> bool:
    """An article page of a news site: not a section, tag, video, gallery, login or file, and its
    last path segment reads like an article slug or number."""
    if check_url(url, strict=False) is None and not _local(url):
        return False
    if is_navigation_page(url) or is_not_crawlable(url):
        return False
    path = urlsplit(url).path
    if _NOT_ARTICLE.search(path.lower()):
        return False
    last = path.rstrip("/").rsplit("/", 1)[-1]
    stem = last.rsplit(".", 1)[0] if "." in last else last
    return bool(_SLUG.search(stem))


def _local(url: str) -> bool:
    """A host courlan refuses as a web domain (an IP address, localhost): still a page if asked."""
    host = (urlsplit(url).hostname or "")
    return host == "localhost" or bool(re.fullmatch(r"[\d.]+|\[[0-9a-f:]+\]", host))
