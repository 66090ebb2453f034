"""The dashboard's pages through the test client, over a store holding the real corpus."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import pytest

import planscope
from conftest import CORPUS
from planscope.store.auth import add_user

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's notice about httpx in TestClient
    from fastapi.testclient import TestClient

HTML = {"accept": "text/html"}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> dict:
    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'web.db'}"
    db = planscope.open(url)
    assert db.ingest([CORPUS]).count("error") == 0
    with db.session() as s:
        _, viewer = add_user(s, "zhang", "viewer")
        _, editor = add_user(s, "wang", "editor")
        s.commit()
    city = db.plan("广州市")
    main = next(t for t in city.stored_tables() if t.table.kind == "main")
    gdp = next(rid for rid, r in zip(main.row_ids, main.table.rows, strict=True) if r.seq == "1")
    db.close()
    return {"url": url, "viewer": viewer, "editor": editor, "city": city.id, "gdp_row": gdp}


@pytest.fixture()
def client(store: dict) -> TestClient:
    from planscope.web import create_web_app

    return TestClient(create_web_app(store["url"]))


def csrf_of(html: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert m, "the form carries no CSRF token"
    return m.group(1)


def login(client: TestClient, token: str) -> None:
    page = client.get("/login", headers=HTML)
    r = client.post("/login", data={"token": token, "next": "/", "csrf_token": csrf_of(page.text)},
                    follow_redirects=False)
    assert r.status_code == 303, r.text
    assert "httponly" in r.headers["set-cookie"].lower()


def test_home_shows_region_tree_and_plans(client: TestClient) -> None:
    html = client.get("/", headers=HTML).text
    # 广州市 encloses its districts in the tree: the district names come after it, inside its <li>.
    city = html.index('<span class="rname">广州市</span>')
    for district in ("花都区", "番禺区", "从化区"):
        assert html.index(f'<span class="rname">{district}</span>') > city
    assert "五年规划纲要" in html and "年度计划执行报告" in html and "2021–2025" in html
    assert "cdn" not in html.lower() and 'src="http' not in html


def test_plan_page_has_numbered_text_boxes_and_footnotes(client: TestClient, store: dict) -> None:
    html = client.get(f"/plans/{store['city']}", headers=HTML).text
    assert 'id="L317"' in html  # every line keeps its number
    assert re.search(r'<div class="box"><div class="box-title">专栏2 “十四五”时期经济社会发展主要指标</div>', html)
    # Footnote ¹ on line 124 carries its definition as a tooltip.
    assert re.search(r'<sup class="fn" title="注1：老城市新活力[^"]*" tabindex="0">¹</sup>', html)
    assert f'href="/plans/{store["city"]}/indicators/{store["gdp_row"]}"' in html


def test_indicator_page_has_chart_data_and_provenance(client: TestClient, store: dict) -> None:
    html = client.get(f"/plans/{store['city']}/indicators/{store['gdp_row']}", headers=HTML).text
    assert "地区生产总值年均增速" in html
    data = json.loads(re.search(r'<script type="application/json" id="indicator-chart-data">(.*?)</script>',
                                html, re.S).group(1))
    assert data["years"][0] == "2020" and data["years"][-1] == "2025"
    assert "001_ce3c75fd78dec849.txt》第 317 行" in html  # where the base and target were read


def test_forms_refuse_missing_or_wrong_csrf(client: TestClient, store: dict) -> None:
    assert client.post("/entry", data={"row": "1:1", "year": "2024", "value": "1"}).status_code == 403
    client.get("/entry", headers=HTML)  # sets the cookie
    r = client.post("/entry", data={"row": "1:1", "year": "2024", "value": "1", "csrf_token": "forged.abc"})
    assert r.status_code == 403
    r = client.post("/login", data={"token": store["editor"]})
    assert r.status_code == 403


def test_bad_token_is_refused_at_login(client: TestClient) -> None:
    page = client.get("/login", headers=HTML)
    r = client.post("/login", data={"token": "ps_0000000000000000_nope-nope-nope-nope-nope",
                                    "csrf_token": csrf_of(page.text)})
    assert r.status_code == 401 and "令牌无效" in r.text


def test_viewer_is_refused_and_editor_enters_a_value(client: TestClient, store: dict) -> None:
    row = f"{store['city']}:{store['gdp_row']}"
    login(client, store["viewer"])
    page = client.get("/entry", headers=HTML)
    assert "只读" in page.text
    r = client.post("/entry", data={"row": row, "year": "2023", "value": "4.6", "csrf_token": csrf_of(page.text)})
    assert r.status_code == 403 and "无权录入" in r.text

    login(client, store["editor"])
    page = client.get("/entry", headers=HTML)
    r = client.post("/entry", data={"row": row, "year": "2023", "value": "4.6", "note": "统计公报",
                                    "csrf_token": csrf_of(page.text)}, follow_redirects=False)
    assert r.status_code == 303
    html = client.get(r.headers["location"], headers=HTML).text
    assert "已保存" in html
    entered = re.search(r'<tr class="entered">(.*?)</tr>', html, re.S).group(1)
    assert "2023" in entered and "4.6" in entered and "wang" in entered


def test_search_results_fragment_highlights_short_queries(client: TestClient) -> None:
    html = client.get("/search/results", params={"q": "绿道"}, headers=HTML).text
    assert html.count('<li class="result">') >= 3
    assert "<mark>绿道</mark>" in html
    html = client.get("/search/results", params={"q": "绿道", "region": "花都区"}, headers=HTML).text
    assert "花都区" in html and "番禺区" not in html


def test_alignment_page_compares_city_and_district(client: TestClient) -> None:
    html = client.get("/align", headers=HTML).text
    assert "上级指标（广州市）" in html
    assert re.search(r'class="verdict v-(same|stricter|looser)"', html)


def test_reports_page_links_every_format(client: TestClient, store: dict) -> None:
    html = client.get(f"/plans/{store['city']}/reports", params={"year": 2024}, headers=HTML).text
    for fmt in ("html", "pdf", "xlsx", "json"):
        assert f"/api/plans/{store['city']}/report?year=2024&amp;format={fmt}" in html


def test_monitor_page_offers_the_plan_years(client: TestClient, store: dict) -> None:
    html = client.get(f"/plans/{store['city']}/monitor", params={"year": 2024}, headers=HTML).text
    assert [int(y) for y in re.findall(r'<option value="(\d{4})"', html)] == [2021, 2022, 2023, 2024, 2025]
    assert "2024 年监测" in html


def test_errors_are_pages_for_browsers_and_json_otherwise(client: TestClient) -> None:
    r = client.get("/plans/9999", headers=HTML)
    assert r.status_code == 404 and "没有编号为 9999" in r.text and "<html" in r.text
    r = client.get("/plans/9999", headers={"accept": "application/json"})
    assert r.status_code == 404 and r.json()["detail"].startswith("没有编号为 9999")


def test_the_api_app_serves_the_pages_and_keeps_json_errors(store: dict) -> None:
    from planscope.api.app import create_app

    client = TestClient(create_app(store["url"]))
    r = client.get("/", headers=HTML)
    assert r.status_code == 200 and "地区与规划" in r.text
    assert client.get("/static/echarts.min.js").status_code == 200
    r = client.get("/api/plans/9999", headers=HTML)
    assert r.status_code == 404 and r.headers["content-type"].startswith("application/json")


def test_static_assets_are_vendored() -> None:
    static = Path(planscope.__file__).parent / "web" / "static"
    assert (static / "echarts.min.js").stat().st_size > 500_000
    assert b"htmx" in (static / "htmx.min.js").read_bytes()[:5000]


def test_closed_reads_send_pages_to_the_login_first(store: dict) -> None:
    """`planscope serve --read-token`: the API answers 401 without a token, and the pages ask for a login."""
    from planscope.api.app import create_app

    closed = TestClient(create_app(store["url"], read_requires_token=True))
    r = closed.get("/", headers=HTML, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login?next=/"
    r = closed.get(f"/plans/{store['city']}/monitor", headers=HTML, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login?next=/plans/")
    assert closed.get("/api/plans").status_code == 401
    assert closed.get("/login", headers=HTML).status_code == 200
    login(closed, store["viewer"])
    page = closed.get("/", headers=HTML)
    assert page.status_code == 200 and "广州市" in page.text
