"""End to end: the real server (uvicorn on a loopback port) over a store holding the corpus, driven by Debian's
headless Chromium through Playwright, at a desktop and a phone width. Screenshots go to test-artifacts/.

Chromium comes from the system set-up (scripts/setup-system.sh installs Debian's `chromium`); the test never
downloads a browser and fails with a clear message when it is missing.
"""

from __future__ import annotations

import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, expect, sync_playwright

import planscope
from conftest import CORPUS, ROOT
from planscope.store.auth import add_user

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
ARTIFACTS = ROOT / "test-artifacts"
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 740}}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    from planscope.api.app import create_app

    folder = tmp_path_factory.mktemp("e2e")
    url = f"sqlite:///{folder / 'e2e.db'}"
    db = planscope.open(url)
    assert db.ingest([CORPUS]).count("error") == 0
    with db.session() as s:
        _, viewer = add_user(s, "viewer1", "viewer")
        _, editor = add_user(s, "editor1", "editor")
        s.commit()
    city = db.plan("广州市")
    main = next(t for t in city.stored_tables() if t.table.kind == "main")
    row = next(rid for rid, r in zip(main.row_ids, main.table.rows, strict=True) if r.seq == "1")
    db.close()
    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(url, data_dir=folder / "data"), host="127.0.0.1", port=port,
                                        log_level="warning", lifespan="on"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "the server did not start within 20 s"
        time.sleep(0.05)
    yield {"base": f"http://127.0.0.1:{port}", "viewer": viewer, "editor": editor, "plan": city.id, "row": row}
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: run `make system` (scripts/setup-system.sh installs "
                    "Debian's chromium); never `playwright install`", pytrace=False)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


def shot(page: Page, size: str, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{size}-{name}.png"), full_page=False)


def login(page: Page, base: str, token: str) -> None:
    page.goto(f"{base}/login")
    page.fill("#token", token)
    page.click("#login-form button[type=submit]")
    page.wait_for_url(f"{base}/")


@pytest.mark.parametrize("size", list(SIZES))
def test_dashboard_in_a_real_browser(server: dict, browser: Browser, size: str) -> None:
    base, plan, row = server["base"], server["plan"], server["row"]
    ctx = browser.new_context(viewport=SIZES[size], locale="zh-CN")
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(base) else None)
    try:
        page.goto(f"{base}/")
        expect(page.locator(".rname", has_text="花都区")).to_be_visible()
        expect(page.locator(".plan-item a").first).to_be_visible()
        shot(page, size, "1-home")

        # Live search: typing fires htmx, results come back with the matches marked.
        page.goto(f"{base}/search")
        page.locator("#q").press_sequentially("绿道", delay=50)
        expect(page.locator("#results .result").first).to_be_visible(timeout=10_000)
        expect(page.locator("#results mark").first).to_have_text("绿道")
        shot(page, size, "2-search")

        page.goto(f"{base}/plans/{plan}/indicators/{row}")
        expect(page.locator("#indicator-chart canvas")).to_have_count(1, timeout=10_000)
        box = page.locator("#indicator-chart canvas").bounding_box()
        assert box and box["width"] > 300 and box["height"] > 200
        assert page.locator("#indicator-chart").get_attribute("data-rendered") == "1"
        shot(page, size, "3-indicator")

        # A viewer's entry is refused with a visible message.
        value = "5.1" if size == "desktop" else "5.3"
        login(page, base, server["viewer"])
        page.goto(f"{base}/entry?plan_id={plan}&row_id={row}")
        page.fill("#year", "2022")
        page.fill("#value", value)
        page.click("#entry-form button[type=submit]")
        expect(page.locator("#entry-error")).to_contain_text("无权录入")
        shot(page, size, "4-viewer-refused")

        # An editor's entry is saved and shown on the indicator page with who entered it.
        page.click("header form button")  # 退出
        login(page, base, server["editor"])
        page.goto(f"{base}/entry?plan_id={plan}&row_id={row}")
        page.fill("#year", "2022")
        page.fill("#value", value)
        page.fill("#note", "浏览器测试")
        page.click("#entry-form button[type=submit]")
        expect(page.locator("#saved")).to_be_visible()
        entered = page.locator("tr.entered").filter(has_text="2022")
        expect(entered).to_contain_text(value)
        expect(entered).to_contain_text("editor1")
        page.locator("#provenance").scroll_into_view_if_needed()
        shot(page, size, "5-editor-saved")

        page.goto(f"{base}/plans/{plan}")
        expect(page.locator(".box-title", has_text=re.compile(r"^专栏2 "))).to_have_count(1)
        page.locator("#L317").scroll_into_view_if_needed()
        shot(page, size, "6-plan")
        # Later chapters arrive on demand: following an outline link into one loads it and goes to the line,
        # with its 专栏 boxes and footnote tooltips; so does an address pointing into it (search results).
        expect(page.locator("#L2134")).to_have_count(0)
        page.locator('.outline a[href="#L2134"]').first.click()
        expect(page.locator("#L2134")).to_be_in_viewport(timeout=10_000)
        page.goto(f"{base}/plans/{plan}#L399")
        expect(page.locator("#L399")).to_be_in_viewport(timeout=10_000)
        expect(page.locator("#L399 sup.fn")).to_have_attribute("title", re.compile(r"^注16："))
        expect(page.locator(".box-title", has_text=re.compile(r"^专栏3 "))).to_have_count(1)
        page.locator("#figures").scroll_into_view_if_needed()  # the figures table comes when scrolled to
        expect(page.locator("table.grid th", has_text="原文")).to_have_count(1, timeout=10_000)
        page.goto(f"{base}/plans/{plan}/monitor")
        shot(page, size, "7-monitor")
        page.goto(f"{base}/align")
        expect(page.locator(".verdict").first).to_be_visible(timeout=20_000)
        shot(page, size, "8-align")
        # At phone width nothing may force sideways scrolling of the whole page.
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= SIZES[size]["width"] + 1, f"page is {width}px wide at {size} width"
    finally:
        ctx.close()
    assert not errors, f"JavaScript errors: {errors}"
    assert not [u for u in outside if re.match(r"https?://", u)], f"requests left the server: {outside}"


def test_chromium_is_installed_by_the_setup_script() -> None:
    script = (ROOT / "scripts" / "setup-system.sh").read_text()
    assert "chromium" in script
    assert shutil.which("chromium") or Path(CHROMIUM).exists()
