"""A small Vietnamese news site served on 127.0.0.1 for the acquisition tests.

The server is reached as an HTTP proxy (the fetcher's --proxy), so pages keep real-looking
host names (`baongoaigiao.example`, reserved and never on the internet) while every byte
stays on the loopback interface. Every request is logged: host, path, headers, time.

Its pages: articles with navigation, related news, share and follow boxes; an RSS feed, an
Atom feed, a sitemap index with a gzipped sitemap; robots.txt with a disallowed folder and a
Crawl-delay; a redirect, a 404, a 429 with Retry-After, a 500 then success, a page slower
than the timeout, a page over the size limit, a gzip bomb, a PDF, and duplicate links with
tracking parameters and a mobile host.
"""
from __future__ import annotations

import functools
import gzip
import hashlib
import threading
import time
from dataclasses import dataclass
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

HOST = "baongoaigiao.example"
SITE = f"http://{HOST}"
CRAWL_DELAY = 0.05
SLOW_SECONDS = 2.5
BOMB_BYTES = 16 * 1024 * 1024  # what the gzip bomb expands to (the tests allow 1 MB)
OVERSIZE_BYTES = 1_200_000  # past the tests' 1 MB limit
LAST_MODIFIED = formatdate(1752465600, usegmt=True)  # 14 Jul 2025


@dataclass(frozen=True)
class Article:
    path: str
    title: str
    body: tuple[str, ...]
    date_meta: str | None = None  # article:published_time
    json_ld: str | None = None  # datePublished in JSON-LD
    date_line: str | None = None  # the visible date stamp under the headline
    related: tuple[str, ...] = ()  # paths of other articles linked in "Tin liên quan"


A1 = Article(
    "/thoi-su/bo-truong-ngoai-giao-tiep-dai-su-lao-12001.html",
    "Bộ trưởng Ngoại giao tiếp Đại sứ Lào chào từ biệt",
    ("Chiều 14/7, tại trụ sở Bộ Ngoại giao, Bộ trưởng Ngoại giao đã tiếp Đại sứ Lào tại Việt Nam đến chào "
     "từ biệt nhân dịp kết thúc nhiệm kỳ công tác.",
     "Bộ trưởng đánh giá cao những đóng góp của Đại sứ đối với quan hệ hữu nghị vĩ đại, đoàn kết đặc biệt và "
     "hợp tác toàn diện giữa hai nước, đặc biệt trong thúc đẩy hợp tác kinh tế, thương mại và đầu tư.",
     "Đại sứ cảm ơn sự hỗ trợ quý báu của Bộ Ngoại giao và khẳng định sẽ tiếp tục đóng góp cho quan hệ hai "
     "nước trên cương vị mới./."),
    date_meta="2025-07-14T16:30:00+07:00", date_line="Thứ Hai, 14/07/2025 16:30 (GMT+7)",
    related=("/the-gioi/viet-nam-du-hoi-nghi-bo-truong-asean-12004.html",))
A2 = Article(  # no date in the page at all: the feed's date must stand in
    "/thoi-su/thu-truong-dien-dam-voi-thu-truong-ngoai-giao-campuchia-12002.html",
    "Thứ trưởng điện đàm với Thứ trưởng Ngoại giao Campuchia",
    ("Thứ trưởng Ngoại giao đã có cuộc điện đàm với Quốc vụ khanh Bộ Ngoại giao Campuchia về việc chuẩn bị "
     "cho kỳ họp sắp tới của Ủy ban hỗn hợp về hợp tác kinh tế, văn hóa, khoa học kỹ thuật giữa hai nước.",
     "Hai bên nhất trí phối hợp chặt chẽ để kỳ họp đạt kết quả thiết thực, thúc đẩy thương mại song phương "
     "và kết nối hạ tầng giao thông giữa các tỉnh biên giới./."))
A3 = Article(
    "/the-gioi/viet-nam-va-nhat-ban-trao-doi-ve-hop-tac-12003.html",
    "Việt Nam và Nhật Bản trao đổi về hợp tác địa phương",
    ("Ngày 10/7, tại Tokyo, Đại sứ Việt Nam tại Nhật Bản đã làm việc với lãnh đạo tỉnh Nagano về thúc đẩy "
     "hợp tác địa phương giữa hai nước trong các lĩnh vực nông nghiệp, du lịch và đào tạo nguồn nhân lực.",
     "Hai bên đánh giá cao kết quả hợp tác thời gian qua và nhất trí tăng cường trao đổi đoàn các cấp, "
     "hỗ trợ doanh nghiệp tìm hiểu cơ hội đầu tư./."),
    json_ld="2025-07-10T09:00:00+09:00")
A4 = Article(  # only reached by --follow or the sitemap: linked from A1's related news
    "/the-gioi/viet-nam-du-hoi-nghi-bo-truong-asean-12004.html",
    "Việt Nam dự Hội nghị Bộ trưởng Ngoại giao ASEAN",
    ("Từ ngày 8 đến 11/7, Bộ trưởng Ngoại giao dẫn đầu đoàn Việt Nam tham dự Hội nghị Bộ trưởng Ngoại giao "
     "ASEAN lần thứ 58 và các hội nghị liên quan tại Kuala Lumpur, Malaysia.",
     "Tại hội nghị, các bộ trưởng đã trao đổi về việc xây dựng Cộng đồng ASEAN, quan hệ đối ngoại và các "
     "vấn đề quốc tế, khu vực cùng quan tâm./."),
    date_line="Thứ Sáu, 11/07/2025 20:15")
MOVED = Article(  # OLD_PATH redirects here
    "/thoi-su/doan-dai-bieu-quoc-hoi-tham-singapore-12005.html",
    "Đoàn đại biểu Quốc hội thăm Singapore",
    ("Ngày 12/7, đoàn đại biểu Quốc hội Việt Nam đã thăm và làm việc tại Singapore, hội kiến Chủ tịch Quốc "
     "hội Singapore và trao đổi về hợp tác giữa hai cơ quan lập pháp.",
     "Hai bên nhất trí tăng cường trao đổi kinh nghiệm lập pháp và giám sát, thúc đẩy hợp tác kinh tế số và "
     "năng lượng sạch./."),
    date_meta="2025-07-12T18:00:00+07:00")
BUSY = Article(  # 429 with Retry-After on the first request
    "/thoi-su/viet-nam-va-an-do-hop-uy-ban-hon-hop-12006.html",
    "Việt Nam và Ấn Độ họp Ủy ban hỗn hợp",
    ("Ngày 9/7, tại New Delhi, Bộ trưởng Ngoại giao và Bộ trưởng Ngoại giao Ấn Độ đồng chủ trì Kỳ họp lần "
     "thứ 19 Ủy ban hỗn hợp Việt Nam - Ấn Độ về hợp tác kinh tế, thương mại, khoa học và kỹ thuật.",
     "Hai bên nhất trí phấn đấu nâng kim ngạch thương mại song phương lên 20 tỷ USD trong thời gian tới./."),
    date_meta="2025-07-09T12:00:00+07:00")
FLAKY = Article(  # 500 on the first request, then the page
    "/thoi-su/pho-thu-tuong-tiep-bo-truong-ngoai-giao-brazil-12007.html",
    "Phó Thủ tướng tiếp Bộ trưởng Ngoại giao Brazil",
    ("Chiều 8/7, tại Hà Nội, Phó Thủ tướng đã tiếp Bộ trưởng Ngoại giao Brazil đang thăm chính thức Việt Nam.",
     "Phó Thủ tướng đề nghị hai bên tăng cường hợp tác trong các lĩnh vực nông nghiệp, năng lượng, khoa học "
     "công nghệ và mở rộng thị trường cho hàng hóa của nhau./."),
    date_meta="2025-07-08T17:00:00+07:00")
OLD = Article(  # a year old: `--since` leaves it out by its feed date, without fetching it
    "/thoi-su/bai-viet-tu-nam-ngoai-da-cu-11001.html", "Việt Nam và Lào ký kế hoạch hợp tác năm 2024",
    ("Ngày 1/7/2024, tại Viêng Chăn, hai Bộ trưởng Ngoại giao đã ký kế hoạch hợp tác giữa hai Bộ năm 2024, "
     "nhất trí tăng cường trao đổi đoàn và tham khảo chính trị thường niên./.",),
    date_meta="2024-07-01T08:00:00+07:00")
SECRET = Article(  # under the folder robots.txt disallows
    "/noi-bo/ke-hoach-cong-tac-thang-tam-12008.html", "Kế hoạch công tác tháng Tám",
    ("Đây là trang nội bộ mà robots.txt không cho phép thu thập; nếu nó xuất hiện trong kho thì trình thu "
     "thập đã không tôn trọng quy định của trang./.",))

ARTICLES = {a.path: a for a in (A1, A2, A3, A4, MOVED, BUSY, FLAKY, OLD, SECRET)}
OLD_PATH = "/bai-cu/doan-dai-bieu-quoc-hoi-tham-singapore-11999.html"
MISSING = "/thoi-su/bai-viet-da-bi-go-bo-khoi-trang-12404.html"
SLOW = "/thoi-su/bai-viet-tai-rat-cham-tren-may-chu-12408.html"
HUGE = "/thoi-su/bai-viet-co-dung-luong-qua-lon-12413.html"
BOMB = "/thoi-su/bai-viet-nen-gzip-bat-thuong-12414.html"
PDF = "/thoi-su/thong-cao-bao-chi-chung-viet-nam-lao-12415.html"
VIDEO = "/video/clip-le-don-chinh-thuc-tai-phu-chu-tich-12501.html"
TAG = "/tag/ngoai-giao/"
FEED_DATE_A2 = "2025-07-13"  # the RSS item's pubDate for A2 (17:00 +07:00 on 13 July)


def _page(a: Article) -> str:
    metas = [f'<meta property="og:title" content="{a.title}">',
             f'<meta property="og:url" content="{SITE}{a.path}">',
             '<meta property="og:site_name" content="Báo Ngoại giao">']
    if a.date_meta:
        metas.append(f'<meta property="article:published_time" content="{a.date_meta}">')
    if a.json_ld:
        metas.append('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",'
                     f' "headline": "{a.title}", "datePublished": "{a.json_ld}"}}</script>')
    related = "".join(f'<li><a href="{p}">{ARTICLES[p].title}</a></li>' for p in a.related)
    body = "".join(f"<p>{p}</p>" for p in a.body)
    stamp = f'<div class="date-time">{a.date_line}</div>' if a.date_line else ""
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{a.title} | Báo Ngoại giao</title>
{''.join(metas)}
<link rel="canonical" href="{a.path}">
<link rel="alternate" type="application/rss+xml" href="/rss/thoi-su.rss">
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
</head><body>
<header class="site-header"><a href="/" class="logo">Báo Ngoại giao</a>
<nav class="menu"><ul><li><a href="/thoi-su/">Thời sự</a></li><li><a href="/the-gioi/">Thế giới</a></li>
<li><a href="{TAG}">Ngoại giao</a></li><li><a href="{VIDEO}">Video</a></li><li><a href="/dang-nhap">Đăng nhập</a></li>
</ul></nav></header>
<div class="breadcrumb"><a href="/">Trang chủ</a> › <a href="/thoi-su/">Thời sự</a></div>
<main><article class="detail">
<h1 class="title">{a.title}</h1>
{stamp}
<div class="share"><a href="#">Chia sẻ Facebook</a> <a href="#">Zalo</a> <a href="#">In bài</a></div>
<div class="content">{body}</div>
<div class="related"><h3>Tin liên quan</h3><ul>{related}</ul></div>
<div class="follow">Theo dõi Báo Ngoại giao trên Google News</div>
</article>
<aside class="most-read"><h3>Đọc nhiều</h3><ul><li><a href="{A2.path}?utm_source=most-read">{A2.title}</a>
</li><li><a href="/video/">Video</a></li></ul></aside></main>
<footer>© Báo Ngoại giao. Giấy phép số 123/GP-BTTTT. Liên hệ quảng cáo: 024 0000 0000.</footer>
</body></html>"""


def _home() -> str:
    links = "".join(f'<li><a href="{p}">{a.title}</a></li>' for p, a in ARTICLES.items() if p != SECRET.path)
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Báo Ngoại giao</title>
<link rel="alternate" type="application/rss+xml" title="Thời sự" href="/rss/thoi-su.rss">
</head><body><nav><a href="/thoi-su/">Thời sự</a> <a href="{TAG}">Ngoại giao</a></nav>
<ul class="latest">{links}</ul><footer>© Báo Ngoại giao</footer></body></html>"""


RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Báo Ngoại giao - Thời sự</title><link>{SITE}/</link>
<description>Tin thời sự</description>
<item><title>{A1.title}</title><link>{SITE}{A1.path}?utm_source=rss&amp;utm_medium=feed</link>
<pubDate>Mon, 14 Jul 2025 16:30:00 +0700</pubDate></item>
<item><title>{A2.title}</title><link>{SITE}{A2.path}</link><pubDate>Sun, 13 Jul 2025 17:00:00 +0700</pubDate></item>
<item><title>{A3.title}</title><link>{SITE}{A3.path}#binh-luan</link><pubDate>Thu, 10 Jul 2025 09:00:00 +0700</pubDate></item>
<item><title>Clip lễ đón</title><link>{SITE}{VIDEO}</link><pubDate>Mon, 14 Jul 2025 08:00:00 +0700</pubDate></item>
<item><title>Ngoại giao</title><link>{SITE}{TAG}</link></item>
<item><title>Nội bộ</title><link>{SITE}{SECRET.path}</link><pubDate>Mon, 14 Jul 2025 08:00:00 +0700</pubDate></item>
<item><title>Báo khác</title><link>http://baokhac.example/thoi-su/mot-bai-bao-khac-hoan-toan-777.html</link></item>
<item><title>{OLD.title}</title><link>{SITE}{OLD.path}</link>
<pubDate>Mon, 01 Jul 2024 08:00:00 +0700</pubDate></item>
</channel></rss>"""

RSS_ETAG = '"rss-2025-07-14"'

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Báo Ngoại giao - Thế giới</title>
<link rel="self" href="{SITE}/atom/the-gioi.xml"/><id>{SITE}/atom/the-gioi.xml</id><updated>2025-07-14T10:00:00+07:00</updated>
<entry><title>{A3.title}</title><link rel="alternate" href="{SITE}{A3.path}?fbclid=abc123"/>
<id>{SITE}{A3.path}</id><updated>2025-07-10T09:00:00+07:00</updated></entry>
<entry><title>{A1.title}</title><link rel="alternate" href="http://m.{HOST}{A1.path}?utm_campaign=x"/>
<id>tag:{HOST},2025:12001</id><updated>2025-07-14T16:30:00+07:00</updated></entry>
<entry><title>{A2.title}</title><link rel="alternate" href="{SITE}{A2.path}?gclid=zz"/>
<id>tag:{HOST},2025:12002</id><updated>2025-07-13T17:00:00+07:00</updated></entry>
</feed>"""

SITEMAP_INDEX = f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{SITE}/sitemaps/bai-viet-2025-07.xml.gz</loc></sitemap>
<sitemap><loc>{SITE}/sitemaps/kiem-tra.xml</loc></sitemap>
</sitemapindex>"""


def _urlset(paths) -> str:
    urls = "".join(f"<url><loc>{SITE}{p}</loc></url>" for p in paths)
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'


SITEMAP_ARTICLES = gzip.compress(_urlset([A1.path, A4.path, f"{A3.path}?utm_source=sitemap", VIDEO]).encode())
SITEMAP_TROUBLE = _urlset([OLD_PATH, MISSING, BUSY.path, FLAKY.path, SLOW, HUGE, BOMB, PDF, SECRET.path])
ROBOTS = f"User-agent: *\nDisallow: /noi-bo/\nCrawl-delay: {CRAWL_DELAY}\n\nSitemap: {SITE}/sitemap_index.xml\n"


# Two more sites whose home pages name no feed: one lists a sitemap in robots.txt, one has only links.
SITEMAP_HOST, LINKS_HOST = "tapchingoaigiao.example", "bantindoingoai.example"
PLAIN_SITES = (SITEMAP_HOST, LINKS_HOST)
DOWN_HOST = "baotamngung.example"
PLAIN_ARTICLES = (A3, A4)  # served on both, under the same paths


def _plain_site(host: str, path: str) -> tuple[int, dict[str, str], bytes]:
    html = {"Content-Type": "text/html; charset=utf-8"}
    if path == "/robots.txt":
        text = f"User-agent: *\nAllow: /\nSitemap: http://{host}/so-do/bai-viet.xml\n" if host == SITEMAP_HOST else ""
        return (200, {"Content-Type": "text/plain"}, text.encode()) if text else (404, html, b"")
    if path == "/":
        links = "".join(f'<li><a href="{a.path}">{a.title}</a></li>' for a in PLAIN_ARTICLES)
        page = (f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{host}</title></head><body>'
                f'<nav><a href="/thoi-su/">Thời sự</a> <a href="{TAG}">Ngoại giao</a></nav><ul>{links}</ul></body></html>')
        return 200, html, page.encode()
    if path == "/so-do/bai-viet.xml" and host == SITEMAP_HOST:
        urls = "".join(f"<url><loc>http://{host}{a.path}</loc></url>" for a in PLAIN_ARTICLES)
        return 200, {"Content-Type": "application/xml"}, (
            '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{urls}</urlset>").encode()
    a = next((a for a in PLAIN_ARTICLES if a.path == path), None)
    if a is None:
        return 404, html, b"<html><body>404</body></html>"
    return 200, html, _page(a).replace(SITE, f"http://{host}").encode()


@functools.cache
def _bomb() -> bytes:
    return gzip.compress(b"<html><body>" + b" " * BOMB_BYTES, compresslevel=9)


@dataclass
class Hit:
    host: str
    path: str  # with its query
    headers: dict[str, str]
    at: float  # time.monotonic() when the request arrived
    status: int = 0


class LocalSite:
    """The server and its log; start() returns the proxy URL to give the fetcher."""

    def __init__(self) -> None:
        self.log: list[Hit] = []
        self.counts: dict[str, int] = {}
        self.lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # the test reads site.log instead
                pass

            def do_GET(self) -> None:
                site._handle(self)

        class Server(ThreadingHTTPServer):
            def handle_error(self, request, client_address) -> None:  # a client that hung up: expected here
                pass

        self.server = Server(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def proxy(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> "LocalSite":
        _bomb()  # made before serving: compressing it must not count against the client's timeout
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # -- what the tests read -------------------------------------------------------------------

    def paths(self, host: str = HOST) -> list[str]:
        with self.lock:
            return [h.path for h in self.log if h.host == host]

    def hits(self, path: str) -> list[Hit]:
        with self.lock:
            return [h for h in self.log if h.path.split("?")[0] == path]

    def clear(self) -> None:
        with self.lock:
            self.log.clear()

    # -- answering -----------------------------------------------------------------------------

    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        target = urlsplit(h.path)
        host = target.netloc or h.headers.get("Host", "")
        path = target.path + (f"?{target.query}" if target.query else "")
        hit = Hit(host, path, {k.lower(): v for k, v in h.headers.items()}, time.monotonic())
        with self.lock:
            self.log.append(hit)
            n = self.counts[path] = self.counts.get(path, 0) + 1
        status, headers, body = self._answer(host, target.path, n, hit.headers)
        hit.status = status
        try:
            if status == -1:  # the slow page: keep the client waiting past its timeout
                time.sleep(SLOW_SECONDS)
                status, headers, body = 200, {"Content-Type": "text/html; charset=utf-8"}, _page(A4).encode()
            h.send_response(status)
            for k, v in headers.items():
                h.send_header(k, v)
            if "Content-Length" not in headers:
                h.send_header("Content-Length", str(len(body)))
            h.end_headers()
            h.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _answer(self, host: str, path: str, n: int, req: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        html = {"Content-Type": "text/html; charset=utf-8"}
        if host in PLAIN_SITES:
            return _plain_site(host, path)
        if host == DOWN_HOST:  # its robots.txt never answers: nothing of it may be fetched
            return (503, {"Retry-After": "0"}, b"busy") if path == "/robots.txt" else (200, html, _page(A1).encode())
        if host not in (HOST, f"{HOST}:80"):
            return 404, html, b"<html><body>no such site</body></html>"
        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, ROBOTS.encode()
        if path == "/":
            return 200, html, _home().encode()
        if path == "/rss/thoi-su.rss":
            if req.get("if-none-match") == RSS_ETAG:
                return 304, {"ETag": RSS_ETAG}, b""
            return 200, {"Content-Type": "application/rss+xml; charset=utf-8", "ETag": RSS_ETAG}, RSS.encode()
        if path == "/atom/the-gioi.xml":
            return 200, {"Content-Type": "application/atom+xml; charset=utf-8"}, ATOM.encode()
        if path == "/sitemap_index.xml":
            return 200, {"Content-Type": "application/xml"}, SITEMAP_INDEX.encode()
        if path == "/sitemaps/bai-viet-2025-07.xml.gz":
            return 200, {"Content-Type": "application/gzip"}, SITEMAP_ARTICLES
        if path == "/sitemaps/kiem-tra.xml":
            return 200, {"Content-Type": "application/xml"}, SITEMAP_TROUBLE.encode()
        if path == OLD_PATH:
            return 301, {"Location": MOVED.path}, b""
        if path == BUSY.path and n == 1:
            return 429, {"Retry-After": "1"}, b"Too Many Requests"
        if path == FLAKY.path and n == 1:
            return 500, html, b"<html><body>Internal Server Error</body></html>"
        if path == SLOW:
            return -1, {}, b""
        if path == HUGE:
            return 200, html, b"<html><body>" + b"<p>x</p>" * (OVERSIZE_BYTES // 8) + b"</body></html>"
        if path == BOMB:
            return 200, {**html, "Content-Encoding": "gzip"}, _bomb()
        if path == PDF:
            return 200, {"Content-Type": "application/pdf"}, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n"
        a = ARTICLES.get(path)
        if a is None:
            return 404, html, "<html><body><h1>404</h1><p>Trang bạn tìm kiếm không tồn tại.</p></body></html>".encode()
        body = _page(a).encode()
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if req.get("if-none-match") == etag:
            return 304, {"ETag": etag}, b""
        return 200, {**html, "ETag": etag, "Last-Modified": LAST_MODIFIED}, body
