"""Self-test checks of the counter's devices: scanner settings, printers, cameras, barcode drawing and reading."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator

from desktop.config import AppConfig
from desktop.selftest.report import SelfTestReport, Status
from desktop.version import build_info

TERMINATOR_SUFFIXES = ("\n", "\r", "\r\n", "\t")
SHORTEST_SCAN = 6  # the pickup code

Probe = Callable[[], list[str]]


def check_scanner(config: AppConfig, report: SelfTestReport) -> None:
    scanner = config.scanner
    problems = list(_scanner_problems(config))
    detail = (f"суффикс {scanner.suffix!r}, префикс {scanner.prefix!r}, интервал ≤ {scanner.max_interkey_ms} мс, "
              f"длина ≥ {scanner.min_length}")
    report.add("Сканер", Status.WARNING if problems else Status.OK, "; ".join([*problems, detail]))


def _scanner_problems(config: AppConfig) -> Iterator[str]:
    scanner = config.scanner
    if scanner.suffix not in TERMINATOR_SUFFIXES:
        yield "суффикс должен быть Enter или Tab, иначе конец скана не распознаётся"
    if scanner.min_length > SHORTEST_SCAN:
        yield f"минимальная длина {scanner.min_length} больше кода получения ({SHORTEST_SCAN} цифр)"
    if scanner.max_interkey_ms < 10:
        yield "интервал меньше 10 мс: медленный сканер будет принят за ручной ввод"
    if scanner.max_interkey_ms > 100:
        yield "интервал больше 100 мс: быстрый ручной ввод будет принят за скан"


def check_printers(config: AppConfig, probe: Probe | None, report: SelfTestReport) -> None:
    names = _run_probe("Принтеры", probe, report)
    if names is None:
        return
    missing = [f"{kind}: «{name}»" for kind, name in config.printers.items() if name not in names]
    if missing:
        report.add("Принтеры", Status.WARNING, f"не найдены настроенные принтеры {', '.join(missing)}; "
                   f"в системе: {', '.join(names) or 'нет'}")
    elif not names:
        report.add("Принтеры", Status.WARNING, "в системе нет ни одного принтера: этикетки и акты не напечатать")
    else:
        report.add("Принтеры", Status.OK, ", ".join(names))


def check_cameras(probe: Probe | None, report: SelfTestReport) -> None:
    names = _run_probe("Камеры", probe, report)
    if names is None:
        return
    if names:
        report.add("Камеры", Status.OK, ", ".join(names))
    else:
        report.add("Камеры", Status.WARNING, "камер нет: QR-коды можно читать только сканером")


def _run_probe(name: str, probe: Probe | None, report: SelfTestReport) -> list[str] | None:
    if probe is None:
        report.add(name, Status.SKIPPED, "не проверялось (без графической части)")
        return None
    try:
        return sorted(probe())
    except Exception as exc:
        report.add(name, Status.WARNING, f"список не получен ({type(exc).__name__}: {exc})")
        return None


def check_runtime(report: SelfTestReport) -> None:
    """Draw a club-card barcode (python-barcode with its font) and read it back (pyzbar + libzbar)."""
    detail = f"Python {sys.version.split()[0]}, {'сборка' if build_info().frozen else 'исходники'}"
    try:
        problem = _barcode_round_trip()
    except Exception as exc:
        problem = f"{type(exc).__name__}: {exc}"
    if problem:
        report.add("Штрихкоды", Status.WARNING, f"печать/распознавание не работает ({problem}); {detail}")
    else:
        report.add("Штрихкоды", Status.OK, f"печать и распознавание работают (zbar: {_zbar_file()}); {detail}")


def _zbar_file() -> str:
    from pyzbar import wrapper

    return str(getattr(wrapper.LIBZBAR, "_name", "?"))


def _barcode_round_trip() -> str | None:
    try:
        from pyzbar.pyzbar import decode
    except ImportError as exc:
        return f"библиотека zbar не найдена: {exc}"
    from barcode import EAN13
    from barcode.writer import ImageWriter

    number = "2000000000008"
    image = EAN13(number[:12], writer=ImageWriter()).render({"font_size": 8})
    read = [symbol.data.decode() for symbol in decode(image)]
    return None if read == [number] else f"прочитано {read!r} вместо {number}"
