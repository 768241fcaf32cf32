"""Self-test checks of the counter's devices: scanner settings, printers, cameras, barcode drawing and reading."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator

from desktop.config import AppConfig
from desktop.selftest.report import SelfTestReport, Status
from desktop.translatable import translate
from desktop.version import build_info

TERMINATOR_SUFFIXES = ("\n", "\r", "\r\n", "\t")
SHORTEST_SCAN = 6  # the pickup code

Probe = Callable[[], list[str]]


def check_scanner(config: AppConfig, report: SelfTestReport) -> None:
    scanner = config.scanner
    problems = list(_scanner_problems(config))
    detail = translate("SelfTest", "суффикс {0}, префикс {1}, интервал ≤ {2} мс, длина ≥ {3}").format(
        repr(scanner.suffix), repr(scanner.prefix), scanner.max_interkey_ms, scanner.min_length)
    report.add("scanner", Status.WARNING if problems else Status.OK,
               "; ".join([*problems, detail]))


def _scanner_problems(config: AppConfig) -> Iterator[str]:
    scanner = config.scanner
    if scanner.suffix not in TERMINATOR_SUFFIXES:
        yield translate("SelfTest", "суффикс должен быть Enter или Tab, иначе конец скана не распознаётся")
    if scanner.min_length > SHORTEST_SCAN:
        yield translate("SelfTest", "минимальная длина {0} больше кода получения (%n цифр)", n=SHORTEST_SCAN).format(
            scanner.min_length)
    if scanner.max_interkey_ms < 10:
        yield translate("SelfTest", "интервал меньше 10 мс: медленный сканер будет принят за ручной ввод")
    if scanner.max_interkey_ms > 100:
        yield translate("SelfTest", "интервал больше 100 мс: быстрый ручной ввод будет принят за скан")


def check_printers(config: AppConfig, probe: Probe | None, report: SelfTestReport) -> None:
    title = "printers"
    names = _run_probe(title, probe, report)
    if names is None:
        return
    missing = [f"{kind}: «{name}»" for kind, name in config.printers.items() if name not in names]
    if missing:
        detail = translate("SelfTest", "не найдены настроенные принтеры {0}; в системе: {1}")
        report.add(title, Status.WARNING,
                   detail.format(", ".join(missing), ", ".join(names) or translate("SelfTest", "нет")))
    elif not names:
        report.add(title, Status.WARNING,
                   translate("SelfTest", "в системе нет ни одного принтера: этикетки и акты не напечатать"))
    else:
        report.add(title, Status.OK, ", ".join(names))


def check_cameras(probe: Probe | None, report: SelfTestReport) -> None:
    title = "cameras"
    names = _run_probe(title, probe, report)
    if names is None:
        return
    if names:
        report.add(title, Status.OK, ", ".join(names))
    else:
        report.add(title, Status.WARNING, translate("SelfTest", "камер нет: QR-коды можно читать только сканером"))


def check_qt_platform(probe: Probe | None, report: SelfTestReport) -> None:
    """The Qt platform plugin the app will use loads (a missing system library stops the GUI at once)."""
    if probe is None:
        report.add("qt_platform", Status.SKIPPED, translate("SelfTest", "не проверялось (без графической части)"))
        return
    try:
        names = probe()
    except Exception as exc:
        names, problem = [], f"{type(exc).__name__}: {exc}"
    else:
        problem = translate("SelfTest", "модуль платформы не найден")
    if names:
        report.add("qt_platform", Status.OK, ", ".join(names))
    else:
        detail = translate("SelfTest", "окно программы не откроется: {0}").format(problem)
        report.add("qt_platform", Status.FAILED, detail)


def _run_probe(name: str, probe: Probe | None, report: SelfTestReport) -> list[str] | None:
    if probe is None:
        report.add(name, Status.SKIPPED, translate("SelfTest", "не проверялось (без графической части)"))
        return None
    try:
        return sorted(probe())
    except Exception as exc:
        report.add(name, Status.WARNING,
                   translate("SelfTest", "список не получен ({0})").format(f"{type(exc).__name__}: {exc}"))
        return None


def check_runtime(report: SelfTestReport) -> None:
    """Draw a club-card barcode (python-barcode with its font) and read it back (zbar and zxing-cpp)."""
    kind = translate("SelfTest", "сборка") if build_info().frozen else translate("SelfTest", "исходники")
    detail = f"Python {sys.version.split()[0]}, {kind}"
    try:
        problem = _barcode_round_trip()
    except Exception as exc:
        problem = f"{type(exc).__name__}: {exc}"
    title = "barcodes"
    if problem:  # the bundle lacks libzbar or the barcode font: labels and camera scans cannot work
        report.add(title, Status.FAILED,
                   translate("SelfTest", "печать/распознавание не работает ({0}); {1}").format(problem, detail))
    else:
        report.add(title, Status.OK, translate("SelfTest", "печать и распознавание работают (zbar: {0}); {1}").format(
            _zbar_file(), detail))


def _zbar_file() -> str:
    from pyzbar import wrapper

    return str(getattr(wrapper.LIBZBAR, "_name", "?"))


def _barcode_round_trip() -> str | None:
    """None when both engines the camera uses (zbar, zxing-cpp) read back a drawn EAN-13; else what failed."""
    try:
        from desktop.decode.engines import LINEAR, zbar, zxing
    except ImportError as exc:
        return translate("SelfTest", "библиотека распознавания не найдена: {0}").format(exc)
    from barcode import EAN13
    from barcode.writer import ImageWriter

    number = "2000000000008"
    image = EAN13(number[:12], writer=ImageWriter()).render({"font_size": 8})
    for engine, read in (("zbar", zbar(image, LINEAR, "self-test")), ("zxing-cpp", zxing(image, "self-test"))):
        texts = [found.text for found in read]
        if texts != [number]:
            return f"{engine}: " + translate("SelfTest", "прочитано {0} вместо {1}").format(repr(texts), number)
    return None
