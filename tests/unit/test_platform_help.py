"""Hardware help names the steps of the OS the app runs on: one table chosen by sys.platform."""

from __future__ import annotations

import pytest

from desktop import messages, platform_help
from desktop.platform_help import STEPS, Steps, current_os, steps
from protocol.errors import DomainError

EXPECTED = {  # topic → OS → words its steps must name
    "printer_install": {"win32": ["Параметры", "Принтеры и сканеры", "Windows 10"],
                        "linux": ["CUPS", "lpadmin", "localhost:631"], "darwin": ["Системные настройки"]},
    "printer_queue": {"win32": ["очередь печати"], "linux": ["lpstat", "cupsenable"], "darwin": ["Возобновить"]},
    "camera_access": {"win32": ["Конфиденциальность", "Камера"], "linux": ["v4l2-ctl", "/dev/video0", "группе video"],
                      "darwin": ["Конфиденциальность и безопасность"]},
    "serial_port": {"win32": ["Диспетчер устройств", "COM"], "linux": ["/dev/ttyACM0", "/dev/ttyUSB0"],
                    "darwin": ["/dev/cu."]},
    "serial_access": {"win32": ["Диспетчер устройств"], "linux": ["dialout", "usermod"], "darwin": ["порт"]},
}
FOREIGN = {"win32": ["Linux", "macOS", "sudo"], "linux": ["Windows", "Параметры →", "macOS"],
           "darwin": ["Windows", "Linux", "sudo"]}


@pytest.mark.parametrize("platform", ["win32", "linux", "darwin"])
@pytest.mark.parametrize("topic", sorted(STEPS))
def test_each_topic_names_this_os_steps_and_no_other_os(monkeypatch: pytest.MonkeyPatch, topic: str,
                                                        platform: str) -> None:
    monkeypatch.setattr(platform_help, "running_platform", lambda: platform)
    text = steps(topic)
    assert all(word in text for word in EXPECTED[topic][platform]), text
    assert not [word for word in FOREIGN[platform] if word in text], text


def test_every_topic_has_every_os() -> None:
    assert set(EXPECTED) == set(STEPS)
    assert all(set(texts) == {"windows", "linux", "macos"} for texts in STEPS.values())


@pytest.mark.parametrize(("platform", "os_name"), [("win32", "windows"), ("cygwin", "windows"), ("linux", "linux"),
                                                   ("darwin", "macos"), ("freebsd14", "linux")])
def test_platform_names(platform: str, os_name: str) -> None:
    assert current_os(platform) == os_name


def test_steps_as_a_message_parameter_follow_the_platform_when_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    messages.register({"test.platform_steps": "Принтера нет. {steps}"})
    error = DomainError("test.platform_steps", steps=Steps("printer_install"))
    monkeypatch.setattr(platform_help, "running_platform", lambda: "linux")
    assert "lpadmin" in str(error) and "Windows" not in str(error)
    monkeypatch.setattr(platform_help, "running_platform", lambda: "win32")
    assert "Принтеры и сканеры" in str(error) and "lpadmin" not in str(error)
    assert f"{Steps('camera_access'):.7}" == "Windows"
    with pytest.raises(KeyError):
        Steps("fax")
