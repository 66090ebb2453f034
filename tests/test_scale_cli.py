"""`planscope ingest --workers N`: the bulk path through the real CLI, on a LocalCluster of worker processes."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

import planscope
from conftest import CORPUS, corpus_file
from planscope.cli import app

runner = CliRunner()


def test_ingest_with_workers(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    files = [str(corpus_file(k)) for k in ("002", "004")]
    done = runner.invoke(app, ["ingest", *files, "--workers", "1", "--db", str(db), "--json"])
    assert done.exit_code == 0, done.output
    report = json.loads(done.stdout)
    assert report["summary"] == {"loaded": 2, "new_version": 0, "unchanged": 0, "error": 0}
    assert report["stats"]["parse_s"] > 0  # it went through the workers
    assert sorted(d.file_name[:3] for d in planscope.open(db).documents()) == ["002", "004"]
    again = runner.invoke(app, ["ingest", str(CORPUS), "--workers", "1", "--db", str(db)])
    assert again.exit_code == 0, again.output
    assert "3 loaded, 0 new versions, 2 unchanged, 0 failed" in again.stdout
