"""The web UI in a real browser: `vndiplo serve` as a subprocess, Debian's chromium driven by Playwright.

Screenshots go to test-artifacts/ (desktop and phone widths).
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
ARTIFACTS = ROOT / "test-artifacts"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(seeded_file):
    port = _free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "vndiplo", "serve", "--db", str(seeded_file), "--port", str(port)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90  # a loaded machine may take a while to import and start it
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/api/documents", timeout=1).read()
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"vndiplo serve exited: {proc.stderr.read().decode()}")
            time.sleep(0.1)
    else:
        proc.kill()
        pytest.fail("vndiplo serve did not start")
    yield url
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        if os.environ.get("CI"):
            pytest.fail("chromium is required in CI")
        pytest.skip("chromium not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture(params=[(1280, 900), (390, 844)], ids=["desktop", "phone"])
def page(request, browser):
    w, h = request.param
    ctx = browser.new_context(viewport={"width": w, "height": h}, locale="vi-VN")
    pg = ctx.new_page()
    pg.size_name = request.node.callspec.id
    yield pg
    ctx.close()


def _shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}-{page.size_name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
    return path


def test_search_open_event_and_dossier(server, page):
    page.goto(server + "/")
    # Search without diacritics from the box in the header.
    page.fill("#q", "prak sokhonn")
    page.press("#q", "Enter")
    page.wait_for_url("**/search?q=*")
    hits = page.locator("li.hit")
    assert hits.count() >= 3
    assert page.locator("li.hit mark").first.inner_text() == "Prak Sokhonn"
    assert page.locator("a.facet[data-facet=country]").filter(has_text="Campuchia").count() == 1
    _shot(page, "search")

    # From the home page, open the Cambodia dossier, then the latest meeting from it.
    page.goto(server + "/")
    _shot(page, "home")
    page.locator("ul.chips a", has_text="Campuchia").click()
    page.wait_for_url("**/countries/KH")
    card = page.locator("section.latest-meeting")
    assert "2025-10-27" in card.inner_text()
    assert "Lê Hoài Trung" in card.inner_text() and "Prak Sokhonn" in card.inner_text()
    assert card.locator(".target-value").inner_text() == "20 tỷ USD"
    points = page.locator("svg.trade-chart rect.point.part")  # years to date: squares, not on a line
    assert points.count() == 2
    assert sorted(float(points.nth(i).get_attribute("data-value")) for i in range(2)) == [5.5e9, 7e9]
    assert page.locator("svg.trade-chart g.target.undated").get_attribute("data-value") == "20000000000"
    box = points.first.bounding_box()
    assert box and box["width"] > 0
    _shot(page, "country-KH")

    card.locator("a.date").click()
    page.wait_for_url("**/events/*")
    assert page.locator(".event-date").inner_text() == "2025-10-27"
    marks = page.locator("ol.sources blockquote mark")
    assert marks.count() == 2  # two articles report this meeting, each sentence highlighted
    assert all("Prak Sokhonn" in marks.nth(i).inner_text() for i in range(2))
    _shot(page, "event")


def test_person_timeline_and_network(server, page):
    page.goto(server + "/persons/Prak%20Sokhonn")
    assert page.locator("h1").inner_text().startswith("Prak Sokhonn")
    assert page.locator("svg.timeline circle.event-dot").count() == 3
    assert "Phó Thủ tướng" in page.locator("table.roles").inner_text()
    _shot(page, "person")
    page.goto(server + "/network")
    assert page.locator("svg.network g.node").count() >= 10
    assert page.locator("svg.network line.edge").count() >= 8
    _shot(page, "network")
    # Nothing wider than the viewport at phone width (the page reflows).
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"] + 1
