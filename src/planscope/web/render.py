"""Jinja2 templates and the one helper every page uses to render (adds the user, the CSRF token and its cookie)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from planscope.web import csrf, session

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=str(HERE / "templates"))

KIND_LABELS = {"five_year_plan": "五年规划纲要", "annual_plan_report": "年度计划执行报告",
               "work_report": "政府工作报告", "statistical_bulletin": "统计公报", "evaluation": "评估报告",
               "other": "其他文件"}
LEVEL_LABELS = {"nation": "国家", "province": "省", "city": "市", "district": "区县", "town": "镇街"}


def num(v: Any) -> str:
    """A number as printed: Decimals exactly, without exponent or float noise."""
    if v is None:
        return ""
    if isinstance(v, Decimal):
        return format(v.normalize() if v == v.to_integral_value() else v, "f")
    if isinstance(v, float):
        return format(Decimal(str(v)), "f")
    return str(v)


templates.env.filters["num"] = num
templates.env.globals["KIND_LABELS"] = KIND_LABELS
templates.env.globals["LEVEL_LABELS"] = LEVEL_LABELS


def page(request: Request, name: str, context: dict[str, Any] | None = None, status_code: int = 200) -> HTMLResponse:
    ctx = {"user": None, "csrf_token": csrf.csrf_token(request), **(context or {})}
    s = session.current(request)
    ctx["user"] = s.user if s else None
    response = templates.TemplateResponse(request, name, ctx, status_code=status_code)
    csrf.set_cookie(request, response)
    return response


def message(request: Request, title: str, text: str, status_code: int = 200) -> HTMLResponse:
    return page(request, "message.html", {"title": title, "text": text}, status_code)
