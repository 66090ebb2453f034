"""Every refusal the threat model (docs/security.md) relies on, through the real app (API + pages).

Who may change what: no token → 401, viewer → 403, bad/revoked token → 401; tokens stored only as hashes; uploads
too big / wrong type / path-like names refused with nothing written outside the data folder; injection attempts in
search and filters answered with results or a 4xx, never a 500; CSRF on every form; security headers everywhere.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest
from sqlalchemy import text

import planscope
from conftest import corpus_file
from planscope.store import auth

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

HTML = {"accept": "text/html"}


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("sec")
    url = f"sqlite:///{root / 'sec.db'}"
    db = planscope.open(url)
    assert db.ingest([corpus_file("000")]).count("error") == 0
    plan = db.plans()[0].id
    seq = next(r.seq for r in db.plan(plan).indicators().rows if r.seq)
    with db.session() as s:
        _, viewer = auth.add_user(s, "viewer1", "viewer")
        _, editor = auth.add_user(s, "editor1", "editor")
        _, revoked = auth.add_user(s, "gone", "editor")
        auth.revoke_tokens(s, "gone")
        s.commit()
    db.close()
    return {"url": url, "root": root, "data": root / "data", "plan": plan, "seq": seq, "viewer": viewer,
            "editor": editor, "revoked": revoked}


@pytest.fixture(scope="module")
def client(env: dict) -> TestClient:
    from planscope.api import create_app

    app = create_app(env["url"], data_dir=env["data"], max_upload_bytes=64 * 1024)
    return TestClient(app, raise_server_exceptions=False)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def obs(env: dict, year: int = 2021, value: str = "1.5") -> dict:
    return {"plan_id": env["plan"], "indicator": env["seq"], "year": year, "value": value}


# --- who may change what -------------------------------------------------------------------------------------
def test_write_without_token_is_401(client: TestClient, env: dict) -> None:
    r = client.post("/api/observations", json=obs(env))
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    r = client.post("/api/documents", files={"file": ("a.txt", b"x", "text/plain")})
    assert r.status_code == 401


def test_viewer_write_is_403(client: TestClient, env: dict) -> None:
    r = client.post("/api/observations", json=obs(env), headers=bearer(env["viewer"]))
    assert r.status_code == 403 and "viewer" in r.json()["detail"]
    r = client.post("/api/users", json={"name": "x", "role": "admin"}, headers=bearer(env["editor"]))
    assert r.status_code == 403  # an editor cannot make users (or an admin)


@pytest.mark.parametrize("header", [
    "Bearer ps_0123456789abcdef_" + "A" * 43,  # well-formed, unknown key
    "Bearer ps_zz_short",  # malformed
    "Bearer " + "x" * 5000,  # absurdly long
    "Basic dXNlcjpwYXNz",  # another scheme
    "Bearer ' OR 1=1 --",
])
def test_bad_tokens_are_401(client: TestClient, env: dict, header: str) -> None:
    r = client.post("/api/observations", json=obs(env), headers={"Authorization": header})
    assert r.status_code == 401


def test_wrong_secret_and_revoked_token_are_401(client: TestClient, env: dict) -> None:
    prefix, key, secret = env["editor"].split("_", 2)
    forged = f"{prefix}_{key}_{'B' * len(secret)}"  # right key, wrong secret
    assert client.post("/api/observations", json=obs(env), headers=bearer(forged)).status_code == 401
    assert client.post("/api/observations", json=obs(env), headers=bearer(env["revoked"])).status_code == 401


def test_editor_write_is_accepted_and_audited(client: TestClient, env: dict) -> None:
    r = client.post("/api/observations", json=obs(env, 2022, "2.5"), headers=bearer(env["editor"]))
    assert r.status_code == 201, r.text
    assert "editor1" in r.text


def test_token_secrets_are_never_stored(env: dict) -> None:
    """No column of any table holds a token or its secret: only key + salted scrypt hash."""
    db = planscope.open(env["url"])
    secrets_ = [t.split("_", 2)[2] for t in (env["viewer"], env["editor"], env["revoked"])]
    with db.engine.connect() as c:
        hashes = [h for (h,) in c.execute(text("SELECT secret_hash FROM api_tokens"))]
        assert hashes and all(re.fullmatch(r"scrypt\$\d+\$\d+\$\d+\$[0-9a-f]{32}\$[0-9a-f]{64}", h) for h in hashes)
        for (table,) in c.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'")).all():
            if table.startswith("paragraph_fts"):
                continue
            dump = " ".join(str(v) for row in c.execute(text(f'SELECT * FROM "{table}"')) for v in row)
            for s in secrets_:
                assert s not in dump, f"a token secret is stored in {table}"
    db.close()
    raw = Path(env["root"] / "sec.db").read_bytes()
    for s in secrets_:
        assert s.encode() not in raw


# --- input validation ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("body", [
    {"plan_id": 1, "indicator": "1", "year": 2021, "value": "1" * 101},  # too long
    {"plan_id": 1, "indicator": "1", "year": 99999, "value": "1"},  # year out of range
    {"plan_id": 1, "indicator": "1", "year": 2021, "value": "NaN"},
    {"plan_id": "' OR 1=1 --", "indicator": "1", "year": 2021, "value": "1"},
    [1, 2, 3],
])
def test_hostile_observation_bodies_are_4xx(client: TestClient, env: dict, body: object) -> None:
    r = client.post("/api/observations", json=body, headers=bearer(env["editor"]))
    assert 400 <= r.status_code < 500, (r.status_code, r.text)


def test_lone_surrogate_in_json_is_4xx_not_500(client: TestClient, env: dict) -> None:
    raw = ('{"plan_id": ' + str(env["plan"]) + ', "indicator": "' + env["seq"]
           + '", "year": 2021, "value": "1", "note": "\\ud800"}').encode()
    r = client.post("/api/observations", content=raw, headers={**bearer(env["editor"]),
                                                                "content-type": "application/json"})
    assert 400 <= r.status_code < 500, (r.status_code, r.text)


def test_sql_in_an_indicator_name_is_data_not_code(client: TestClient, env: dict) -> None:
    body = {"plan_id": env["plan"], "indicator": "x'); DROP TABLE users; --", "year": 2021, "value": "1"}
    r = client.post("/api/observations", json=body, headers=bearer(env["editor"]))
    assert r.status_code in (201, 404, 422), r.text
    db = planscope.open(env["url"])
    assert db.table_counts()["users"] == 3
    db.close()


def test_extreme_exponent_does_not_break_reads(client: TestClient, env: dict) -> None:
    """A value like 1e999999999 is an exact decimal; whether refused or stored, nothing that reads it may fail."""
    body = {"plan_id": env["plan"], "indicator": env["seq"], "year": 2023, "value": "1e999999999"}
    r = client.post("/api/observations", json=body, headers=bearer(env["editor"]))
    assert r.status_code in (201, 422), r.text
    for path in (f"/api/plans/{env['plan']}/observations", f"/api/plans/{env['plan']}/observations/history",
                 f"/api/status?plan={env['plan']}&year=2023"):
        assert client.get(path).status_code < 500, path
    assert client.get(f"/plans/{env['plan']}/monitor?year=2023", headers=HTML).status_code < 500


def test_invalid_json_is_422(client: TestClient, env: dict) -> None:
    r = client.post("/api/observations", content=b"{not json", headers={**bearer(env["editor"]),
                                                                         "content-type": "application/json"})
    assert r.status_code == 422


INJECTIONS = ["' OR '1'='1", "'; DROP TABLE documents; --", '"', '""', "*", "AND", "OR NOT", "NEAR(a b)", "a:b",
              "paragraph_fts:x", "^发展", "(((", ")", "\\", "%", "_", "%' UNION SELECT secret_hash FROM api_tokens --",
              "发展\" OR \"1", "\x00", "\u202e", "a" * 200, "规划" * 100, "NULL", "1e999"]


@pytest.mark.parametrize("q", INJECTIONS)
def test_search_injection_and_fts_syntax_never_500(client: TestClient, env: dict, q: str) -> None:
    r = client.get("/api/search", params={"q": q})
    assert r.status_code in (200, 422), (q, r.status_code, r.text[:200])
    if r.status_code == 200:
        assert "scrypt$" not in r.text
    r = client.get("/search/results", params={"q": q}, headers=HTML)
    assert r.status_code < 500, (q, r.status_code)


@pytest.mark.parametrize("path", [
    "/api/plans?region=' OR 1=1 --", "/api/plans?kind=%27%3B%20DROP%20TABLE%20plans", "/api/plans?limit=-1",
    "/api/plans?limit=99999999999999999999", "/api/plans/1%20OR%201=1", "/api/plans/../../etc/passwd",
    "/api/plans/%00", "/api/indicators?plan=1'--", "/api/figures?plan=1&kind=x'", "/api/plans/1/lines?start=-5",
    "/api/plans/1/lines?start=1&end=999999999999", "/api/plans/1/observations/history?indicator=' OR 1=1",
    "/api/plans/1/sections/1%27", "/api/status?plan=1'", "/api/align?city=x'&district=y'", "/api/targets?plan='",
    "/plans/1%27", "/plans/1/monitor?year=%27", "/search?q=%27",
])
def test_filters_with_injection_never_500(client: TestClient, path: str) -> None:
    r = client.get(path, headers=HTML if not path.startswith("/api") else None)
    assert r.status_code < 500, (path, r.status_code, r.text[:200])


def test_store_intact_after_injection_attempts(client: TestClient, env: dict) -> None:
    for q in INJECTIONS:
        client.get("/api/search", params={"q": q})
    db = planscope.open(env["url"])
    counts = db.table_counts()
    db.close()
    assert counts["documents"] == 1 and counts["users"] == 3


# --- uploads -------------------------------------------------------------------------------------------------
def _files_under(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


def test_upload_refusals_write_nothing(client: TestClient, env: dict) -> None:
    before = _files_under(env["root"])
    ed = bearer(env["editor"])
    cases = [
        (("big.txt", b"x" * (64 * 1024 + 10), "text/plain"), 413),
        (("plan.exe", b"MZ", "application/octet-stream"), 415),
        (("noext", b"abc", "text/plain"), 415),
        (("../../escape.txt", b"abc", "text/plain"), 422),
        (("..\\..\\escape.txt", b"abc", "text/plain"), 422),
        (("/etc/passwd.txt", b"abc", "text/plain"), 422),
        ((".hidden.txt", b"abc", "text/plain"), 422),
        (("empty.txt", b"", "text/plain"), 422),
        (("binary.txt", b"\x00\x01\x02" * 100, "text/plain"), 422),
    ]
    for file, status in cases:
        r = client.post("/api/documents", files={"file": file}, headers=ed)
        assert r.status_code == status, (file[0], r.status_code, r.text)
    after = _files_under(env["root"])
    new = {p for p in after - before if not p.name.startswith("sec.db")}
    assert new == set(), new  # nothing kept: not in the data folder, not beside it
    assert not (env["root"].parent / "escape.txt").exists()


def test_accepted_upload_lands_in_data_folder_under_a_generated_name(client: TestClient, env: dict) -> None:
    body = ("某区国民经济和社会发展第十四个五年规划纲要\n第一章 发展基础\n地区生产总值年均增长6%左右。\n" * 20).encode()
    r = client.post("/api/documents", files={"file": ("../区规划.txt", body, "text/plain")},
                    headers=bearer(env["editor"]))
    assert r.status_code == 422  # the path-like name is refused even for a good file
    r = client.post("/api/documents", files={"file": ("区规划.txt", body, "text/plain")},
                    headers=bearer(env["editor"]))
    assert r.status_code == 201, r.text
    kept = _files_under(env["data"])
    assert len(kept) == 1
    (p,) = kept
    assert p.parent == env["data"] / "uploads" and re.fullmatch(r"[0-9a-f]{32}\.txt", p.name)


# --- web forms: CSRF -----------------------------------------------------------------------------------------
def _csrf(html: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert m
    return m.group(1)


def test_csrf_missing_or_mismatched_is_403(env: dict) -> None:
    from planscope.api import create_app

    c = TestClient(create_app(env["url"], data_dir=env["data"]), raise_server_exceptions=False)
    page = c.get("/login", headers=HTML)
    good = _csrf(page.text)
    forms = [("/login", {"token": env["editor"], "next": "/"}), ("/logout", {}),
             ("/entry", {"row": "1:1", "year": "2021", "value": "1"})]
    for path, data in forms:
        assert c.post(path, data=data, follow_redirects=False).status_code == 403, path  # missing
        assert c.post(path, data={**data, "csrf_token": good[:-2] + "xx"},
                      follow_redirects=False).status_code == 403, path  # mismatched
    r = c.post("/upload", files={"file": ("a.txt", b"abc", "text/plain")}, data={"csrf_token": "forged"})
    assert r.status_code == 403
    # a signed token from another browser (cookie absent) is refused too
    other = TestClient(create_app(env["url"], data_dir=env["data"]), raise_server_exceptions=False)
    assert other.post("/login", data={"token": env["editor"], "csrf_token": good},
                      follow_redirects=False).status_code == 403
    # and the right one works
    r = c.post("/login", data={"token": env["editor"], "next": "/", "csrf_token": good}, follow_redirects=False)
    assert r.status_code == 303


# --- headers -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("path,headers", [("/api/plans", None), ("/api/nowhere", None), ("/", HTML),
                                          ("/login", HTML), ("/api/search?q=%22", None)])
def test_security_headers_everywhere(client: TestClient, path: str, headers: dict | None) -> None:
    r = client.get(path, headers=headers)
    h = r.headers
    assert h["x-content-type-options"] == "nosniff"
    assert h["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in h["content-security-policy"]
    assert "script-src 'self'" in h["content-security-policy"]
    assert h["referrer-policy"] == "same-origin"


def test_session_and_csrf_cookies_are_httponly(env: dict) -> None:
    from planscope.api import create_app

    c = TestClient(create_app(env["url"], data_dir=env["data"]))
    page = c.get("/login", headers=HTML)
    assert "httponly" in page.headers["set-cookie"].lower() and "samesite=strict" in page.headers["set-cookie"].lower()
    r = c.post("/login", data={"token": env["editor"], "next": "/", "csrf_token": _csrf(page.text)},
               follow_redirects=False)
    assert "httponly" in r.headers["set-cookie"].lower()
    assert env["editor"] not in r.headers["set-cookie"]  # signed, and the token is not readable by script
