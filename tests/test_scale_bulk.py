"""Bulk ingest on a real Dask LocalCluster (2 worker processes) into SQLite: same result as the plain ingest,
idempotent, a failing file is reported while the others load, and a crashed run resumes where it stopped."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import planscope
from conftest import CORPUS, corpus_file
from planscope.scale import Parsed, bulk_ingest, dask_client, parse_file
from planscope.scale.write import store_batch, writer_engine
from planscope.store import rows
from planscope.store.db import session_factory
from planscope.store.schema import Section


@pytest.fixture(scope="module")
def client():
    with dask_client(2) as c:  # processes=True: real worker processes, as in production
        yield c


@pytest.fixture(scope="module")
def plain_counts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, int]:
    db = planscope.open(tmp_path_factory.mktemp("plain") / "plain.db")
    assert db.ingest([CORPUS]).summary()["loaded"] == 5
    return db.table_counts()


def parse_failing_on_002(path: str) -> Parsed:
    """A worker bug on one file (runs on the Dask workers: this module is importable there)."""
    if Path(path).name.startswith("002_"):
        raise RuntimeError("worker blew up")
    return parse_file(path)


def test_bulk_equals_plain_ingest_and_rerun_is_noop(client, plain_counts, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'bulk.db'}"
    seen: list[tuple[str, int, int]] = []
    report = bulk_ingest(url, [CORPUS], client=client, progress=lambda r, d, t: seen.append((r.status, d, t)))
    assert report.summary() == {"loaded": 5, "new_version": 0, "unchanged": 0, "error": 0}
    assert [Path(f.path).name[:3] for f in report.files] == ["000", "001", "002", "003", "004"]  # input order
    assert sorted(d for _, d, _ in seen) == [1, 2, 3, 4, 5] and {t for _, _, t in seen} == {5}
    assert report.stats["parse_s"] > 0 and report.stats["write_s"] > 0
    db = planscope.open(url)
    assert db.table_counts() == plain_counts
    # What was stored through the workers is what the parser finds locally.
    plan = db.plan(next(d.id for d in db.documents() if d.file_name.startswith("000")))
    assert plan.indicators().to_json() == planscope.extract(corpus_file("000")).indicator_tables[0].to_json()

    again = bulk_ingest(url, [CORPUS], client=client)
    assert again.summary()["unchanged"] == 5
    assert again.stats["batches"] == 0 and again.stats["parse_s"] == 0  # skipped before submitting anything
    assert db.table_counts() == plain_counts


def test_worker_raising_on_one_file_reports_it_and_loads_the_rest(client, plain_counts, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'crash.db'}"
    report = bulk_ingest(url, [CORPUS], client=client, parse=parse_failing_on_002)
    status = {Path(f.path).name[:3]: f.status for f in report.files}
    assert status == {"000": "loaded", "001": "loaded", "002": "error", "003": "loaded", "004": "loaded"}
    (err,) = report.errors
    assert "worker failed" in err.message and "worker blew up" in err.message
    assert sorted(d.file_name[:3] for d in planscope.open(url).documents()) == ["000", "001", "003", "004"]
    rerun = bulk_ingest(url, [CORPUS], client=client)  # the fixed run loads only what is missing
    assert rerun.summary() == {"loaded": 1, "new_version": 0, "unchanged": 4, "error": 0}
    assert planscope.open(url).table_counts() == plain_counts


def test_client_crash_mid_run_resumes(client, plain_counts, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'resume.db'}"
    written: list[str] = []

    def crash_after_two(result, done, total) -> None:  # type: ignore[no-untyped-def]
        written.append(result.path)
        if len(written) == 2:
            raise KeyboardInterrupt  # the client dies after its second reported file

    with pytest.raises(KeyboardInterrupt):
        bulk_ingest(url, [CORPUS], client=client, batch_size=1, progress=crash_after_two)
    stored = {d.file_name for d in planscope.open(url).documents()}
    assert {Path(p).name for p in written} <= stored and 2 <= len(stored) < 5
    rerun = bulk_ingest(url, [CORPUS], client=client)
    assert rerun.summary()["unchanged"] == len(stored) and rerun.summary()["loaded"] == 5 - len(stored)
    assert planscope.open(url).table_counts() == plain_counts


def test_batch_rolls_back_only_the_failing_file(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'batch.db'}"
    db = planscope.open(url)
    empty = db.table_counts()
    good_a, bad, good_b = (parse_file(str(corpus_file(k))) for k in ("002", "004", "000"))
    assert bad.prepared is not None and bad.prepared.sections
    # A heading without its title breaks a NOT NULL constraint in the database, after the file's document row,
    # text and paragraphs are written (prepared rows are lists in the table's column order, less the id).
    bad.prepared.sections[-1][rows.columns(Section.__table__).index("title") - 1] = None
    engine = writer_engine(url)
    results = store_batch(session_factory(engine), [good_a, bad, good_b])
    engine.dispose()
    assert [r.status for r in results] == ["loaded", "error", "loaded"]
    assert "could not store" in results[1].message
    counts = db.table_counts()
    assert counts["documents"] == 2 and counts != empty
    assert sorted(d.file_name[:3] for d in db.documents()) == ["000", "002"]
    # Nothing of the failed file is left behind: its text and paragraphs went with its savepoint.
    assert counts["document_texts"] == 2


def test_unreadable_and_unsupported_files_are_reported(client, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(corpus_file("002"), folder / "plan.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "notes.xyz").write_text("x")
    report = bulk_ingest(tmp_path / "u.db", [folder / "plan.txt", folder / "empty.txt", folder / "notes.xyz",
                                             tmp_path / "missing.txt"], client=client)
    status = {Path(f.path).name: f.status for f in report.files}
    assert status == {"plan.txt": "loaded", "empty.txt": "error", "notes.xyz": "error", "missing.txt": "error"}
    assert all(f.message for f in report.errors)
