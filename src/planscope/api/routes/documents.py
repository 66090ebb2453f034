"""Uploading documents (editor): checked, saved under the data folder with a generated name, then ingested."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Header, HTTPException, Request, UploadFile
from fastapi.concurrency import run_in_threadpool

from planscope.api import schemas as sc
from planscope.api.app import UnicodeJSONResponse
from planscope.api.deps import DB, Editor
from planscope.api.routes._upload import check_length, safe_name, save_upload
from planscope.store import entries

router = APIRouter(prefix="/api", tags=["documents"])

UPLOAD_SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".docx")


def _ingest(db: Any, path: Any, client_name: str) -> Any:
    """Ingest the saved file, recording the client's plain name as the document's file name (not the random one)."""
    from planscope.ingest import IngestError, read_document
    from planscope.store import load
    from planscope.store.api import ERROR, UNCHANGED, FileResult

    data = path.read_bytes()
    sha = load.sha256_bytes(data)
    with db.session() as s:
        if (same := load.find_by_hash(s, sha)) is not None:
            return FileResult(client_name, UNCHANGED, f"already stored as document {same.id} ({same.file_name})",
                              same.id)
    try:
        src = read_document(path)
    except IngestError as e:
        return FileResult(client_name, ERROR, e.problem)
    except Exception as e:  # a reader bug is the upload's failure, not the server's
        return FileResult(client_name, ERROR, f"could not read: {type(e).__name__}")
    src.name = client_name
    return db.load(src, path=str(path), sha256=sha, size=len(data), label=client_name)


@router.post("/documents", response_model=sc.Upload, status_code=201,
             responses={**sc.errors(401, 403, 413, 415, 422),
                        200: {"model": sc.Upload, "description": "The same file was already stored."}})
async def upload(request: Request, db: DB, user: Editor,
                 file: Annotated[UploadFile, File(description="A plan document: .txt .html .htm .pdf .docx")],
                 content_length: Annotated[str | None, Header()] = None) -> Any:
    """Upload a document (editor, at most the server's limit, 50 MB by default). It is stored under a generated
    name in the data folder and ingested; the response says whether it was loaded, a new version, or known."""
    limit = request.app.state.max_upload_bytes
    check_length(content_length, limit)
    name, suffix = safe_name(file.filename, UPLOAD_SUFFIXES)
    folder = request.app.state.data_dir / "uploads"
    saved, size = await save_upload(file, folder, suffix, limit)
    result = await run_in_threadpool(_ingest, db, saved, name)
    if result.status in ("error", "unchanged"):
        saved.unlink(missing_ok=True)  # nothing new to keep
    if result.status == "error":
        raise HTTPException(422, f"{name}: {result.message}")
    with db.session() as s:
        audit = entries.record_upload(s, user.name, result.document_id, name, saved.name, result.status, size)
        s.commit()
    body = {"status": result.status, "document_id": result.document_id, "file_name": name,
            "message": result.message, "audit": audit}
    return UnicodeJSONResponse(body, status_code=200 if result.status == "unchanged" else 201)
