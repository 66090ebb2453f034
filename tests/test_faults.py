"""Faults: a killed ingest leaves the store consistent, a killed server loses no acknowledged write, and readers
work while a writer ingests (SQLite WAL + busy timeout: no 'database is locked')."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text

import planscope
from conftest import CORPUS
from live_server import LiveServer
from planscope.store.auth import add_user


def _variants(out: Path, n: int) -> list[Path]:
    """n distinct documents (different content hashes) made from the corpus, each a full plan to parse."""
    out.mkdir(parents=True, exist_ok=True)
    sources = sorted(CORPUS.glob("0*.txt"))
    paths = []
    for i in range(n):
        src = sources[i % len(sources)]
        p = out / f"{i:03d}_{src.name}"
        p.write_text(src.read_text(encoding="utf-8-sig") + f"\n附：副本 {i}\n", encoding="utf-8")
        paths.append(p)
    return paths


def _doc_count(db_file: Path) -> int:
    import sqlite3

    try:
        with sqlite3.connect(f"file:{db_file}?mode=ro", uri=True, timeout=5) as c:
            return c.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:
        return 0


def _check_consistent(url: str) -> int:
    """integrity_check ok, and every stored document complete: its text, its paragraphs (indexed), its plan row."""
    db = planscope.open(url)
    with db.engine.connect() as c:
        assert c.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
        assert c.execute(text("PRAGMA foreign_key_check")).all() == []
        docs = c.execute(text("SELECT id, line_count FROM documents")).all()
        for doc_id, line_count in docs:
            clean = c.execute(text("SELECT clean FROM document_texts WHERE document_id = :d"), {"d": doc_id}).scalar()
            assert clean is not None, f"document {doc_id} has no text"
            assert len(clean.split("\n")) == line_count
            paras = c.execute(text("SELECT count(*) FROM paragraphs WHERE document_id = :d"), {"d": doc_id}).scalar()
            indexed = c.execute(text("SELECT count(*) FROM paragraph_fts WHERE rowid IN (SELECT id FROM paragraphs "
                                     "WHERE document_id = :d)"), {"d": doc_id}).scalar()
            assert paras > 0 and indexed == paras, (doc_id, paras, indexed)
            sections = c.execute(text("SELECT count(*) FROM sections WHERE document_id = :d"), {"d": doc_id}).scalar()
            assert sections > 0
    db.close()
    return len(docs)


def test_killed_ingest_leaves_store_consistent_and_rerun_completes(tmp_path: Path) -> None:
    files = _variants(tmp_path / "docs", 9)
    db_file = tmp_path / "store.db"
    url = f"sqlite:///{db_file}"
    planscope.open(url).close()  # schema first, so the child only ingests
    proc = subprocess.Popen([sys.executable, "-c", "from planscope.cli import main; main()", "ingest",
                             str(tmp_path / "docs"), "--db", url], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _doc_count(db_file) < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the ingest finished before it could be killed: make it bigger"
    time.sleep(0.3)  # somewhere inside the next document's parse or transaction
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    stored = _check_consistent(url)
    assert 2 <= stored < len(files)
    db = planscope.open(url)
    report = db.ingest(files)
    db.close()
    assert report.count("error") == 0
    assert report.count("unchanged") == stored
    assert _check_consistent(url) == len(files)


@pytest.fixture()
def served_store(tmp_path: Path) -> dict:
    url = f"sqlite:///{tmp_path / 'api.db'}"
    db = planscope.open(url)
    assert db.ingest([sorted(CORPUS.glob("000_*.txt"))[0]]).count("error") == 0
    plan = db.plans()[0].id
    seqs = [r.seq for r in db.plan(plan).indicators().rows if r.seq][:8]
    with db.session() as s:
        _, token = add_user(s, "editor1", "editor")
        s.commit()
    db.close()
    return {"url": url, "plan": plan, "seqs": seqs, "token": token, "dir": tmp_path}


def _count_entered(url: str) -> int:
    db = planscope.open(url)
    with db.engine.connect() as c:
        n = c.execute(text("SELECT count(*) FROM entered_observations")).scalar_one()
    db.close()
    return n


def test_killed_server_loses_no_acknowledged_write(served_store: dict) -> None:
    import httpx

    st = served_store
    server = LiveServer(st["url"], st["dir"] / "data", st["dir"] / "server.log")
    acked = []
    try:
        with httpx.Client(base_url=server.base, headers={"Authorization": f"Bearer {st['token']}"},
                          timeout=30) as client:
            # 40 distinct (indicator, year) pairs inside the plan period, so no write supersedes another
            for k in range(40):
                r = client.post("/api/observations", json={"plan_id": st["plan"], "indicator": st["seqs"][k // 5],
                                                           "year": 2021 + k % 5, "value": f"{k}.5"})
                assert r.status_code == 201, r.text
                acked.append(r.json())
    finally:
        server.kill()  # right after the last 201
    assert _count_entered(st["url"]) == len(acked) == 40
    again = LiveServer(st["url"], st["dir"] / "data", st["dir"] / "server2.log")
    try:
        r = httpx.get(f"{again.base}/api/plans/{st['plan']}/observations", timeout=30)
        assert r.status_code == 200
        body = r.text
        for k in range(40):
            assert f"{k}.5" in body
    finally:
        again.stop()


def test_readers_work_while_one_writer_ingests(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'wal.db'}"
    db = planscope.open(url)
    first, *rest = _variants(tmp_path / "docs", 5)
    assert db.ingest([first]).count("error") == 0
    with db.engine.connect() as c:
        assert c.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
    errors: list[str] = []
    reads = [0]
    done = threading.Event()

    def reader() -> None:
        while not done.is_set():
            try:
                plans = db.plans()
                view = db.plan(plans[-1].id)
                view.indicators()
                view.outline()
                db.search("发展")
                reads[0] += 1
            except Exception as e:  # any error at all is a failure, 'database is locked' above all
                errors.append(f"{type(e).__name__}: {e}")

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for t in threads:
        t.start()
    try:
        report = db.ingest(rest)
    finally:
        done.set()
        for t in threads:
            t.join(30)
    db.close()
    assert report.count("error") == 0, [f.message for f in report.errors]
    assert errors == [], errors[:3]
    assert reads[0] >= 4
