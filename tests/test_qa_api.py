"""QA regressions of the HTTP API: errors are {"detail": "…"} that say what is wrong, with the right status."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import planscope
from conftest import corpus_file
from planscope.api import create_app
from planscope.store import auth


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> tuple[TestClient, dict[str, str]]:
    root: Path = tmp_path_factory.mktemp("qa_api")
    url = f"sqlite:///{root / 'api.db'}"
    db = planscope.open(url)
    assert db.ingest([corpus_file("000")]).summary()["loaded"] == 1
    with db.session() as s:
        token = auth.add_user(s, "qa", "editor")[1]
        s.commit()
    return TestClient(create_app(url, data_dir=root / "data", web=False)), {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize("path", ["/api/plans/花都区/status", "/api/plans/花都区/report"])
@pytest.mark.parametrize("year", [1990, 2030])
def test_a_year_outside_the_plan_period_is_422(api, path: str, year: int) -> None:  # type: ignore[no-untyped-def]
    client, _ = api
    r = client.get(path, params={"year": year})
    assert r.status_code == 422
    assert r.json()["detail"] == f"year {year} is outside the plan's period 2021–2025"


def test_a_year_inside_the_period_still_works(api) -> None:  # type: ignore[no-untyped-def]
    client, _ = api
    r = client.get("/api/plans/花都区/status", params={"year": 2021})
    assert r.status_code == 200 and r.json()["year"] == 2021


def test_a_body_that_is_not_json_says_so(api) -> None:  # type: ignore[no-untyped-def]
    client, headers = api
    r = client.post("/api/observations", content=b'{"plan_id":', headers={**headers,
                                                                            "Content-Type": "application/json"})
    assert r.status_code == 422
    assert r.json()["detail"].startswith("request body is not valid JSON (")
    assert "body field 11" not in r.json()["detail"]


def test_a_missing_body_says_so(api) -> None:  # type: ignore[no-untyped-def]
    client, headers = api
    r = client.post("/api/observations", headers=headers)
    assert r.status_code == 422
    assert r.json()["detail"].startswith("request body: Field required")


def test_field_errors_still_name_the_field(api) -> None:  # type: ignore[no-untyped-def]
    client, headers = api
    r = client.post("/api/observations", json={"plan_id": "花都区", "indicator": "1", "year": 1800, "value": "3"},
                    headers=headers)
    assert r.status_code == 422 and r.json()["detail"].startswith("body field year:")
