"""The dashboard's pages, one router per area."""

from planscope.web.routes import align, forms, home, monitor, plans, projects, reports, search

ROUTERS = [home.router, plans.router, monitor.router, align.router, search.router, forms.router, reports.router,
           projects.router]

__all__ = ["ROUTERS"]
