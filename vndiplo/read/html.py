"""HTML pages: main text via trafilatura, metadata from the page's own tags first."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from vndiplo.read.metadata import normalise_date

__all__ = ["HtmlPage", "extract_html", "looks_like_html"]

_HTML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                         re.IGNORECASE | re.DOTALL)
MIN_LETTERS = 20  # less than this is markup debris, not an article

# Meta tags that state when the article was published, most trusted first.
_DATE_META = ("article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
              "publish-date", "date", "dc.date", "dc.date.issued", "article:modified_time")


@dataclass
class HtmlPage:
    text: str  # paragraphs separated by blank lines
    title: str | None = None
    url: str | None = None
    published: str | None = None
    published_source: str | None = None
    published_confidence: float | None = None
    author: str | None = None
    sitename: str | None = None
    warnings: list[str] = field(default_factory=list)


def looks_like_html(text: str) -> bool:
    return bool(_HTML_START.match(text[:2000]))


_ARTICLE_TYPES = {"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting", "WebPage"}


def _ld_items(data, depth: int = 0):
    """The objects of a JSON-LD block: a list, an object, or an object holding an "@graph" list."""
    if depth > 3:
        return
    if isinstance(data, list):
        for x in data:
            yield from _ld_items(x, depth + 1)
    elif isinstance(data, dict):
        yield data
        if isinstance(data.get("@graph"), list):
            yield from _ld_items(data["@graph"], depth + 1)


def _meta(tree) -> dict[str, str]:
    out: dict[str, str] = {}
    for el in tree.iter("meta"):
        name = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = (el.get("content") or "").strip()
        if name and content and name not in out:
            out[name] = content
    for el in tree.iter("link"):
        if (el.get("rel") or "").lower() == "canonical" and el.get("href"):
            out.setdefault("canonical", el.get("href").strip())
    for el in tree.iter("script"):
        if (el.get("type") or "").lower() != "application/ld+json" or not el.text:
            continue
        try:
            data = json.loads(el.text)
        except ValueError:
            continue
        for item in _ld_items(data):
            if item.get("datePublished"):
                out.setdefault("datepublished", str(item["datePublished"]))
            kinds = item.get("@type")
            kinds = {k for k in (kinds if isinstance(kinds, list) else [kinds]) if isinstance(k, str)}
            if isinstance(item.get("url"), str) and kinds & _ARTICLE_TYPES:
                out.setdefault("ld:url", item["url"].strip())
    return out


def extract_html(html: str, source: str) -> HtmlPage:
    """The article of an HTML page; raises ValueError with the reason when there is none."""
    import lxml.html
    import trafilatura

    warnings = []
    tail = html[-3000:].lower()
    if "</html>" not in tail and "</body>" not in tail:
        warnings.append("truncated HTML (no closing </body> or </html>)")
    try:
        tree = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError) as e:
        raise ValueError(f"unparsable HTML: {e}") from e
    meta = _meta(tree)
    try:
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False, include_images=False,
            date_extraction_params={"extensive_search": False, "original_date": True})
    except Exception as e:  # trafilatura/htmldate fail on some broken trees (an assert in lxml's drop_tree)
        raise ValueError(f"HTML the article extractor cannot read ({type(e).__name__}: {e})") from e
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if sum(c.isalpha() for c in text) < MIN_LETTERS:
        raise ValueError("no article text found in the HTML" + (" (the page is truncated)" if warnings else ""))
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    page = HtmlPage(text="\n\n".join(paragraphs), warnings=warnings)
    page.title = meta.get("og:title") or getattr(doc, "title", None)
    from vndiplo.read.loader import web_url

    # The first http(s) address the page gives itself (a javascript: og:url is no address).
    page.url = next((u for u in (meta.get("og:url"), meta.get("canonical"), meta.get("ld:url"),
                                 getattr(doc, "url", None)) if web_url(u)), None)
    page.author = meta.get("author") or meta.get("article:author") or getattr(doc, "author", None)
    page.sitename = meta.get("og:site_name") or getattr(doc, "sitename", None)
    for key in _DATE_META:
        d = normalise_date(meta.get(key))
        if d:
            conf = 0.7 if key == "article:modified_time" else 1.0
            page.published, page.published_source, page.published_confidence = d, "metadata", conf
            break
    if page.published is None and getattr(doc, "date", None):
        page.published = normalise_date(doc.date)
        if page.published:
            page.published_source, page.published_confidence = "html", 0.6
    return page
