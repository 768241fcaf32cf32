"""Small HTML helpers for QTextDocument's HTML subset (tables with attributes, inline styles)."""

from __future__ import annotations

import base64
from collections.abc import Iterable, Sequence
from datetime import datetime, tzinfo
from html import escape

from desktop.point_time import point_time

STYLE = (
    "body { font-family: 'DejaVu Sans'; font-size: 10pt; } "
    "h1 { font-size: 16pt; margin-bottom: 2px; } h2 { font-size: 12pt; margin-top: 14px; } "
    "td, th { padding: 3px; } th { background-color: #e6e6e6; } .muted { color: #555555; } "
    ".total { font-weight: bold; } .warn { color: #a00000; font-weight: bold; }"
)


def page(title: str, *parts: str) -> str:
    return (
        f'<html><head><meta charset="utf-8"><title>{escape(title)}</title><style>{STYLE}</style></head>'
        f"<body>{''.join(parts)}</body></html>"
    )


def heading(text: str, level: int = 1) -> str:
    return f"<h{level}>{escape(text)}</h{level}>"


def para(text: str, css: str = "") -> str:
    klass = f' class="{css}"' if css else ""
    return f"<p{klass}>{escape(text)}</p>"


def fields(rows: Iterable[tuple[str, str]]) -> str:
    """A two-column label/value table without borders."""
    body = "".join(f'<tr><td class="muted">{escape(k)}</td><td>{escape(v)}</td></tr>' for k, v in rows)
    return f'<table cellspacing="0" cellpadding="2">{body}</table>'


_NARROW = ' width="6%"'


def table(header: Sequence[str], rows: Iterable[Sequence[str]], numeric: Sequence[int] = ()) -> str:
    """A bordered table; columns listed in ``numeric`` are right-aligned."""
    head = "".join(f"<th{_NARROW if h == '№' else ''}>{escape(h)}</th>" for h in header)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td align="{"right" if i in numeric else "left"}">{escape(cell)}</td>' for i, cell in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f'<table border="1" cellspacing="0" cellpadding="3" width="100%"><tr>{head}</tr>{body}</table>'


def image(png: bytes, alt: str = "") -> str:
    """A PNG at its own pixel size in a paragraph of its own (a bare <img> joins the text block before it in
    QTextDocument); a data URL: QTextDocument and browsers read it, nothing beside the HTML."""
    data = base64.b64encode(png).decode("ascii")
    return f'<p><img src="data:image/png;base64,{data}" alt="{escape(alt)}"></p>'


def signatures(*roles: str) -> str:
    cells = "".join(f"<td>{escape(role)}: ____________________</td>" for role in roles)
    return f'<p>&nbsp;</p><table cellspacing="0" cellpadding="8" width="100%"><tr>{cells}</tr></table>'


def when(moment: datetime, zone: tzinfo) -> str:
    """'24.11.2026 18:05' in the point's time zone."""
    return point_time(moment, zone)
