"""Feedback banner: colour per kind, a distinct sound per kind, and no audio device is not an error."""

from __future__ import annotations

from ui.feedback import COLOURS, FeedbackBanner, Kind, SoundPlayer
from ui.paths import resource


def test_each_kind_has_its_own_colour_and_sound_file():
    assert len({COLOURS[k][0] for k in (Kind.OK, Kind.WARNING, Kind.ERROR)}) == 3
    files = [resource("sounds", f"{k.value}.wav").read_bytes() for k in (Kind.OK, Kind.WARNING, Kind.ERROR)]
    assert len(set(files)) == 3


def test_banner_shows_the_reason_and_plays_the_matching_sound(qtbot):
    sounds = SoundPlayer(muted=False)  # offscreen test machines have no audio device: must not raise
    banner = FeedbackBanner(sounds)
    qtbot.addWidget(banner)
    with qtbot.waitSignal(banner.shown) as blocker:
        banner.show_error("Чужая коробка", "Отложите её для возврата.")
    assert blocker.args == ["error", "Чужая коробка Отложите её для возврата."]
    banner.show_warning("Повтор")
    banner.show_ok("Принято")
    assert sounds.played[-3:] == [Kind.ERROR, Kind.WARNING, Kind.OK]
    assert banner.kind is Kind.OK


def test_the_next_verdict_of_the_same_kind_is_not_restyled_and_a_new_kind_takes_its_colours(qtbot):
    """A style sheet re-polishes the banner and its labels (and relays out the window) on every scan: only a
    change of kind may set one."""
    from PySide6.QtCore import QEvent, QObject

    class Restyles(QObject):
        count = 0

        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.StyleChange:
                self.count += 1
            return False

    banner = FeedbackBanner(SoundPlayer(muted=True))
    qtbot.addWidget(banner)
    banner.show_ok("Принято", "Заказ 1, коробка 1 из 2.")
    restyles = Restyles()
    banner.installEventFilter(restyles)
    for n in range(2, 6):
        banner.show_ok("Принято", f"Заказ {n}, коробка 1 из 2.")
    assert restyles.count == 0
    assert banner.text == "Заказ 5, коробка 1 из 2."
    assert COLOURS[Kind.OK][0] in banner.styleSheet()
    banner.show_error("Чужая коробка", "Отложите её для возврата.")
    assert restyles.count >= 1
    assert COLOURS[Kind.ERROR][0] in banner.styleSheet() and COLOURS[Kind.OK][0] not in banner.styleSheet()
