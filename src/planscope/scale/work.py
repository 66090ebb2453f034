"""The worker's job: one file in, its rows ready to write out. Pure (reads the file, writes nothing), so any Dask
worker can run it and a retry is harmless. Besides reading and parsing, the worker does all the per-document
Python the store needs (store.load.prepare: row values, JSON, the folded text of the full-text index), so the
client, the single writer, only sends inserts; the payload is plain lists and strings, cheap to unpickle."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from planscope.ingest import IngestError, read_document
from planscope.store.load import Prepared, prepare


@dataclass
class Parsed:
    """What a worker sends back for one file: the document ready to store, or why it could not be read."""

    path: str  # as given to the ingest (the label in reports)
    resolved: str  # the absolute path stored with the document
    sha256: str | None = None
    size: int = 0
    prepared: Prepared | None = None
    error: str | None = None
    seconds: float = 0.0  # wall time reading, parsing and preparing, for the "where does time go" figures
    cpu_s: float = 0.0  # CPU time of the same (the worker thread's), which a busy machine does not inflate

    @property
    def ok(self) -> bool:
        return self.error is None and self.prepared is not None


def parse_file(path: str) -> Parsed:
    """Read, hash, parse and prepare one file. Failures become `Parsed.error` (same wording as
    `Database.ingest_file`); only a bug outside reading and parsing escapes as an exception, which the client
    reports for that file."""
    from planscope.parse import extract_source

    t0, c0 = time.perf_counter(), time.thread_time()
    p = Path(path)
    out = Parsed(path=str(path), resolved=str(p.resolve()))
    try:
        data = p.read_bytes()
    except OSError as e:
        out.error = f"cannot read: {e.strerror or e}"
        return out
    out.sha256, out.size = hashlib.sha256(data).hexdigest(), len(data)
    del data  # the reader reads the file itself; do not hold two copies
    try:
        src = read_document(p)
    except IngestError as e:
        out.error = e.problem
    except Exception as e:  # a reader bug must not stop the batch
        out.error = f"could not read: {type(e).__name__}: {e}"
    else:
        try:
            ex = extract_source(src)
        except Exception as e:
            out.error = f"could not parse: {type(e).__name__}: {e}"
        else:
            try:
                out.prepared = prepare(src, ex, path=out.resolved, sha256=out.sha256, size=out.size)
            except Exception as e:  # a loader bug: the same message a plain ingest gives
                out.error = f"could not store: {type(e).__name__}: {e}"
    out.seconds, out.cpu_s = time.perf_counter() - t0, time.thread_time() - c0
    return out


def parse_group(parse: Callable[[str], Parsed], paths: list[str]) -> list[Parsed]:
    """Several files in one Dask task (fewer tasks: less scheduling and messaging on the client per file). A file
    whose `parse` raises is reported alone, as a task raising on it would be."""
    out = []
    for path in paths:
        try:
            out.append(parse(path))
        except Exception as e:
            out.append(Parsed(path, str(Path(path).resolve()), error=f"worker failed: {type(e).__name__}: {e}"))
    return out
