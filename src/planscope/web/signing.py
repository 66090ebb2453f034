"""HMAC signing of small cookie values with the app's secret (no extra dependency)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets

from fastapi import FastAPI


def app_secret(app: FastAPI) -> bytes:
    """The secret that signs cookies: PLANSCOPE_SECRET when set, else one random per process (so a restart only
    logs people out; nothing stored depends on it)."""
    secret = getattr(app.state, "web_secret", None)
    if secret is None:
        env = os.environ.get("PLANSCOPE_SECRET")
        secret = env.encode() if env else secrets.token_bytes(32)
        app.state.web_secret = secret
    return secret


def sign(secret: bytes, value: str, purpose: str) -> str:
    """`value` (URL-safe base64) and its MAC, bound to `purpose` so a CSRF token can never pass as a session."""
    body = base64.urlsafe_b64encode(value.encode()).decode().rstrip("=")
    mac = hmac.new(secret, f"{purpose}:{body}".encode(), hashlib.sha256).hexdigest()
    return f"{body}.{mac}"


def unsign(secret: bytes, signed: str | None, purpose: str) -> str | None:
    """The value inside `signed`, or None when it is missing, malformed or its MAC does not match."""
    if not signed or "." not in signed:
        return None
    body, mac = signed.rsplit(".", 1)
    want = hmac.new(secret, f"{purpose}:{body}".encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(mac, want):
        return None
    try:
        return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)).decode()
    except (ValueError, UnicodeDecodeError):
        return None
