"""Pages per minute fetched and ingested by `vndiplo crawl`, against a local site, politeness delay off.

Usage: python bench/bench_fetch.py [--pages N] [--db URL]

The site is the tests' news site (tests/gather/site.py) grown to N distinct articles listed
in one sitemap, with no Crawl-delay, served on 127.0.0.1 and reached as a proxy. The figure
is the whole command as a user runs it (start-up, robots.txt, sitemap, N fetches, cleaning,
storing, dedup), with --delay 0 and --no-extract. Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._measure import machine, run  # noqa: E402
from tests.gather import site as testsite  # noqa: E402

COUNTRIES = ("Lào", "Campuchia", "Nhật Bản", "Hàn Quốc", "Ấn Độ", "Singapore", "Brazil", "Australia", "Pháp", "Đức")


def _article(i: int) -> testsite.Article:
    country = COUNTRIES[i % len(COUNTRIES)]
    day = 1 + i % 28
    return testsite.Article(
        f"/thoi-su/bo-truong-tiep-dai-su-{i}-nhan-dip-ket-thuc-nhiem-ky-{20000 + i}.html",
        f"Bộ trưởng Ngoại giao tiếp Đại sứ {country} (bài {i})",
        (f"Chiều {day}/7, tại Hà Nội, Bộ trưởng Ngoại giao đã tiếp Đại sứ {country} tại Việt Nam đến chào từ biệt "
         f"nhân dịp kết thúc nhiệm kỳ công tác; đây là cuộc tiếp thứ {i} trong năm.",
         f"Hai bên nhất trí thúc đẩy hợp tác kinh tế, thương mại và đầu tư, phấn đấu đưa kim ngạch thương mại "
         f"song phương lên {5 + i % 40} tỷ USD, tăng cường giao lưu nhân dân và hợp tác địa phương./."),
        date_meta=f"2025-07-{day:02d}T10:00:00+07:00")


class BenchSite(testsite.LocalSite):
    def __init__(self, n: int) -> None:
        super().__init__()
        self.articles = {a.path: a for a in map(_article, range(n))}
        self.sitemap = testsite._urlset(list(self.articles)).encode()

    def _answer(self, host, path, n, req):
        html = {"Content-Type": "text/html; charset=utf-8"}
        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /noi-bo/\n"
        if path == "/sitemap.xml":
            return 200, {"Content-Type": "application/xml"}, self.sitemap
        if path in self.articles:
            return 200, html, testsite._page(self.articles[path]).encode()
        return super()._answer(host, path, n, req)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--db", default=None, help="store URL (default: a temporary SQLite file)")
    args = ap.parse_args()
    print(machine())
    site = BenchSite(args.pages).start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            db = args.db or f"sqlite:///{tmp}/bench.db"
            cmd = [sys.executable, "-m", "vndiplo", "crawl", f"{testsite.SITE}/sitemap.xml", "--db", db,
                   "--no-extract", "--delay", "0", "--proxy", site.proxy]
            r = run(cmd, env={"PYTHONPATH": str(ROOT)}, cwd=str(ROOT))
            line = next((ln for ln in reversed(r.stderr.splitlines()) if " found, " in ln), r.stderr[-300:])
            stored = int(re.search(r"(\d+) stored", line).group(1)) if " stored" in line else 0
            print(f"crawl of {args.pages} pages: exit {r.returncode}; {line}")
            print(f"  {r.seconds:.1f} s wall, {r.cpu_seconds:.1f} s CPU, peak {r.peak_mb:.0f} MB")
            print(f"  {stored / r.seconds * 60:.0f} pages/minute fetched and ingested (wall clock, start-up included)")
            print(f"  {len(site.paths())} requests seen by the site")
    finally:
        site.stop()


if __name__ == "__main__":
    main()
