"""A manager's report as the UI-language tests read it (with the `tagging_translator` fixture): its title and its
columns' headers and kinds, and the same written out as tagged source texts."""

from __future__ import annotations

from desktop.services.manager.report import ColumnKind, Report

Shown = tuple[str, list[tuple[str, ColumnKind]]]


def shown(report: Report) -> Shown:
    """The report's title and (header, kind) of each column, as the manager sees them."""
    return report.title, [(c.header, c.kind) for c in report.columns]


def tagged(context: str, title: str, *columns: str | tuple[str, ColumnKind]) -> Shown:
    """What `shown` must read when every text went through the translator in `context` (a bare header is TEXT)."""
    pairs = [c if isinstance(c, tuple) else (c, ColumnKind.TEXT) for c in columns]
    return f"[{context}] {title}", [(f"[{context}] {h}", kind) for h, kind in pairs]
