"""API routes, one module per resource. ROUTERS is the order they are added to the app."""

from __future__ import annotations

from planscope.api.routes import (
    admin,
    align,
    documents,
    figures,
    indicators,
    observations,
    plans,
    reports,
    revisions,
    search,
    status,
)

ROUTERS = [plans.router, indicators.router, figures.router, observations.router, status.router, reports.router,
           revisions.router, search.router, align.router, documents.router, admin.router]
