"""The worker's job: one file in, its parsed document out. Pure (reads the file, writes nothing), so any Dask
worker can run it and a retry is harmless; the result is pickled back to the client, which does all writing."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from pathlib import Path

from planscope import model as m
from planscope.ingest import IngestError, SourceText, read_document


@dataclass
class Parsed:
    """What a worker sends back for one file: the document ready to store, or why it could not be read."""

    path: str  # as given to the ingest (the label in reports)
    resolved: str  # the absolute path stored with the document
    sha256: str | None = None
    size: int = 0
    source: SourceText | None = None
    extraction: m.Extraction | None = None
    error: str | None = None
    seconds: float = 0.0  # time spent reading and parsing, for the "where does time go" figures

    @property
    def ok(self) -> bool:
        return self.error is None and self.source is not None and self.extraction is not None


def parse_file(path: str) -> Parsed:
    """Read, hash and parse one file. Failures become `Parsed.error` (same wording as `Database.ingest_file`);
    only a bug outside reading and parsing escapes as an exception, which the client reports for that file."""
    from planscope.parse import extract_source

    t0 = time.perf_counter()
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
        out.source = read_document(p)
    except IngestError as e:
        out.error = e.problem
    except Exception as e:  # a reader bug must not stop the batch
        out.error = f"could not read: {type(e).__name__}: {e}"
    if out.source is not None:
        try:
            out.extraction = extract_source(out.source)
        except Exception as e:
            out.error, out.source = f"could not parse: {type(e).__name__}: {e}", None
    out.seconds = time.perf_counter() - t0
    return out
