"""Screenshots of the workbench (`juesuan serve`) for reports/ (README): upload, document list, a finding under
review.

    python tools/web_screenshots.py          # writes reports/web-upload.png, web-documents.png, web-review.png

Needs Debian's chromium + chromium-driver and a CJK font, selenium. Starts the real command on a free port with
a temporary data folder, uploads through the page the bundled example and three generated documents
(`juesuan synth`), reviews two findings of the example, and a second version of the example (its 18.01%
corrected) to show the reviews carried over.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from test_web_api import SEED, Server, finding  # noqa: E402
from test_web_browser import chrome, wait_for  # noqa: E402


def main() -> None:
    from selenium.webdriver.common.by import By

    from juesuan.synth import write_corpus

    out = ROOT / "reports"
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        synth = [p for p in write_corpus(tmp_path / "synth", 3, start_seed=11, formats=("txt",))
                 if p.suffix == ".txt"]
        srv = Server(tmp_path / "data").start()
        d = chrome(tmp_path)
        try:
            d.set_window_size(1500, 900)
            d.get(srv.url + "/")
            d.find_element(By.ID, "files").send_keys("\n".join(str(p) for p in [SEED, *synth]))
            wait_for(lambda: d.find_elements(By.CSS_SELECTOR, ".queue .item.done"))  # one checked, others on the way
            d.save_screenshot(str(out / "web-upload.png"))
            wait_for(lambda: len(d.find_elements(By.CSS_SELECTOR, ".queue .item.done, .queue .item.failed")) == 4)
            ids = [int(li.get_attribute("data-id")) for li in d.find_elements(By.CSS_SELECTOR, ".queue .item")]
            _, doc = srv.json("GET", f"/api/documents/{ids[0]}")
            n004, x007 = finding(doc["report"], "N004", "18.01%"), finding(doc["report"], "X007", "948.39")
            srv.json("PATCH", f"/api/findings/{x007['id']}",
                     {"status": "需说明", "note": "请说明年初预算 948.39 万元的口径（是否仅含一般公共预算）", "reviewer": "王审核"})
            srv.json("PATCH", f"/api/findings/{n004['id']}",
                     {"status": "已整改", "note": "执行率应为 18.10%，已通知单位更正", "reviewer": "王审核"})
            text = SEED.read_text(encoding="utf-8").replace("预算执行率为 18.01%", "预算执行率为 18.10%")
            (tmp_path / "第二版").mkdir()
            second = tmp_path / "第二版" / "luoyang-xigong-2023-第二版.txt"
            second.write_text(text, encoding="utf-8")
            _, up = srv.upload(second.name, second.read_bytes())
            srv.wait(up["id"])

            d.get(srv.url + "/documents")
            wait_for(lambda: len(d.find_elements(By.CSS_SELECTOR, "#docs tbody tr")) == 5)
            d.save_screenshot(str(out / "web-documents.png"))

            d.get(srv.url + f"/documents/{up['id']}")
            card = wait_for(lambda: next(li for li in d.find_elements(By.CSS_SELECTOR, "#findings > li")
                                         if li.find_element(By.CSS_SELECTOR, ".fhead b").text == "X007"))
            d.execute_script("document.getElementById('fixed').open = true;"
                             "arguments[0].closest('.review').scrollTop = arguments[0].offsetTop - 120;", card)
            card.find_element(By.CSS_SELECTOR, "a.go").click()
            d.execute_script("window.scrollTo(0, 0)")
            time.sleep(0.8)
            d.save_screenshot(str(out / "web-review.png"))
            print("reports/web-upload.png, web-documents.png, web-review.png")
        finally:
            d.quit()
            srv.stop()


if __name__ == "__main__":
    main()
