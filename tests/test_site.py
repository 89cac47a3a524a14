"""The evidence viewer: `newsevents site` builds it, headless Chromium opens it from file://.

Debian's chromium and chromium-driver must be installed (`make test` installs them): without them these tests
fail, they do not skip. Selenium gets the driver's path, so Selenium Manager never downloads anything.
"""

from __future__ import annotations

import collections
import html.parser
import json
import re
import tempfile
from pathlib import Path
from urllib.parse import unquote

import pytest

import newsevents
from conftest import ROOT, run
from newsevents import registry as R
from newsevents.site import contrast, table_colours, tint

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
EVIDENCE = [t for t in R.TABLES if t.has_evidence]


# ---------------------------------------------------------------------------
# What the tables say the site must show
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tables():
    return newsevents.load_all()


@pytest.fixture(scope="module")
def seeds(tables):
    root = newsevents.data_root()
    out = {}
    for sid, path in zip(tables["sources"].source_id, tables["sources"].seed_path):
        with open(root / path, encoding="utf-8", newline="") as f:
            out[sid] = f.read()
    return out


def expected_marks(tables, source_id: str) -> collections.Counter:
    """(table, primary key) of every evidence row of a source; composite keys joined with '|'."""
    out = collections.Counter()
    for t in EVIDENCE:
        df = tables[t.name]
        df = df[df.source_id == source_id]
        for _, row in df.iterrows():
            out[(t.name, "|".join(str(row[k]) for k in t.primary_key))] += 1
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("viewer") / "site"
    from newsevents.cli import main

    assert main(["site", "--out", str(out)]) == 0
    return out


# ---------------------------------------------------------------------------
# The command
# ---------------------------------------------------------------------------


def test_site_command_writes_every_page(site, tables, capsys):
    for sid in tables["sources"].source_id:
        assert (site / "sources" / f"{sid}.html").is_file()
    for aid in tables["actors"].actor_id:
        assert (site / "actors" / f"{aid}.html").is_file()
    for name in ("index.html", "actors.html", "codebook.html", "codebook.md", "assets/viewer.js",
                 "assets/viewer.css", "assets/corpus.js"):
        assert (site / name).is_file(), name


def test_site_codebook_is_the_generated_codebook(site):
    assert (site / "codebook.md").read_text(encoding="utf-8") == (ROOT / "docs" / "codebook.md").read_text(
        encoding="utf-8")
    page = (site / "codebook.html").read_text(encoding="utf-8")
    for t in R.TABLES:
        assert f'id="{t.name}"' in page, t.name


def test_site_rebuilds_into_its_own_folder_and_refuses_others(tmp_path, capsys):
    out = tmp_path / "site"
    assert run(["site", "--out", out], capsys)[0] == 0
    (out / "sources" / "stale.html").write_text("old", encoding="utf-8")
    code, stdout, _ = run(["site", "--out", out], capsys)
    assert code == 0 and "7 source pages" in stdout
    assert not (out / "sources" / "stale.html").exists()

    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me", encoding="utf-8")
    code, _, err = run(["site", "--out", foreign], capsys)
    assert code == 2 and "not empty" in err and len(err.strip().splitlines()) == 1
    assert (foreign / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_site_unwritable_folder_and_missing_package_exit_2(tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    code, _, err = run(["site", "--out", blocker / "site"], capsys)  # a folder under a file: unwritable, even as root
    assert code == 2 and err.startswith("newsevents site: cannot write the site to") and len(err.strip().splitlines()) == 1
    code, _, err = run(["site", "--out", blocker], capsys)
    assert code == 2 and len(err.strip().splitlines()) == 1
    code, _, err = run(["site", "--out", tmp_path / "s", "--package", tmp_path / "nowhere"], capsys)
    assert code == 2 and "no such file or folder" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "s").exists()


def test_site_reads_a_package_given_by_path(tmp_path, tables, capsys):
    marks = sum(len(tables[t.name]) for t in EVIDENCE)
    for package in (ROOT, ROOT / "datapackage.json"):
        code, stdout, _ = run(["site", "--out", tmp_path / package.name, "--package", package], capsys)
        assert code == 0 and f"with {marks} marks" in stdout


class _Attrs(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _tags(path: Path):
    p = _Attrs()
    p.feed(path.read_text(encoding="utf-8"))
    return p.tags


def test_site_loads_nothing_from_outside(site):
    """Every script, style, image and font is in DIR or inline; each page forbids anything else (CSP)."""
    for page in site.rglob("*.html"):
        tags = _tags(page)
        csp = [a["content"] for t, a in tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
        assert csp and "default-src 'self' 'unsafe-inline' file:" in csp[0], page
        for tag, a in tags:
            ref = a.get("src") or (a.get("href") if tag == "link" else None)
            if ref:
                assert "://" not in ref and not ref.startswith("//"), f"{page}: {tag} loads {ref}"
                assert (page.parent / ref).resolve().is_file(), f"{page}: {ref} is missing"
    for asset in (site / "assets").iterdir():
        text = asset.read_text(encoding="utf-8")
        assert not re.search(r"url\(\s*['\"]?(https?:)?//|@import|fetch\(|XMLHttpRequest", text), asset


def test_only_source_page_marks_carry_data_table_and_id(site):
    for page in site.rglob("*.html"):
        for tag, a in _tags(page):
            if "data-table" in a or "data-id" in a:
                assert page.parent.name == "sources" and "mark" in a.get("class", "").split(), (page, tag, a)
                assert "data-table" in a and "data-id" in a


def test_actor_page_links_point_at_existing_marks(site, tables):
    keys = {(t.name, "|".join(str(v) for v in vals), sid) for t in EVIDENCE
            for sid, *vals in tables[t.name][["source_id", *t.primary_key]].itertuples(index=False, name=None)}
    n = 0
    for page in (site / "actors").glob("*.html"):
        for tag, a in _tags(page):
            m = re.match(r"^\.\./sources/([^/#]+)\.html#([a-z_]+):(.+)$", a.get("href", "")) if tag == "a" else None
            if m:
                assert (m.group(2), unquote(m.group(3)), m.group(1)) in keys, (page, a["href"])
                n += 1
    assert n >= len(tables["actor_mentions"])  # every mention, plus events, statements, metrics, affiliations


def test_palette_is_readable():
    """Each table's colour has 4.5:1 on the page (so it reads as text too), and text on a selection tint 7:1."""
    colours = table_colours()
    assert set(colours) == {t.name for t in EVIDENCE}
    assert len(set(colours.values())) == len(colours)
    for name, c in colours.items():
        for bg in ("#ffffff", "#fbfaf7"):
            assert contrast(c, bg) >= 4.5, (name, c, bg)
        assert contrast("#1b1b1b", tint(c)) >= 7, (name, tint(c))


# ---------------------------------------------------------------------------
# In the browser
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    assert CHROMIUM.exists() and CHROMEDRIVER.exists(), (
        "the viewer tests need Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver); "
        "`make test` installs them: apt-get install chromium chromium-driver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--disable-dev-shm-usage", "--hide-scrollbars"):
        opts.add_argument(arg)
    profile = tempfile.TemporaryDirectory(prefix="newsevents-chromium-")
    opts.add_argument(f"--user-data-dir={profile.name}")
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=opts)
    driver.set_window_size(1400, 1000)
    yield driver
    driver.quit()
    profile.cleanup()


def drain(driver) -> tuple[list, list]:
    """Console errors and requests that left file:// since the last call."""
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    outside = []
    for entry in driver.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg["method"] == "Network.requestWillBeSent":
            url = msg["params"]["request"]["url"]
            if not url.startswith(("file://", "data:", "about:")):
                outside.append(url)
        elif msg["method"] == "Network.webSocketCreated":
            outside.append(msg["params"]["url"])
    return errors, outside


def open_page(driver, url: str, viewer: bool = True):
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(url)
    if viewer:
        WebDriverWait(driver, 10).until(
            lambda d: d.execute_script("return document.documentElement.dataset.viewer") == "ready")


def assert_clean(driver, where: str):
    errors, outside = drain(driver)
    assert not errors, f"{where}: console errors {errors}"
    assert not outside, f"{where}: requests left file:// {outside}"


def panel_key(driver) -> str | None:
    return driver.execute_script("const k = document.querySelector('#panel-body .row-key code'); "
                                 "return k ? k.textContent : null")


SOURCE_IDS = sorted(p.stem for p in (ROOT / "seeds").glob("*.txt"))


@pytest.mark.parametrize("source_id", SOURCE_IDS)
def test_source_page_in_chromium(browser, site, tables, seeds, source_id):
    from selenium.webdriver.common.by import By

    drain(browser)
    url = (site / "sources" / f"{source_id}.html").as_uri()
    open_page(browser, url)
    ready_ms = browser.execute_script("return window.NE_READY_MS")
    assert ready_ms < 1000, f"the page took {ready_ms:.0f} ms to draw its marks"

    # the text container's visible text is the seed, character for character
    seed = seeds[source_id]
    box = browser.find_element(By.ID, "seed")
    assert browser.execute_script("return arguments[0].innerText", box) == seed
    assert browser.execute_script("return arguments[0].textContent", box) == seed
    assert box.text == seed.replace("\xa0", " ")  # WebDriver reports no-break spaces as spaces

    # every evidence row has exactly one mark, and nothing else carries data-table/data-id
    found = browser.execute_script(
        "return Array.from(document.querySelectorAll('[data-table], [data-id]'))"
        ".map(e => [e.dataset.table, e.dataset.id, e.classList.contains('mark'), e.textContent])")
    want = expected_marks(tables, source_id)
    got = collections.Counter((t, i) for t, i, _, _ in found)
    assert got == want
    assert all(v == 1 for v in got.values())
    assert all(is_mark and text == "" for _, _, is_mark, text in found)  # marks hold no text

    # nested and crossing spans: every mark is drawn, and the point a click lands on is that mark's own
    hidden = browser.execute_script("""
        const bad = [];
        for (const m of document.querySelectorAll('.mark')) {
          m.scrollIntoView({block: 'center'});
          const r = m.getBoundingClientRect();
          const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
          if (r.width < 1 || r.height < 1 || !(hit === m || m.contains(hit))) bad.push(m.dataset.table + ':' + m.dataset.id);
        }
        window.scrollTo(0, 0);
        return bad;""")
    assert hidden == []

    # clicking a mark shows its row: the first mark of each table, and one in the outermost lane
    marks = browser.find_elements(By.CSS_SELECTOR, "#marks .mark")
    lanes = [int(m.get_attribute("data-lane")) for m in marks]
    picks, seen = [], set()
    for m in marks:
        if m.get_attribute("data-table") not in seen:
            seen.add(m.get_attribute("data-table"))
            picks.append(m)
    picks += [marks[lanes.index(max(lanes))]]
    for m in picks:
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", m)
        m.click()
        key = m.get_attribute("data-id")
        assert panel_key(browser) == key
        assert key in browser.find_element(By.ID, "panel-body").text
        assert browser.execute_script("return decodeURIComponent(location.hash)") == \
            f"#{m.get_attribute('data-table')}:{key}"
    assert_clean(browser, url)


def test_a_statement_panel_resolves_codes_and_links(browser, site, tables):
    from selenium.webdriver.common.by import By

    drain(browser)
    ev = tables["events"]
    row = ev[ev.cameo_code.notna() & ev.plover_type.notna() & ev.statement_id.notna()].iloc[0]
    open_page(browser, (site / "sources" / f"{row.source_id}.html").as_uri() + f"#events:{row.event_id}")
    text = browser.find_element(By.ID, "panel-body").text
    cameo = tables["cameo_codes"].set_index("cameo_code").loc[row.cameo_code, "name"]
    plover = tables["plover_types"].set_index("plover_type").loc[row.plover_type, "definition"]
    assert panel_key(browser) == row.event_id
    assert cameo in text and plover in text
    assert "earliest" in text and "latest" in text and row.date_precision in text
    parts = tables["event_participants"]
    for aid in parts[parts.event_id == row.event_id].actor_id:
        name = tables["actors"].set_index("actor_id").loc[aid, "name"]
        link = browser.find_element(By.CSS_SELECTOR, f'#panel-body a[href="../actors/{aid}.html"]')
        assert link.text == name
    # follow the link to the statement that reports the event: its row is shown and its mark focused
    browser.find_element(By.CSS_SELECTOR, f'#panel-body a.goto[href="#statements:{row.statement_id}"]').click()
    assert panel_key(browser) == row.statement_id
    speaker = tables["statements"].set_index("statement_id").loc[row.statement_id, "speaker_actor_id"]
    assert "Speaker: " + tables["actors"].set_index("actor_id").loc[speaker, "name"] in \
        browser.find_element(By.ID, "panel-body").text
    assert browser.execute_script("return document.activeElement.dataset.id") == row.statement_id
    # a metric links to its statement
    mt = tables["metrics"]
    m = mt[mt.statement_id.notna()].iloc[0]
    open_page(browser, (site / "sources" / f"{m.source_id}.html").as_uri() + f"#metrics:{m.metric_id}")
    assert browser.find_elements(By.CSS_SELECTOR, f'#panel-body a.goto[href="#statements:{m.statement_id}"]')
    assert_clean(browser, "panels")


def test_marks_are_selectable_with_the_keyboard(browser, site, tables):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    drain(browser)
    sid = "20260109_b8da6c60f8"
    open_page(browser, (site / "sources" / f"{sid}.html").as_uri())
    active = lambda: browser.execute_script(  # noqa: E731
        "const a = document.activeElement; return a && a.classList.contains('mark') ? a.dataset.id : null")
    keys = lambda *k: ActionChains(browser).send_keys(*k).perform()  # noqa: E731  to whatever has the focus
    keys(Keys.TAB)
    assert browser.execute_script("return document.activeElement.className") == "skip"  # Tab starts at the top
    for _ in range(60):  # past the skip link, the navigation and the legend to the first mark
        if active():
            break
        keys(Keys.TAB)
    order = browser.execute_script("return Array.from(document.querySelectorAll('#marks .mark')).map(m => m.dataset.id)")
    assert active() == order[0], "Tab does not reach the first mark"
    keys(Keys.ENTER)
    assert panel_key(browser) == order[0]
    keys(Keys.TAB)
    assert active() == order[1]
    keys(Keys.SPACE)
    assert panel_key(browser) == order[1]
    keys(Keys.ARROW_RIGHT)
    assert active() == order[2]
    keys(Keys.ENTER)
    assert panel_key(browser) == order[2]
    keys(Keys.ESCAPE)
    assert panel_key(browser) is None and active() == order[2]
    assert_clean(browser, "keyboard")


def test_clicking_the_words_lists_every_row_on_them(browser, site, tables):
    from selenium.webdriver.common.actions.action_builder import ActionBuilder
    from selenium.webdriver.common.by import By

    drain(browser)
    ev = tables["events"]
    row = ev[ev.source_id == "20260109_b8da6c60f8"].sort_values("char_start").iloc[0]
    open_page(browser, (site / "sources" / f"{row.source_id}.html").as_uri())
    mark = browser.find_element(By.CSS_SELECTOR, f'.mark[data-table="events"][data-id="{row.event_id}"]')
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", mark)
    # the middle of the first character of the event's words
    x, y = browser.execute_script("""
        const m = arguments[0], seed = document.getElementById('seed');
        const w = document.createTreeWalker(seed, NodeFilter.SHOW_TEXT); let pos = 0, r = null;
        while (w.nextNode()) { const n = w.currentNode, at = +m.dataset.from - pos;
          if (at >= 0 && at < n.length) { r = document.createRange(); r.setStart(n, at); r.setEnd(n, at + 1); break; }
          pos += n.length; }
        const b = r.getBoundingClientRect(); return [b.left + b.width / 2, b.top + b.height / 2];""", mark)
    ab = ActionBuilder(browser)
    ab.pointer_action.move_to_location(int(x), int(y)).click()
    ab.perform()
    links = browser.execute_script(
        "return Array.from(document.querySelectorAll('#panel-body a.goto')).map(a => decodeURIComponent(a.getAttribute('href')))")
    shown = panel_key(browser)
    assert f"#events:{row.event_id}" in links or shown == row.event_id
    assert_clean(browser, "click on words")


def test_actor_pages_and_their_links(browser, site, tables):
    from selenium.webdriver.common.by import By

    drain(browser)
    for aid in tables["actors"].actor_id:
        open_page(browser, (site / "actors" / f"{aid}.html").as_uri(), viewer=False)
        assert browser.find_elements(By.CSS_SELECTOR, "[data-table], [data-id]") == []
    assert_clean(browser, "actor pages")
    # a mention on an actor page opens its source with that mark selected and focused
    am = tables["actor_mentions"]
    mention = am[am.actor_id == "claudia_sheinbaum"].sort_values(["source_id", "char_start"]).iloc[-1]
    open_page(browser, (site / "actors" / "claudia_sheinbaum.html").as_uri(), viewer=False)
    link = browser.find_element(By.CSS_SELECTOR, f'a[href$="#actor_mentions:{mention.actor_mention_id}"]')
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 10).until(lambda d: d.execute_script("return document.documentElement.dataset.viewer"))
    assert panel_key(browser) == mention.actor_mention_id
    assert browser.execute_script("return document.activeElement.dataset.id") == mention.actor_mention_id
    in_view = browser.execute_script("const r = document.activeElement.getBoundingClientRect(); "
                                     "return r.top >= 0 && r.bottom <= window.innerHeight")
    assert in_view
    # the panel links the same actor in its other sources
    others = set(am[(am.actor_id == "claudia_sheinbaum") & (am.source_id != mention.source_id)].source_id)
    hrefs = browser.execute_script("return Array.from(document.querySelectorAll('#panel-body a')).map(a => a.getAttribute('href'))")
    for sid in others:
        assert any(h.startswith(f"{sid}.html#actor_mentions:") for h in hrefs), sid
    assert_clean(browser, "actor link")


def test_index_codebook_and_actor_list(browser, site, tables):
    from selenium.webdriver.common.by import By

    drain(browser)
    open_page(browser, (site / "index.html").as_uri(), viewer=False)
    blocks = browser.execute_script(
        "return Array.from(document.querySelectorAll('script[type=\"application/ld+json\"]')).map(s => s.textContent)")
    assert len(blocks) == 1
    ld = json.loads(blocks[0])
    assert ld["@context"] == "https://schema.org" and ld["@type"] == "Dataset"
    for key in ("name", "description", "version", "license", "creator", "temporalCoverage", "isBasedOn"):
        assert ld.get(key), key
    assert ld["version"] == newsevents.__version__
    assert len(ld["isBasedOn"]) == len(tables["sources"])
    corpus = browser.execute_script("return document.querySelector('table.corpus').innerText")
    for _, s in tables["sources"].iterrows():
        assert s.title in corpus and s.attribution in corpus
        assert browser.find_elements(By.CSS_SELECTOR, f'a[href="sources/{s.source_id}.html"]')
    for t in R.TABLES:
        assert browser.find_elements(By.CSS_SELECTOR, f'a[href="codebook.html#{t.name}"]'), t.name
    assert "How to cite" in browser.find_element(By.ID, "cite").text
    open_page(browser, (site / "codebook.html").as_uri() + "#events", viewer=False)
    assert browser.find_element(By.ID, "events").is_displayed()
    open_page(browser, (site / "actors.html").as_uri(), viewer=False)
    assert len(browser.find_elements(By.CSS_SELECTOR, "table.actors tbody tr")) == len(tables["actors"])
    assert_clean(browser, "index, codebook, actors")


def test_narrow_screen(browser, site):
    from selenium.webdriver.common.by import By

    drain(browser)
    browser.set_window_size(390, 844)
    try:
        for page in ("index.html", "actors/united_states.html", "codebook.html", "sources/20251114_a1e7c71a4e.html"):
            open_page(browser, (site / page).as_uri(), viewer=page.startswith("sources"))
            overflow = browser.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{page} is wider than a phone screen by {overflow}px"
        panel = browser.find_element(By.ID, "panel")
        assert not panel.is_displayed()  # the row panel waits for a selection
        mark = browser.find_elements(By.CSS_SELECTOR, "#marks .mark")[5]
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", mark)
        mark.click()
        assert panel.is_displayed() and panel_key(browser) == mark.get_attribute("data-id")
        top = browser.execute_script("return arguments[0].getBoundingClientRect().bottom", mark)
        # The sheet slides in (a 0.15 s transform): its close button is clicked where it comes to rest.
        from selenium.webdriver.support.ui import WebDriverWait

        WebDriverWait(browser, 5).until(lambda d: d.execute_script("return getComputedStyle(arguments[0]).transform", panel) == "none")
        assert top < browser.execute_script("return arguments[0].getBoundingClientRect().top", panel)
        browser.find_element(By.ID, "panel-close").click()
        assert panel_key(browser) is None
    finally:
        browser.set_window_size(1400, 1000)
    assert_clean(browser, "narrow screen")
