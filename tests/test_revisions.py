"""Plan revisions: a revised target or base with reason and effective date, the value in force per year, the
history with its audit rows, the districts a revised city target flags, and document versions as revisions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import planscope
from conftest import CORPUS, corpus_file
from planscope.api import create_app
from planscope.cli import app
from planscope.monitor.revisions import history, in_force
from planscope.monitor.service import build_evaluation, plan_status
from planscope.store import auth, entries


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> tuple[planscope.store.Database, str, Path]:
    root = tmp_path_factory.mktemp("rev")
    url = f"sqlite:///{root / 'corpus.db'}"
    db = planscope.open(url)
    assert db.ingest([CORPUS]).count("error") == 0
    return db, url, root


def _rd(db: planscope.store.Database, year: int):  # type: ignore[no-untyped-def]
    return next(i for i in build_evaluation(db, "广州市", year).indicators if i.canonical == "rd_intensity")


def test_revised_city_target_changes_evaluation_cascade_and_keeps_history(store) -> None:
    db, url, _ = store
    with db.session() as s:
        entries.add_observation(s, "广州市", "5", 2023, "3.43", by="t", source="市统计公报")
        s.commit()
    before = _rd(db, 2023)  # 研发经费支出(R&D)占地区生产总值比重 3 → 3.4左右
    assert before.target.raw == "3.4左右" and before.status == "achieved"
    runner = CliRunner()
    res = runner.invoke(app, ["revise", "广州市", "--indicator", "5", "--target", "4左右", "--reason", "中期评估调整",
                              "--effective", "2023-06-01", "--by", "zhao", "--db", url, "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out["record"]["before"] == "3.4左右" and out["record"]["effective"] == "2023-06-01"
    huadu = next(c for c in out["cascade"] if c["child"] == "花都区")
    assert (huadu["child_target"], huadu["verdict_before"], huadu["verdict_after"]) == ("3.4", "same", "looser")
    assert huadu["changed"] and {c["canonical"] for c in out["cascade"]} == {"rd_intensity"}
    # in force from 2023: the 2023 evaluation uses 4左右, the 2022 one still the printed target
    after = _rd(db, 2023)
    assert after.target.raw == "4左右" and after.status == "lagging"  # (3.43−3)/(4−3) = 43 % at 60 % of the time
    assert "原目标“3.4左右”" in after.explanation and "中期评估调整" in after.explanation
    assert _rd(db, 2022).target.raw == "3.4左右"
    report = build_evaluation(db, "广州市", 2023)
    assert any("4左右" in n for n in report.notes)
    # a correction of the same revision supersedes it; the history keeps both, with their audit rows
    res = runner.invoke(app, ["revise", "广州市", "--indicator", "5", "--target", "3.9左右", "--reason", "更正",
                              "--effective", "2023-06-01", "--by", "li", "--db", url])
    assert res.exit_code == 0 and "3.9左右" in res.stdout, res.output
    h = history(db, "广州市", "5")
    assert [(r["raw"], r["current"]) for r in h["revisions"]] == [("4左右", False), ("3.9左右", True)]
    assert [a["action"] for r in h["revisions"] for a in r["audit"]] == ["create", "correct"]
    with db.session() as s:
        total, rows = entries.list_audit(s, table="target_revisions", plan_id=h["plan_id"])
    assert total >= 2 and rows[0]["actor"] == "li" and rows[0]["before"]["raw"] == "4左右"
    res = runner.invoke(app, ["revise", "history", "广州市", "--indicator", "5", "--db", url, "--json"])
    assert res.exit_code == 0 and len(json.loads(res.stdout)["revisions"]) == 2


def test_base_revision_and_value_in_force() -> None:
    revs = [{"id": 1, "raw": "a", "effective": None}, {"id": 2, "raw": "b", "effective": "2023-06-01"},
            {"id": 3, "raw": "c", "effective": "2024-01-01"}]
    assert [in_force(revs, y)["raw"] for y in (2021, 2023, 2024)] == ["a", "b", "c"]
    assert in_force(revs[1:], 2022) is None  # before every dated revision: the printed value holds


def test_base_revision_is_used(store) -> None:
    db, url, _ = store
    res = CliRunner().invoke(app, ["revise", "花都区", "--indicator", "2", "--base", "21.5", "--reason", "统计数据修订",
                                   "--by", "zhao", "--db", url])
    assert res.exit_code == 0, res.output
    labour = next(s for s in plan_status(db, "花都区", 2024) if s.evaluation.seq == "2").evaluation
    assert labour.base.raw == "21.5" and "原基期值“21.2”" in labour.explanation
    assert labour.planned_path[2021] > 21.5  # the path starts from the revised base


def test_errors_are_one_clear_line(store) -> None:
    _, url, _ = store
    runner = CliRunner()
    res = runner.invoke(app, ["revise", "广州市", "--indicator", "5", "--by", "x", "--db", url])
    assert res.exit_code != 0 and "--target" in res.output
    res = runner.invoke(app, ["revise", "广州市", "--indicator", "5", "--target", "4", "--effective", "soon",
                              "--by", "x", "--db", url])
    assert res.exit_code == 1 and "not a date" in res.output and "Traceback" not in res.output


def test_a_new_document_version_is_recorded_as_a_revision(tmp_path: Path) -> None:
    db = planscope.open(f"sqlite:///{tmp_path / 'v.db'}")
    assert db.ingest([corpus_file("000")]).count("error") == 0
    lines = corpus_file("000").read_text(encoding="utf-8").split("\n")
    assert lines[631] == "% 2.7 3.4 预期性"  # 研发经费支出（R&D）占地区生产总值比重, 2020 → 2025
    lines[631] = "% 2.7 3.6 预期性"
    newer = tmp_path / "000_v2.txt"
    newer.write_text("\n".join(lines), encoding="utf-8")
    assert db.ingest([newer]).count("new_version") == 1
    status = plan_status(db, "花都区", 2024)
    made = history(db, "花都区")["revisions"]
    assert [(r["origin"], r["role"], r["before"], r["raw"]) for r in made] == [("version", "target", "3.4", "3.6")]
    assert "000_v2.txt 第632行" in made[0]["source"] and made[0]["audit"][0]["action"] == "create"
    rd = next(s for s in status if "R&D" in s.name).evaluation
    # the new version took force when it was stored: 2024 is evaluated on the value then in force
    assert rd.target.raw == "3.4" and "文件新版本改为“3.6”" in rd.explanation
    plan_status(db, "花都区", 2024)
    assert len(history(db, "花都区")["revisions"]) == 1  # recorded once


def test_api_revisions_and_annual_targets(store) -> None:
    db, url, root = store
    with db.session() as s:
        token = auth.add_user(s, "rev-editor", "editor")[1]
        viewer = auth.add_user(s, "rev-viewer", "viewer")[1]
        s.commit()
    c = TestClient(create_app(url, data_dir=root / "data"))
    h = {"Authorization": f"Bearer {token}"}
    body = {"indicator": "6", "year": 2025, "value": "9000", "source": "2025年计划"}
    assert c.post("/api/plans/花都区/annual-targets", json=body,
                  headers={"Authorization": f"Bearer {viewer}"}).status_code == 403
    r = c.post("/api/plans/花都区/annual-targets", json=body, headers=h)
    assert r.status_code == 201 and r.json()["record"]["role"] == "annual_target"
    assert c.post("/api/plans/花都区/annual-targets", json=body, headers=h).status_code == 200  # unchanged
    r = c.post("/api/plans/广州市/revisions", headers=h,
               json={"indicator": "3", "role": "target", "value": "30", "reason": "调整", "effective": "2024-01-01"})
    assert r.status_code == 201, r.text
    assert r.json()["record"]["effective"] == "2024-01-01" and isinstance(r.json()["cascade"], list)
    r = c.get("/api/plans/广州市/revisions", params={"indicator": "3"})
    assert r.status_code == 200 and r.json()["revisions"][-1]["raw"] == "30"
    r = c.post("/api/plans/广州市/revisions", headers=h, json={"indicator": "3", "value": "30", "effective": "x"})
    assert r.status_code == 422 and "not a date" in r.json()["detail"]
