"""Hardware help that names the steps of the operating system the app runs on (one table, chosen by sys.platform).

Each topic has a text for Windows 10/11, Linux (CUPS, v4l2 and the `video` group, the `dialout` group for serial
scanners) and macOS; another platform gets the Linux text (the same Unix tools). Messages take the steps as a
parameter: `DomainError("print.no_printer", steps=Steps("printer_install"))` renders them when shown, in the
UI language. Tests patch `running_platform` to read every OS's text.
"""

from __future__ import annotations

import sys

from desktop.translatable import QT_TRANSLATE_NOOP, translate

WINDOWS, LINUX, MACOS = "windows", "linux", "macos"
CONTEXT = "PlatformHelp"

STEPS: dict[str, dict[str, str]] = {
    "printer_install": {
        WINDOWS: QT_TRANSLATE_NOOP(
            "PlatformHelp", "Windows 11: Параметры → Bluetooth и устройства → Принтеры и сканеры → Добавить "
            "устройство (Windows 10: Параметры → Устройства → Принтеры и сканеры); драйвер — с сайта производителя."),
        LINUX: QT_TRANSLATE_NOOP(
            "PlatformHelp", "Linux: добавьте принтер в CUPS — откройте http://localhost:631 (Администрирование → "
            "Добавить принтер) или выполните sudo lpadmin -p ИМЯ -E -v АДРЕС -m everywhere; список: lpstat -p."),
        MACOS: QT_TRANSLATE_NOOP(
            "PlatformHelp", "macOS: Системные настройки → Принтеры и сканеры → «Добавить принтер»."),
    },
    "printer_queue": {
        WINDOWS: QT_TRANSLATE_NOOP(
            "PlatformHelp", "Windows: Параметры → Принтеры и сканеры → принтер → Открыть очередь печати; "
            "снимите паузу и удалите зависшие документы."),
        LINUX: QT_TRANSLATE_NOOP(
            "PlatformHelp", "Linux: состояние очереди — lpstat -p ИМЯ; остановленную очередь включите: "
            "cupsenable ИМЯ (или http://localhost:631 → Принтеры)."),
        MACOS: QT_TRANSLATE_NOOP(
            "PlatformHelp", "macOS: Системные настройки → Принтеры и сканеры → принтер → Открыть очередь печати → "
            "«Возобновить»."),
    },
    "camera_access": {
        WINDOWS: QT_TRANSLATE_NOOP(
            "PlatformHelp", "Windows 11: Параметры → Конфиденциальность и защита → Камера — включите доступ к камере "
            "для классических приложений (Windows 10: Параметры → Конфиденциальность → Камера)."),
        LINUX: QT_TRANSLATE_NOOP(
            "PlatformHelp", "Linux: камера должна быть видна в v4l2-ctl --list-devices (/dev/video0), а пользователь — "
            "в группе video: sudo usermod -aG video ИМЯ, затем выйдите из системы и войдите снова."),
        MACOS: QT_TRANSLATE_NOOP(
            "PlatformHelp", "macOS: Системные настройки → Конфиденциальность и безопасность → Камера — разрешите "
            "доступ программе Pickup Desk."),
    },
    "serial_port": {
        WINDOWS: QT_TRANSLATE_NOOP(
            "PlatformHelp", "Windows: Диспетчер устройств → Порты (COM и LPT) — сканер виден как «USB Serial "
            "Device (COMn)»; если его нет, установите драйвер виртуального COM-порта от производителя сканера."),
        LINUX: QT_TRANSLATE_NOOP(
            "PlatformHelp", "Linux: сканер появляется как /dev/ttyACM0 или /dev/ttyUSB0 — проверьте: "
            "ls /dev/ttyACM* /dev/ttyUSB*; если его нет, переключите сканер в режим USB-COM (CDC)."),
        MACOS: QT_TRANSLATE_NOOP(
            "PlatformHelp", "macOS: сканер появляется как /dev/cu.usbmodem… — проверьте: ls /dev/cu.*; если его нет, "
            "переключите сканер в режим USB-COM (CDC)."),
    },
    "serial_access": {
        WINDOWS: QT_TRANSLATE_NOOP(
            "PlatformHelp", "Windows: закройте другие программы, которые используют порт, и проверьте скорость порта "
            "(Диспетчер устройств → Порты (COM и LPT) → свойства порта)."),
        LINUX: QT_TRANSLATE_NOOP(
            "PlatformHelp", "Linux: пользователь должен быть в группе dialout: sudo usermod -aG dialout ИМЯ, затем "
            "выйдите из системы и войдите снова; закройте другие программы, которые используют порт."),
        MACOS: QT_TRANSLATE_NOOP(
            "PlatformHelp", "macOS: закройте другие программы, которые используют порт, и проверьте скорость порта."),
    },
}


def running_platform() -> str:
    """`sys.platform` (tests patch this function, not `sys`: other modules read the real platform)."""
    return sys.platform


def current_os(platform: str | None = None) -> str:
    """`sys.platform` → windows | macos | linux (any other Unix reads the Linux steps)."""
    name = running_platform() if platform is None else platform
    if name.startswith(("win32", "cygwin")):
        return WINDOWS
    return MACOS if name.startswith("darwin") else LINUX


def steps(topic: str, platform: str | None = None) -> str:
    """The topic's steps for this OS (or `platform`), in the UI language."""
    return translate(CONTEXT, STEPS[topic][current_os(platform)])


class Steps:
    """The steps as a message parameter, rendered when the message is shown (in the UI language then)."""

    def __init__(self, topic: str) -> None:
        if topic not in STEPS:
            raise KeyError(topic)
        self.topic = topic

    def __str__(self) -> str:
        return steps(self.topic)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)
