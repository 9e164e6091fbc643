"""The README's main command, opened in headless Chromium: tables, highlights, side-by-side view, filtering."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import CORPORA
from gkreview.cli import main

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
OUTPUT = Path(__file__).parent / "_output"


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Run the main command on the bundled sample corpus and return the HTML report."""
    out = tmp_path_factory.mktemp("report") / "report.html"
    code = main(["audit", str(CORPORA / "sample"), "-q", "--no-cache", "-o", str(out)])
    assert code == 1  # the sample holds real defects at error level
    return out


@pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed (scripts/install.sh installs it)")
def test_report_renders_in_chromium(report: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    OUTPUT.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(report.as_uri())
        assert all(u.startswith("file:") or u.startswith("data:") for u in requests), requests  # works offline
        rows = page.locator("#findings tbody tr")
        total = rows.count()
        assert total > 5
        # per-report tables render with the offending cells highlighted
        page.locator("details.report").evaluate_all("els => els.forEach(e => e.open = true)")
        assert page.locator("table.grid").count() >= 3
        assert page.locator("table.grid td.hl-error").count() >= 1
        # the side-by-side view of reused passages, template text greyed apart from reused text
        assert page.locator(".sbs").count() >= 1
        assert page.locator(".sbs div.reused").count() >= 2
        assert page.locator(".sbs div.tpl").count() >= 2
        page.screenshot(path=str(OUTPUT / "report.png"), full_page=False)
        # filtering the finding list by rule hides the other rows
        page.select_option("#f-sev", "error")
        visible_errors = page.locator("#findings tbody tr:visible").count()
        assert 0 < visible_errors < total
        assert page.locator("#f-count").inner_text() == str(visible_errors)
        page.fill("#f-text", "no-such-text-anywhere")
        assert page.locator("#findings tbody tr:visible").count() == 0
        browser.close()
