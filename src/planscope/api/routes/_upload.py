"""Receiving files safely: a plain client name with an allowed suffix, a size limit read as the bytes arrive, and
a generated name on disk (the client's name never becomes a path)."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

from fastapi import HTTPException, UploadFile

CHUNK = 1024 * 1024
_BAD_NAME = re.compile(r"[/\\\x00-\x1f]|^\.|\.\.")


def safe_name(client_name: str | None, suffixes: tuple[str, ...]) -> tuple[str, str]:
    """(the client's plain file name, its lower-case suffix); 422 for a path or odd name, 415 for a bad type."""
    name = (client_name or "").strip()
    if not name:
        raise HTTPException(422, "the upload has no file name")
    if _BAD_NAME.search(name) or len(name) > 255:
        raise HTTPException(422, f"file name {name!r} is not a plain file name (no folders, '..' or control "
                                 "characters)")
    suffix = Path(name).suffix.lower()
    if suffix not in suffixes:
        raise HTTPException(415, f"file type {suffix or '(none)'!r} is not accepted; send one of "
                                 f"{', '.join(suffixes)}")
    return name, suffix


async def save_upload(upload: UploadFile, folder: Path, suffix: str, max_bytes: int) -> tuple[Path, int]:
    """Write the upload to folder/<random>.suffix, refusing (413) once it passes max_bytes; returns (path, size)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{uuid.uuid4().hex}{suffix}"
    size = 0
    try:
        with target.open("xb") as out:
            while chunk := await upload.read(CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise HTTPException(413, f"file is larger than the limit of {max_bytes // (1024 * 1024)} MB"
                                        if max_bytes >= 1024 * 1024 else
                                        f"file is larger than the limit of {max_bytes} bytes")
                out.write(chunk)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    if size == 0:
        target.unlink(missing_ok=True)
        raise HTTPException(422, "the uploaded file is empty")
    return target, size


def check_length(content_length: str | None, max_bytes: int) -> None:
    """Refuse early when the request says it is too big (the streamed count above is what really enforces it)."""
    if content_length and content_length.isdigit() and int(content_length) > max_bytes + 64 * 1024:
        raise HTTPException(413, f"request is larger than the upload limit of {max_bytes} bytes")
