"""The dispatcher classifies each scan once with the live scanner configuration and routes the typed result."""

from __future__ import annotations

from tests.gui.fixtures import log_in


def _routed(qtbot, shell, raw: str) -> list:
    with qtbot.waitSignal(shell.window.dispatcher.scan_routed, timeout=3000) as blocker:
        shell.window.scans.enqueue(raw)
    return blocker.args


def test_cyrillic_layout_text_is_re_keyed_only_while_layout_fix_is_on(qtbot, shell):
    log_in(qtbot, shell)
    assert _routed(qtbot, shell, "СФ0103")[0] == "cell"  # «СФ» typed on the keys of «CA»
    shell.ctx.scanner.update(layout_fix=False)
    assert _routed(qtbot, shell, "СФ0103") == ["", ""]  # refused: not a known code
    assert shell.ctx.feedback.kind.value == "error"


def test_a_new_prefix_applies_to_the_next_scan_and_the_page_gets_the_classified_scan(qtbot, shell, monkeypatch):
    log_in(qtbot, shell)
    page = shell.window.page_named("ReceivingPage")
    shell.window.show_page(page)
    qtbot.waitUntil(lambda: not page.busy)  # it looked for an interrupted session to take up
    taken = []
    monkeypatch.setattr(page, "handle_scan", lambda scan: taken.append(scan) or True)
    shell.ctx.scanner.update(prefix="~", suffix="#\r")
    kind, target = _routed(qtbot, shell, "~B004250000000101#\r\n")
    assert (kind, target) == ("box", page.objectName())
    assert [(s.kind.value, s.value) for s in taken] == [("box", "B004250000000101")]
