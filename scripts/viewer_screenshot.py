"""Redraw docs/viewer.png: a source page of the evidence viewer with one event selected, in headless Chromium.

Run from the repository root: `.venv/bin/python scripts/viewer_screenshot.py`. Needs Debian's chromium and
chromium-driver (`make test` installs them) and selenium (the `test` extra). The site is built into a temporary
folder and thrown away; only the picture is kept.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from newsevents.cli import main as cli

ROOT = Path(__file__).resolve().parents[1]
SOURCE = "20260109_b8da6c60f8"
TABLE, ROW = "events", f"{SOURCE}.trump_threatens_land_strikes"
OUT = ROOT / "docs" / "viewer.png"


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="newsevents-viewer-") as tmp:
        site = Path(tmp) / "site"
        if cli(["site", "--out", str(site)]) != 0:
            return 1
        opts = webdriver.ChromeOptions()
        opts.binary_location = "/usr/bin/chromium"
        for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--hide-scrollbars", f"--user-data-dir={Path(tmp) / 'profile'}"):
            opts.add_argument(arg)
        driver = webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=opts)
        try:
            driver.set_window_size(1400, 1000)
            driver.get((site / "sources" / f"{SOURCE}.html").as_uri())
            WebDriverWait(driver, 10).until(
                lambda d: d.execute_script("return document.documentElement.dataset.viewer") == "ready")
            driver.find_element(By.CSS_SELECTOR, f'.mark[data-table="{TABLE}"][data-id="{ROW}"]').click()
            driver.execute_script("window.scrollTo(0, 0)")
            driver.save_screenshot(str(OUT))
        finally:
            driver.quit()
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
