"""Remember rendered documents per order/session so a failed (or lost) print can be printed again.

Each document is kept as a small JSON file (kind, key, title, HTML, last status) in the app's data
directory; the newest ``keep`` files stay, older ones are pruned. Re-printing needs no service call.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from desktop.documents.model import Document, DocumentKind
from protocol.private_files import create_private, private_dir

_SAFE = re.compile(r"[^0-9A-Za-z._-]+")


class PrintStatus(StrEnum):
    """What happened when a remembered document was printed."""

    PRINTED = "printed"
    FAILED = "failed"


@dataclass(frozen=True)
class PrintRecord:
    """The last rendering of one document and what happened when it was printed."""

    document: Document
    status: str  # a PrintStatus
    printer: str
    error: str
    at: str


class PrintJournal:
    """Last documents by (kind, key) on disk; safe to share between the GUI and a print worker."""

    def __init__(self, directory: Path, keep: int = 200) -> None:
        self.directory = directory
        self.keep = keep

    def remember(
        self, document: Document, status: str, printer: str = "", error: str = "", at: datetime | None = None
    ) -> PrintRecord:
        record = PrintRecord(document, status, printer, error, (at or datetime.now().astimezone()).isoformat())
        private_dir(self.directory)  # documents name customers: owner only, like the cache
        path = self._path(document.kind, document.key)
        temporary = path.with_suffix(".tmp")
        with os.fdopen(create_private(temporary), "w", encoding="utf-8") as out:
            out.write(json.dumps(_to_json(record), ensure_ascii=False))
        os.replace(temporary, path)
        self._prune()
        return record

    def last(self, kind: DocumentKind, key: str) -> PrintRecord | None:
        path = self._path(kind, key)
        return _from_json(json.loads(path.read_text("utf-8"))) if path.exists() else None

    def failed(self) -> list[PrintRecord]:
        return [r for r in self.recent() if r.status == PrintStatus.FAILED]

    def recent(self) -> list[PrintRecord]:
        records = []
        for path in self._files():
            try:
                records.append(_from_json(json.loads(path.read_text("utf-8"))))
            except (OSError, ValueError, KeyError):
                continue  # a half-written or foreign file is not a document
        return sorted(records, key=lambda r: r.at, reverse=True)

    def _path(self, kind: DocumentKind, key: str) -> Path:
        return self.directory / f"{kind.value}__{_SAFE.sub('_', key)[:80]}.json"

    def _files(self) -> list[Path]:
        return (
            sorted(self.directory.glob("*.json"), key=lambda p: p.stat().st_mtime_ns) if self.directory.exists() else []
        )

    def _prune(self) -> None:
        files = self._files()
        for path in files[: max(0, len(files) - self.keep)]:
            path.unlink(missing_ok=True)


def _to_json(record: PrintRecord) -> dict[str, str]:
    doc = record.document
    return {
        "kind": doc.kind.value,
        "key": doc.key,
        "title": doc.title,
        "html": doc.html,
        "status": record.status,
        "printer": record.printer,
        "error": record.error,
        "at": record.at,
    }


def _from_json(data: dict[str, str]) -> PrintRecord:
    document = Document(DocumentKind(data["kind"]), data["key"], data["title"], data["html"])
    return PrintRecord(document, data["status"], data["printer"], data["error"], data["at"])
