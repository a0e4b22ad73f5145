"""URL hygiene and the fetcher's own rules, without the CLI."""
from __future__ import annotations

import gzip
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest

from tests.gather.site import A1, BUSY, DOWN_HOST, HOST, SITE, LocalSite
from vndiplo.gather.http import Fetcher, FetchError, _decoder, _retry_after
from vndiplo.gather.settings import FetchSettings
from vndiplo.gather.urls import looks_like_article, normalise, same_site


@pytest.mark.parametrize("raw, clean", [
    ("HTTP://BaoQuocTe.vn:80/thoi-su/bai-viet-12345.html?utm_source=fb&fbclid=x#top",
     "http://baoquocte.vn/thoi-su/bai-viet-12345.html"),
    ("https://m.baoquocte.vn/bai-viet-12345.html?gclid=1&zarsrc=30", "https://baoquocte.vn/bai-viet-12345.html"),
    ("https://mobile.vnexpress.net/a-b-c-1.html?id=7&utm_medium=x", "https://vnexpress.net/a-b-c-1.html?id=7"),
    ("https://m.vn/bai-viet-1.html", "https://m.vn/bai-viet-1.html"),  # "m.vn" is a site, not a mirror
    ("https://www.baoquocte.vn", "https://www.baoquocte.vn/"),
])
def test_normalise_gives_one_spelling_per_page(raw, clean):
    assert normalise(raw) == clean


@pytest.mark.parametrize("bad", ["ftp://x.vn/a", "mailto:a@b.vn", "/relative/path.html", "javascript:void(0)", ""])
def test_normalise_refuses_what_is_not_a_web_page_address(bad):
    with pytest.raises(ValueError, match="not an http"):
        normalise(bad)


@pytest.mark.parametrize("url, article", [
    ("https://baoquocte.vn/bo-truong-tiep-dai-su-lao-12345.html", True),
    ("https://dangcongsan.vn/thoi-su/thu-tuong-hoi-dam-voi-thu-tuong-nhat-ban-700123.html", True),
    ("https://baochinhphu.vn/102250714163012345.htm", True),
    ("https://baoquocte.vn/thoi-su/", False),
    ("https://baoquocte.vn/", False),
    ("https://baoquocte.vn/tag/ngoai-giao-viet-nam", False),
    ("https://baoquocte.vn/video/le-don-chinh-thuc-12345.html", False),
    ("https://vnexpress.net/podcast/chuyen-ngoai-giao-so-5-123456.html", False),
    ("https://baoquocte.vn/dang-nhap", False),
    ("https://baoquocte.vn/uploads/anh-bo-truong-12345.jpg", False),
])
def test_looks_like_article(url, article):
    assert looks_like_article(url) is article


def test_retry_after_reads_seconds_and_http_dates():
    assert _retry_after("120") == 120.0
    later = datetime.now(timezone.utc) + timedelta(seconds=90)
    assert 80 <= _retry_after(format_datetime(later, usegmt=True)) <= 90
    assert _retry_after("not a date") is None and _retry_after(None) is None


def test_a_gzip_body_is_cut_at_the_limit_not_after_inflating_it():
    bomb = gzip.compress(b"\0" * (20 * 1024 * 1024))
    decode = _decoder("gzip")
    out = decode(bomb, 1000)
    assert len(out) > 1000 - 1 and len(out) <= 1001


def test_a_retry_after_longer_than_allowed_gives_up_at_once():
    site = LocalSite().start()
    waits = []
    try:
        settings = FetchSettings(delay=0, timeout=2, retries=3, backoff=0.01, max_retry_wait=0.5, proxy=site.proxy)
        with Fetcher(settings, sleep=waits.append) as f:
            with pytest.raises(FetchError, match="asked to retry after 1 s") as e:
                f.get(SITE + BUSY.path)
            assert e.value.status == 429 and e.value.transient
            assert f.get(SITE + A1.path).status == 200
    finally:
        site.stop()
    assert site.paths() == ["/robots.txt", BUSY.path, A1.path]
    assert {h.host for h in site.log} == {HOST}


@pytest.mark.parametrize("a, b, same", [
    ("https://www.baoquocte.vn/a", "https://baoquocte.vn/b", True),
    ("https://rss.baoquocte.vn/tin.rss", "https://baoquocte.vn/b", True),
    ("https://mofa.gov.vn/a", "https://chinhphu.gov.vn/b", False),
    ("https://baoquocte.vn/a", "https://baokhac.vn/a", False),
    ("http://127.0.0.1:8000/a", "http://127.0.0.1:8000/b", True),
    ("http://127.0.0.1:8000/a", "http://127.0.0.2:8000/b", False),
])
def test_same_site_compares_registered_domains(a, b, same):
    assert same_site(a, b) is same


def test_a_site_whose_robots_txt_does_not_answer_is_not_crawled_at_all():
    site = LocalSite().start()
    try:
        settings = FetchSettings(delay=0, timeout=2, retries=1, backoff=0.01, proxy=site.proxy)
        with Fetcher(settings) as f:
            for _ in range(2):
                with pytest.raises(FetchError, match="robots.txt unreachable .*HTTP 503") as e:
                    f.get(f"http://{DOWN_HOST}{A1.path}")
                assert e.value.transient
    finally:
        site.stop()
    assert site.paths(DOWN_HOST) == ["/robots.txt", "/robots.txt"]  # one try and one retry, then never again
