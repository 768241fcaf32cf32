"""Generate the committed OpenAPI document: `python -m backend.openapi` writes docs/openapi.json."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from backend.app import create_app
from backend.config import Settings

DOC = Path(__file__).resolve().parent.parent / "docs" / "openapi.json"


def build_openapi() -> dict[str, Any]:
    """The app's OpenAPI schema (built against a throwaway SQLite database)."""
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(Settings(database_url=f"sqlite:///{tmp}/openapi.sqlite3", run_sms_dispatcher=False,
                                  sms_gateway="none"))
        schema = app.openapi()
        app.state.db.dispose()
    return schema


def render() -> str:
    return json.dumps(build_openapi(), ensure_ascii=False, indent=2) + "\n"


def main() -> None:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DOC
    target.write_text(render(), encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
