"""Screenshots of the HTML report for reports/ (README): the seed and the shared 上海 2024 PDF.

    python tools/report_screenshots.py          # writes reports/html-*.png

Needs Debian's chromium + chromium-driver and a CJK font (apt-get install fonts-wqy-zenhei), selenium.
Each shot opens the report from file://, selects the first contradicted claim (the side panel then shows
stated vs expected, base and evidence cells) and scrolls the narrative to it.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from test_html_browser import chrome  # noqa: E402

from juesuan.checks import check_document  # noqa: E402
from juesuan.pipeline import load_document  # noqa: E402
from juesuan.report import render  # noqa: E402

DOCS = [
    ("corpus/luoyang-xigong-2023.txt", "html-seed", "18.01%"),
    ("../shared/corpus-real/shanghai-putuo-shehuigongzuobu-2024.pdf", "html-shanghai-2024", "9.55%"),
]


def main() -> None:
    import os

    os.chdir(ROOT)
    d = chrome()
    try:
        for doc, name, needle in DOCS:
            result = check_document(load_document(doc))
            with tempfile.TemporaryDirectory() as tmp:
                page = Path(tmp) / "report.html"
                page.write_text(render(result, "html"), encoding="utf-8")
                d.get(page.as_uri())
                time.sleep(0.3)
                d.save_screenshot(str(ROOT / "reports" / f"{name}-top.png"))
                i = next(k for k, c in enumerate(result.judged) if c.status == "contradicted" and needle in c.text)
                d.execute_script(f"document.getElementById('k{i}').click();"
                                 f"document.getElementById('k{i}').scrollIntoView({{block:'center'}});")
                time.sleep(0.3)
                d.save_screenshot(str(ROOT / "reports" / f"{name}-claim.png"))
                print(name, "ok")
    finally:
        d.quit()


if __name__ == "__main__":
    main()
