"""The HTTP API on the real corpus (FastAPI TestClient): every endpoint and its errors, roles on writes, the audit
trail, imports, uploads and their refusals, security headers, UTF-8 JSON and the OpenAPI document."""

from __future__ import annotations

import io
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import Workbook

import planscope
from conftest import corpus_file
from pg import module_store_url, pg_server  # noqa: F401  (fixtures used by name)
from planscope.api import create_app
from planscope.store import auth


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory, module_store_url: str):  # noqa: F811
    # Every test runs on SQLite and on PostgreSQL (module_store_url is parametrised over both backends).
    root = tmp_path_factory.mktemp("api")
    url = module_store_url
    db = planscope.open(url)
    report = db.ingest([corpus_file(p) for p in ("000", "001", "002", "004")])
    assert report.summary()["error"] == 0, [f.message for f in report.errors]
    tokens = {}
    with db.session() as s:
        for name, role in (("ad", "admin"), ("ed", "editor"), ("vw", "viewer")):
            tokens[role] = auth.add_user(s, name, role)[1]
        s.commit()
    ids = {p.region + ("/report" if p.kind == "annual_plan_report" else ""): p.id for p in db.plans()}
    client = TestClient(create_app(url, data_dir=root / "data"))
    return client, tokens, ids, root


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def detail(r) -> str:  # type: ignore[no-untyped-def]
    body = r.json()
    assert isinstance(body["detail"], str) and body["detail"]
    return body["detail"]


# --- reads -----------------------------------------------------------------------------------------------------
def test_regions_and_plans_with_pagination(env) -> None:
    c, _, ids, _ = env
    regions = c.get("/api/regions").json()
    names = {r["name"] for root in regions for r in [root, *root["children"]]}
    assert "广州市" in names
    page = c.get("/api/plans", params={"limit": 2, "offset": 1}).json()
    assert page["total"] == 4 and page["limit"] == 2 and len(page["items"]) == 2
    all_ids = [p["id"] for p in c.get("/api/plans").json()["items"]]
    assert [p["id"] for p in page["items"]] == all_ids[1:3]
    only = c.get("/api/plans", params={"region": "花都区", "kind": "five_year_plan"}).json()
    assert [p["id"] for p in only["items"]] == [ids["花都区"]]
    for bad in ({"limit": 0}, {"limit": 501}, {"offset": -1}, {"limit": "x"}):
        r = c.get("/api/plans", params=bad)
        assert (r.status_code == 422 and "limit" in detail(r)) or "offset" in detail(r)


def test_plan_detail_by_id_and_region_name_and_404(env) -> None:
    c, _, ids, _ = env
    by_id = c.get(f"/api/plans/{ids['花都区']}").json()
    assert by_id == c.get("/api/plans/花都区").json()
    assert by_id["plan"]["title"].startswith("广州市花都区") and by_id["document"]["period"] == [2021, 2025]
    assert by_id["parent"]["id"] == ids["广州市"]
    city = c.get("/api/plans/广州市").json()
    assert ids["花都区"] in [p["id"] for p in city["children"]]
    for ref in ("99999", "不存在区"):
        r = c.get(f"/api/plans/{ref}")
        assert r.status_code == 404 and ref in detail(r)
    assert c.get("/api/plans/99999/indicators").status_code == 404


def test_outline_sections_and_lines(env) -> None:
    c, _, ids, _ = env
    pid = ids["花都区"]
    outline = c.get(f"/api/plans/{pid}/outline").json()["outline"]
    chapter = next(h for h in outline if h["number"] == "第一章")
    sec = c.get(f"/api/plans/{pid}/sections/{chapter['id']}").json()
    assert sec["line_start"] == chapter["line"] and sec["lines"][0]["line"] == chapter["line"]
    assert "第一章" in sec["lines"][0]["text"]
    # The chapter runs to the line before the next chapter, and its sections are its children.
    nxt = next(h for h in outline if h["id"] > chapter["id"] and h["level"] <= chapter["level"])
    assert sec["line_end"] == nxt["line"] - 1
    assert sec["children"] and all(outline[i]["parent"] == chapter["id"] for i in sec["children"])
    assert len(sec["lines"]) == sec["line_end"] - sec["line_start"] + 1
    r = c.get(f"/api/plans/{pid}/sections/{len(outline)}")
    assert r.status_code == 404 and "no section" in detail(r)
    lines = c.get(f"/api/plans/{pid}/lines", params={"start": 612, "end": 612}).json()["lines"]
    assert lines[0]["line"] == 612 and lines[0]["text"].split()[0] == "1"
    assert c.get(f"/api/plans/{pid}/lines", params={"start": 10**6}).status_code == 422


def test_indicators_targets_and_figures(env) -> None:
    c, _, ids, _ = env
    body = c.get("/api/plans/花都区/indicators").json()
    table = body["table"]
    assert table["kind"] == "main" and table["line_start"] == 596
    row = table["rows"][0]
    assert (row["seq"], row["name"], row["unit"], row["lines"]) == ("1", "地区生产总值年均增速", "%", [612, 612])
    assert isinstance(row["id"], int) and [v["raw"] for v in row["values"]] == ["3", "6左右"]
    r = c.get("/api/plans/花都区/indicators", params={"table": 9})
    assert r.status_code == 404 and "no table 9" in detail(r)
    conghua = c.get("/api/plans/从化区/indicators").json()  # its table was lost in scraping
    assert conghua["table"] is None and conghua["tables"] == []
    targets = c.get("/api/plans/花都区/targets").json()
    assert targets["table"][0]["targets"][0]["raw"] == "6左右"
    prose = c.get("/api/plans/从化区/targets").json()["prose"]
    assert any(t["raw"].startswith("6%") and t["line"] == 43 for t in prose)
    figs = c.get(f"/api/plans/{ids['花都区/report']}/figures", params={"kind": "observation"}).json()
    assert figs["targets"] == [] and len(figs["observations"]) > 50
    assert c.get("/api/plans/花都区/figures", params={"kind": "bogus"}).status_code == 422


def test_observations_merge_documents_and_entries_with_provenance(env) -> None:
    c, tokens, ids, _ = env
    r = c.post("/api/observations", headers=bearer(tokens["editor"]),
               json={"plan_id": "花都区", "indicator": "2", "year": 2024, "value": "25.10", "source": "区统计局"})
    assert r.status_code == 201
    obs = c.get("/api/plans/花都区/observations", params={"year": 2024}).json()
    # The Huadu 2024 execution report is read for the Huadu plan: same region, overlapping years.
    assert ids["花都区/report"] in [d["id"] for d in obs["documents"]]
    from_doc = [o for o in obs["observations"] if o["origin"] == "document"]
    assert from_doc and all(o["year"] == 2024 for o in from_doc)
    sample = from_doc[0]["provenance"]
    assert sample["document_id"] == ids["花都区/report"] and sample["line"] > 0 and sample["sentence"]
    entry = next(o for o in obs["observations"] if o["origin"] == "entry" and o["raw"] == "25.10")
    assert entry["value"] == 25.1 and entry["provenance"]["entered_by"] == "ed"
    assert entry["provenance"]["source"] == "区统计局" and entry["unit"] == "万元/人"
    only_plan = c.get("/api/plans/花都区/observations", params={"related": False}).json()
    assert [d["id"] for d in only_plan["documents"]] == [ids["花都区"]]


# --- writes, roles and audit -------------------------------------------------------------------------------------
def test_writes_need_an_editor(env) -> None:
    c, tokens, _, _ = env
    body = {"plan_id": "花都区", "indicator": "3", "year": 2023, "value": "28"}
    r = c.post("/api/observations", json=body)
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer" and "token" in detail(r)
    r = c.post("/api/observations", json=body, headers=bearer(tokens["editor"][:-3] + "abc"))
    assert r.status_code == 401 and "invalid" in detail(r)
    r = c.post("/api/observations", json=body, headers={"Authorization": f"Token {tokens['editor']}"})
    assert r.status_code == 401 and "Bearer" in detail(r)
    r = c.post("/api/observations", json=body, headers=bearer(tokens["viewer"]))
    assert r.status_code == 403 and "viewer" in detail(r)
    assert c.post("/api/observations", json=body, headers=bearer(tokens["admin"])).status_code == 201


def test_enter_correct_and_history_with_audit(env) -> None:
    c, tokens, _, _ = env
    h = bearer(tokens["editor"])
    body = {"plan_id": "花都区", "indicator": "地区生产总值年均增速", "year": 2024, "value": "3.0",
            "source": "2024年统计公报"}
    first = c.post("/api/observations", json=body, headers=h)
    assert first.status_code == 201
    rec, audit = first.json()["record"], first.json()["audit"]
    assert rec["seq"] == "1" and rec["value"] == "3.0" and rec["entered_by"] == "ed" and rec["origin"] == "api"
    assert audit["action"] == "create" and audit["after"]["id"] == rec["id"] and audit["before"] is None
    same = c.post("/api/observations", json=body, headers=h)
    assert same.status_code == 200 and same.json()["status"] == "unchanged"
    fix = c.post("/api/observations", json={**body, "value": "3.1", "note": "修订"}, headers=h)
    assert fix.status_code == 201 and fix.json()["status"] == "corrected"
    assert fix.json()["audit"]["before"]["value"] == "3.0" and fix.json()["audit"]["after"]["value"] == "3.1"
    hist = c.get("/api/plans/花都区/observations/history", params={"indicator": "1"}).json()
    assert [(e["value"], e["current"]) for e in hist["entries"]] == [("3.0", False), ("3.1", True)]
    assert hist["entries"][1]["audit"][0]["action"] == "correct"
    # The admin sees both changes in the audit log; others may not read it.
    log = c.get("/api/audit", params={"table": "entered_observations", "record_id": fix.json()["record"]["id"]},
                headers=bearer(tokens["admin"])).json()
    assert log["total"] == 1 and log["items"][0]["before"]["value"] == "3.0"
    assert c.get("/api/audit").status_code == 401
    assert c.get("/api/audit", headers=bearer(tokens["editor"])).status_code == 403


@pytest.mark.parametrize(("body", "status", "words"), [
    ({"plan_id": "不存在区", "indicator": "1", "year": 2024, "value": "1"}, 404, "不存在区"),
    ({"plan_id": "广州市", "indicator": "16", "year": 2024, "value": "1"}, 422, "2 rows"),
    ({"plan_id": "花都区", "indicator": "1", "year": 2024, "value": "三"}, 422, "not a decimal"),
    ({"plan_id": "花都区", "indicator": "1", "year": 1900, "value": "1"}, 422, "year"),
    ({"plan_id": "花都区", "indicator": "1", "year": 2024}, 422, "value"),
])
def test_bad_observations_are_refused_with_a_reason(env, body, status, words) -> None:
    c, tokens, _, _ = env
    r = c.post("/api/observations", json=body, headers=bearer(tokens["editor"]))
    assert r.status_code == status and words in detail(r)


def test_target_revision_endpoint(env) -> None:
    c, tokens, _, _ = env
    body = {"indicator": "1", "year": 2025, "target": "5.5左右", "source": "中期评估调整"}
    assert c.post("/api/plans/花都区/targets", json=body, headers=bearer(tokens["viewer"])).status_code == 403
    r = c.post("/api/plans/花都区/targets", json=body, headers=bearer(tokens["editor"]))
    assert r.status_code == 201 and r.json()["record"]["parsed"]["qualifier"] == "about"
    t = c.get("/api/plans/花都区/targets").json()
    assert t["table"][0]["revisions"][0]["raw"] == "5.5左右" and t["table"][0]["targets"][0]["raw"] == "6左右"


def test_times_are_utc_whatever_zone_the_database_answers_in(env) -> None:
    # SQLite gives back the naive UTC time stored; PostgreSQL gives the instant in its server's zone (tests/pg.py
    # runs it on China time). The API must show the same thing for both: UTC, with its offset.
    c, tokens, _, _ = env
    admin = bearer(tokens["admin"])
    body = {"plan_id": "花都区", "indicator": "4", "year": 2022, "value": "70"}
    assert c.post("/api/observations", json=body, headers=bearer(tokens["editor"])).status_code in (200, 201)
    hist = c.get("/api/plans/花都区/observations/history", params={"indicator": "4"}).json()["entries"]
    stamps = [p["ingested_at"] for p in c.get("/api/plans").json()["items"]]
    stamps += [e["entered_at"] for e in hist] + [a["at"] for e in hist for a in e["audit"]]
    stamps += [a["at"] for a in c.get("/api/audit", headers=admin).json()["items"]]
    stamps += [u["created_at"] for u in c.get("/api/users", headers=admin).json()]
    assert hist and all(datetime.fromisoformat(t).utcoffset() == timedelta(0) for t in stamps), stamps


def test_users_endpoint_makes_a_working_token(env) -> None:
    c, tokens, _, _ = env
    assert c.post("/api/users", json={"name": "new", "role": "editor"},
                  headers=bearer(tokens["editor"])).status_code == 403
    r = c.post("/api/users", json={"name": "新编辑", "role": "editor"}, headers=bearer(tokens["admin"]))
    assert r.status_code == 201
    token = r.json()["token"]
    me = c.get("/api/me", headers=bearer(token)).json()
    assert me["name"] == "新编辑" and me["tokens"] == 1  # the token it was called with is counted
    listed = c.get("/api/users", headers=bearer(tokens["admin"])).json()
    assert "新编辑" in [u["name"] for u in listed] and token not in str(listed)
    assert c.post("/api/users", json={"name": "x", "role": "root"}, headers=bearer(tokens["admin"])).status_code == 422


def test_import_csv_and_xlsx_through_the_api(env) -> None:
    c, tokens, _, _ = env
    h = bearer(tokens["editor"])
    csv_bytes = "indicator,year,value,unit,source,note\n6,2024,24.1,,区市场监管局,\n".encode()
    r = c.post("/api/plans/花都区/observations/import", files={"file": ("values.csv", csv_bytes)}, headers=h)
    assert r.status_code == 201 and r.json()["summary"] == {"created": 1, "corrected": 0, "unchanged": 0}
    wb = Workbook()
    wb.active.append(["指标", "年份", "数值", "单位", "来源", "备注"])
    wb.active.append(["每万人有效发明专利拥有量", 2024, 24.6, None, "区市场监管局", "更正"])
    buf = io.BytesIO()
    wb.save(buf)
    r = c.post("/api/plans/花都区/observations/import", files={"file": ("更正.xlsx", buf.getvalue())}, headers=h)
    assert r.status_code == 201 and r.json()["summary"]["corrected"] == 1
    assert r.json()["results"][0]["record"]["batch"] == "更正.xlsx"
    bad = b"indicator,year,value\n99,2024,1\n"
    r = c.post("/api/plans/花都区/observations/import", files={"file": ("bad.csv", bad)}, headers=h)
    assert r.status_code == 422 and "nothing imported" in detail(r)
    # A unit longer than its column: a 422 naming the row on both backends (PostgreSQL used to fail with a 500).
    long_unit = f"indicator,year,value,unit\n6,2022,23.9,{'万' * 101}\n".encode()
    r = c.post("/api/plans/花都区/observations/import", files={"file": ("unit.csv", long_unit)}, headers=h)
    assert r.status_code == 422 and "row 2: unit is too long" in detail(r)
    r = c.post("/api/plans/花都区/observations/import", files={"file": ("v.json", b"{}")}, headers=h)
    assert r.status_code == 415
    assert c.post("/api/plans/花都区/observations/import", files={"file": ("v.csv", csv_bytes)}).status_code == 401


# --- uploads -----------------------------------------------------------------------------------------------------
SMALL_PLAN = "甲市乙区国民经济和社会发展第十四个五年规划纲要\n第一章 发展基础\n到2025年，地区生产总值年均增长6%左右。\n"


def test_upload_saves_under_a_generated_name_and_ingests(env) -> None:
    c, tokens, _, root = env
    h = bearer(tokens["editor"])
    r = c.post("/api/documents", files={"file": ("乙区规划.txt", SMALL_PLAN.encode())}, headers=h)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["status"] == "loaded" and body["file_name"] == "乙区规划.txt"
    stored = list((root / "data" / "uploads").iterdir())
    assert body["audit"]["after"]["stored_as"] in [p.name for p in stored]
    assert all(p.name != "乙区规划.txt" and p.suffix == ".txt" for p in stored)
    assert body["audit"]["action"] == "upload" and body["audit"]["actor"] == "ed"
    docs = c.get("/api/plans", params={"all_documents": True}).json()["items"]
    assert any(d["id"] == body["document_id"] and d["file_name"] == "乙区规划.txt" for d in docs)
    again = c.post("/api/documents", files={"file": ("copy.txt", SMALL_PLAN.encode())}, headers=h)
    assert again.status_code == 200 and again.json()["status"] == "unchanged"
    assert len(list((root / "data" / "uploads").iterdir())) == len(stored)  # the duplicate is not kept


@pytest.mark.parametrize(("name", "status", "words"), [
    ("../../etc/evil.txt", 422, "plain file name"), ("a/b.txt", 422, "plain file name"),
    ("..\\x.txt", 422, "plain file name"), (".hidden.txt", 422, "plain file name"),
    ("plan.exe", 415, ".exe"), ("plan", 415, "(none)"), ("plan.txt.sh", 415, ".sh"),
])
def test_upload_refuses_bad_names_and_types(env, name, status, words) -> None:
    c, tokens, _, root = env
    r = c.post("/api/documents", files={"file": (name, b"text")}, headers=bearer(tokens["editor"]))
    assert r.status_code == status and words in detail(r)
    assert not (root / "etc").exists() and not (root / "data" / "evil.txt").exists()


def test_upload_refuses_too_big_unreadable_and_unauthorised(tmp_path: Path, env,
                                                            module_store_url) -> None:  # noqa: F811
    _, tokens, _, _ = env
    small = TestClient(create_app(module_store_url, data_dir=tmp_path, max_upload_bytes=1000,
                                  web=False))
    h = bearer(tokens["editor"])
    r = small.post("/api/documents", files={"file": ("big.txt", b"x" * 200_000)}, headers=h)
    assert r.status_code == 413 and "limit" in detail(r)  # refused from Content-Length, nothing read
    r = small.post("/api/documents", files={"file": ("big.txt", b"x" * 5_000)}, headers=h)
    assert r.status_code == 413 and "limit" in detail(r)  # refused while streaming
    assert list((tmp_path / "uploads").iterdir()) == []  # the partial file is removed
    r = small.post("/api/documents", files={"file": ("empty.txt", b"")}, headers=h)
    assert r.status_code == 422 and "empty" in detail(r)
    r = small.post("/api/documents", files={"file": ("broken.pdf", b"%PDF-1.4 not really")}, headers=h)
    assert r.status_code == 422 and "broken.pdf" in detail(r)
    assert list((tmp_path / "uploads").iterdir()) == []
    assert small.post("/api/documents", files={"file": ("a.txt", b"x")}).status_code == 401
    assert small.post("/api/documents", files={"file": ("a.txt", b"x")},
                      headers=bearer(tokens["viewer"])).status_code == 403


# --- services that other modules provide ----------------------------------------------------------------------------
def test_status_search_and_report(env) -> None:
    c, _, _, _ = env
    status = c.get("/api/plans/花都区/status", params={"year": 2024})
    assert status.status_code == 200 and status.json()
    assert c.get("/api/plans/花都区/status").status_code == 422  # year is required
    assert c.get("/api/plans/花都区/status", params={"year": 3000}).status_code == 422
    found = c.get("/api/search", params={"q": "机场"}).json()
    assert found["results"] and {"plan_id", "line", "snippet"} <= set(found["results"][0])
    assert c.get("/api/search").status_code == 422
    rep = c.get("/api/plans/花都区/report", params={"year": 2024, "format": "json"})
    assert rep.status_code == 200 and rep.json()["year"] == 2024
    html = c.get("/api/plans/花都区/report", params={"year": 2024, "format": "html"})
    assert html.headers["content-type"].startswith("text/html") and "2024" in html.text
    assert "style-src 'self' 'unsafe-inline'" in html.headers["content-security-policy"]
    xlsx = c.get("/api/plans/花都区/report", params={"year": 2024, "format": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert c.get("/api/plans/花都区/report", params={"year": 2024, "format": "doc"}).status_code == 422


@pytest.mark.parametrize(("module", "url"), [
    ("planscope.monitor.service", "/api/plans/花都区/status?year=2024"),
    ("planscope.search.fulltext", "/api/search?q=机场"),
    ("planscope.monitor.service", "/api/plans/花都区/report?year=2024"),
])
def test_missing_parts_answer_501(env, monkeypatch: pytest.MonkeyPatch, module, url) -> None:
    c, _, _, _ = env
    monkeypatch.setitem(sys.modules, module, None)  # importing it now raises ImportError
    r = c.get(url)
    assert r.status_code == 501 and "not available" in detail(r)


def test_align_stored_plans(env) -> None:
    c, _, ids, _ = env
    a = c.get("/api/align", params={"parent": "广州市", "child": "花都区"}).json()
    assert a["plan_ids"] == {"parent": ids["广州市"], "children": [ids["花都区"]]}
    gdp = next(i for i in a["indicators"] if "花都区" in i["children"] and "地区生产总值" in i["parent"]["name"])
    assert gdp["verdict"]
    assert a["tasks"] and all(t["child"] == "花都区" for t in a["tasks"])
    r = c.get("/api/align", params={"parent": "广州市", "child": "不存在区"})
    assert r.status_code == 404
    assert c.get("/api/align", params={"parent": "广州市"}).status_code == 422


# --- cross-cutting -----------------------------------------------------------------------------------------------
def test_json_is_utf8_with_chinese_unescaped_and_errors_are_json(env) -> None:
    c, _, _, _ = env
    r = c.get("/api/plans/花都区")
    assert r.headers["content-type"].startswith("application/json")
    assert "花都区".encode() in r.content and b"\\u" not in r.content
    for method, url in (("get", "/api/nowhere"), ("delete", "/api/plans"), ("get", "/api/plans/1/sections/x")):
        resp = getattr(c, method)(url)
        assert resp.status_code in (404, 405, 422) and detail(resp)


def test_security_headers(env) -> None:
    c, _, _, _ = env
    for r in (c.get("/api/plans"), c.get("/api/plans/99999"), c.get("/openapi.json")):
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["x-frame-options"] == "DENY"
        assert r.headers["referrer-policy"] == "same-origin"
        csp = r.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "*" not in csp


def test_openapi_lists_the_paths(env) -> None:
    c, _, _, _ = env
    spec = c.get("/openapi.json").json()
    paths = set(spec["paths"])
    for p in ("/api/plans", "/api/plans/{plan}", "/api/plans/{plan}/outline", "/api/plans/{plan}/indicators",
              "/api/plans/{plan}/status", "/api/search", "/api/align", "/api/observations", "/api/regions",
              "/api/plans/{plan}/sections/{sid}", "/api/plans/{plan}/targets", "/api/plans/{plan}/observations",
              "/api/plans/{plan}/report", "/api/audit", "/api/documents"):
        assert p in paths, p
    post = spec["paths"]["/api/observations"]["post"]
    assert {"401", "403", "422"} <= set(post["responses"])
    assert "ObservationIn" in spec["components"]["schemas"]


def test_reads_can_require_a_token(env, module_store_url) -> None:  # noqa: F811
    _, tokens, _, _ = env
    locked = TestClient(create_app(module_store_url, read_requires_token=True, web=False))
    assert locked.get("/api/plans").status_code == 401
    assert locked.get("/api/plans", headers=bearer(tokens["viewer"])).status_code == 200
