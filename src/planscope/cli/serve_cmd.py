"""`planscope serve`: the HTTP API (and the web pages, when installed) on uvicorn."""

from __future__ import annotations

from pathlib import Path

import typer

from planscope.cli import app
from planscope.cli.common import clean_errors, err_console
from planscope.cli.store_cmds import db_option


@app.command()
def serve(host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (0.0.0.0 for every one)."),
          port: int = typer.Option(8000, "--port", min=1, max=65535),
          db: str | None = db_option(),
          data_dir: Path | None = typer.Option(None, "--data", help="Folder for uploaded files "
                                                                    "[default: beside the database]."),
          read_token: bool = typer.Option(False, "--read-token", help="Require a token for reads too."),
          reload: bool = typer.Option(False, "--reload", hidden=True)) -> None:
    """Serve the API (/api/…, /openapi.json) and the dashboard."""
    import uvicorn

    from planscope.api.app import create_app

    with clean_errors():
        application = create_app(db, data_dir=data_dir, read_requires_token=read_token)
    err_console.print(f"PlanScope on http://{host}:{port}  (store: {application.state.db_url})", highlight=False)
    uvicorn.run(application, host=host, port=port, reload=reload, log_level="info")
