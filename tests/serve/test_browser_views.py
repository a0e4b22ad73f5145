"""The analyst's views in Debian's chromium at desktop and phone width (screenshots in test-artifacts/):
the events list filtered from its form, documents, figures, anniversaries, the English switch, the
network's links."""
from __future__ import annotations

from tests.serve.test_browser import _shot, browser, page, server  # noqa: F401  (fixtures)

import pytest

pytestmark = pytest.mark.browser


def _fits(page) -> None:
    """Nothing wider than the viewport (the page reflows at phone width)."""
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"] + 1


def test_events_list_filtered_from_the_form(server, page):
    page.goto(server + "/events")
    rows = page.locator("tr.event-row")
    assert rows.count() == 16
    page.select_option("select[name=country]", "KH")
    page.select_option("select[name=level]", "minister")
    page.select_option("select[name=venue]", "bilateral")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/events?*level=minister*")
    assert rows.count() == 1
    assert "Prak Sokhonn" in rows.first.inner_text() and "2025-10-27" in rows.first.inner_text()
    # The downloads are of this page: the same filters.
    csv_href = page.locator("a.dl-csv").get_attribute("href")
    assert "country=KH" in csv_href and "level=minister" in csv_href and "venue=bilateral" in csv_href
    _fits(page)
    _shot(page, "events-filtered")
    page.goto(server + "/events?sort=oldest&limit=5")
    assert page.locator("tr.event-row").first.locator("a.date").inner_text().startswith("2024-07")
    page.locator("a[rel=next]").click()
    page.wait_for_url("**offset=5*")
    assert page.locator("tr.event-row").count() == 5
    _fits(page)
    _shot(page, "events")


def test_documents_figures_anniversaries(server, page):
    page.goto(server + "/documents")
    assert page.locator("tr.doc-row").count() == 6
    _fits(page)
    _shot(page, "documents")
    page.goto(server + "/figures?country=KH")
    assert page.locator("svg.trade-chart rect.point.part").count() == 2
    assert page.locator("svg.trade-chart polyline").count() == 0  # two years to date: never one line
    assert page.locator("svg.trade-chart g.legend-item").count() == 2
    _fits(page)
    _shot(page, "figures")
    page.goto(server + "/anniversaries")
    assert page.locator("tr.anniversary-row").count() >= 1
    page.locator("a", has_text="12 tháng qua").click()
    page.wait_for_url("**past=true")
    assert page.locator("tr.anniversary-row").count() >= 1
    _fits(page)
    _shot(page, "anniversaries-past")


def test_english_switch_and_network_links(server, page):
    page.goto(server + "/countries/KH")
    page.locator(".langswitch a", has_text="EN").click()
    page.wait_for_url("**/countries/KH")
    assert page.locator("h1").inner_text() == "Viet Nam – Cambodia"
    assert "Minister of Foreign Affairs" in page.locator("section.latest-meeting").inner_text()
    assert "20 bn USD" in page.locator("section.target-history").inner_text()
    assert page.locator("table.commitments td.status").first.inner_text().startswith("Open")
    _shot(page, "country-KH-en")
    page.goto(server + "/events?level=head")
    assert page.locator("h1").inner_text() == "Events"
    assert "Head of state or government" in page.locator("tr.event-row").first.inner_text()
    _fits(page)
    _shot(page, "events-en")
    page.goto(server + "/search?q=Cambodia+foreign+minister")
    assert page.locator("li.hit").count() >= 1
    assert "Bộ trưởng Ngoại giao" in page.locator("li.hit mark").all_inner_texts()
    _shot(page, "search-en")
    page.goto(server + "/network")
    legend = page.locator("svg.network a.legend")
    assert legend.count() >= 4
    box, svg = legend.last.bounding_box(), page.locator("svg.network").bounding_box()
    assert box["x"] + box["width"] <= svg["x"] + svg["width"] + 1  # the legend fits in the drawing
    _shot(page, "network-en")
    page.locator('svg.network a.node-country[href="/countries/KH"]').first.click()
    page.wait_for_url("**/countries/KH")
    page.locator(".langswitch a", has_text="VI").click()
    page.wait_for_url("**/countries/KH")
    assert page.locator("h1").inner_text() == "Việt Nam – Campuchia"
