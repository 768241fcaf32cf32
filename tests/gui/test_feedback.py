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
