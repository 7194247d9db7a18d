"""End to end in a real browser: the seed's HTML report opened from file:// in headless Chromium (Debian's
`chromium` + `chromium-driver`, installed by .ci/run), a contradicted claim selected, the panel read back.
Skips with the reason only where no browser or driver is installed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from juesuan.checks import check_document
from juesuan.pipeline import load_document
from juesuan.report import render

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "luoyang-xigong-2023.txt"
BROWSERS = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")


def chrome(downloads: Path | None = None, width: int = 1400):
    """A headless Chromium driven by the system chromedriver (never downloads a browser or driver); files it
    downloads go to ``downloads``, without asking."""
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium not installed (pip install -e '.[test]')")
    from selenium.webdriver.chrome.service import Service

    browser = next((b for b in BROWSERS if Path(b).exists()), None)
    driver = shutil.which("chromedriver") or next((d for d in ("/usr/bin/chromedriver",) if Path(d).exists()), None)
    if browser is None or driver is None:
        pytest.skip("no Chromium/chromedriver installed (apt-get install chromium chromium-driver; .ci/run does it)")
    opts = webdriver.ChromeOptions()
    opts.binary_location = browser
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", f"--window-size={width},1000"):
        opts.add_argument(a)
    if downloads is not None:
        opts.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                               "download.prompt_for_download": False})
    return webdriver.Chrome(service=Service(driver), options=opts)


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory):
    result = check_document(load_document(SEED))
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(render(result, "html"), encoding="utf-8")
    return result, path


def test_select_contradicted_claim_in_chromium(seed_report):
    from selenium.webdriver.common.by import By

    result, path = seed_report
    # the N004 claim: 449.76 / 2485.35 = 0.18096… → 18.10%, the narrative states 18.01%
    i = next(k for k, c in enumerate(result.judged) if c.status == "contradicted" and "18.01%" in c.text)
    d = chrome()
    try:
        d.get(path.as_uri())
        assert "部门决算审核报告" in d.title
        icon = d.find_element(By.ID, f"k{i}")
        assert icon.text == "✗"
        d.execute_script("arguments[0].scrollIntoView({block:'center'})", icon)
        icon.click()
        panel = d.find_element(By.ID, "panel-body")
        assert "矛盾" in panel.text
        assert d.find_element(By.CSS_SELECTOR, "#panel-body .stated").text == "18.01%"
        assert d.find_element(By.CSS_SELECTOR, "#panel-body .expected").text == "18.10%"
        assert "全年实际执行数为449.76 万元" in panel.text
        # the marked text of the same claim is selected too
        assert d.find_elements(By.CSS_SELECTOR, f'.k.x.sel[data-k~="{i}"]')

        # the other direction: an evidence cell lists the claims that cite it; following one selects it
        cell = d.find_element(By.CSS_SELECTOR, "td.ev.x")
        d.execute_script("arguments[0].scrollIntoView({block:'center'})", cell)
        cell.click()
        assert "✗" in d.find_element(By.ID, "panel-body").text

        # filtering the findings: only N009 rows stay visible
        d.execute_script("const s=document.getElementById('frule'); s.value='N009'; s.dispatchEvent(new Event('change'))")
        visible = [r for r in d.find_elements(By.CSS_SELECTOR, "table.findings tbody tr") if r.is_displayed()]
        assert visible and all(r.get_attribute("data-rule") == "N009" for r in visible)
        errors = [e for e in d.get_log("browser") if e["level"] == "SEVERE"]
        assert not errors, errors  # no script error in the page
    finally:
        d.quit()
