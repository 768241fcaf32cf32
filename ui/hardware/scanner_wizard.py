"""Scanner set-up wizard: scan a known test code, see the raw keystrokes, get and save the settings.

The wizard shows (and can print) `TEST_CODE` as Code 128. While it is open the app-wide wedge
detector is paused so every key reaches the capture box untouched. After Enter/Tab (or a pause) the
keystrokes go to `desktop.decode.wedge_analysis.analyse`, which finds prefix, suffix, terminator,
timing and a Russian keyboard layout; the result is shown in plain words and «Сохранить» emits
`settings_saved(WedgeSettings)` and hands them to the ``save`` callback — the shell's one update of the
scanner configuration (saved to config.toml and applied to the detector, the routing and the serial port).
A serial (COM / virtual COM) scanner can be tested instead; saving then also sets that port, and the
app's serial scanner feeds the scan queue from it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QKeyEvent, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import platform_help
from desktop.decode.wedge_analysis import TEST_CODE, KeyStroke, WedgeAnalysis, analyse, analyse_serial
from desktop.labels.barcodes import Symbology, render_barcode
from ui.hardware.frames import pil_to_qimage

IDLE_FINISH_MS = 400
KEY_NAMES = {Qt.Key.Key_Return: "Return", Qt.Key.Key_Enter: "Enter", Qt.Key.Key_Tab: "Tab"}
VISIBLE = {"\r": "Enter", "\n": "LF", "\t": "Tab", "\x02": "STX", "\x03": "ETX", "\x1d": "GS",
           " ": QT_TRANSLATE_NOOP("ScannerWizard", "пробел")}
SERIAL_BAUDS = (9600, 19200, 38400, 57600, 115200)


class Pausable(Protocol):
    def install(self, app: QCoreApplication) -> None: ...
    def uninstall(self, app: QCoreApplication) -> None: ...


def visible(text: str) -> str:
    """Framing characters shown by name: '«STX»PD…«Enter»'."""
    names = {c: QCoreApplication.translate("ScannerWizard", str(name)) for c, name in VISIBLE.items()}
    return "".join(f"«{names[c]}»" if c in names else (c if c.isprintable() else f"«0x{ord(c):02X}»") for c in text)


class KeyCapture(QPlainTextEdit):
    """Swallows every key (Tab too) and reports it with its time; shows the raw stream."""

    key_captured = Signal(object)  # KeyStroke

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTabChangesFocus(False)
        self.setPlaceholderText(self.tr("Щёлкните здесь и отсканируйте тестовый код…"))
        self._t0: float | None = None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self._on_key(event)  # swallowed: nothing is typed into the box, Tab does not move the focus

    def focusNextPrevChild(self, _next: bool) -> bool:
        return False  # Tab may be the scanner's terminator

    def _on_key(self, event: QKeyEvent) -> None:
        now = time.monotonic() * 1000
        self._t0 = now if self._t0 is None else self._t0
        name = KEY_NAMES.get(Qt.Key(event.key()), event.text() or f"key{event.key()}")
        text = "" if name in ("Return", "Enter", "Tab") else event.text()
        if name.startswith("key") and not text:
            return  # Shift, Ctrl…: not data
        self.key_captured.emit(KeyStroke(text, name, now - self._t0))

    def reset(self) -> None:
        self._t0 = None
        self.clear()


class ScannerWizard(QDialog):
    """Scan the test code; the wizard finds the settings for the wedge detector."""

    analysed = Signal(object)  # WedgeAnalysis
    settings_saved = Signal(object)  # WedgeSettings

    def __init__(
        self,
        parent: QWidget | None = None,
        wedge: Pausable | None = None,
        save: Callable[..., None] | None = None,
        serial: Pausable | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Настройка сканера штрихкодов"))
        self.setMinimumWidth(720)
        self._wedge, self._save = wedge, save
        self._paused = [p for p in (wedge, serial) if p is not None]  # the app's scanners, paused while open
        self.strokes: list[KeyStroke] = []
        self.analysis: WedgeAnalysis | None = None
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(IDLE_FINISH_MS)
        self._idle.timeout.connect(self._finish)
        self._serial: Any = None
        self._serial_buffer = b""
        self.serial_choice: dict[str, Any] = {}  # serial_port / serial_baud when a serial scan was analysed
        self._build()

    # --- layout ------------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "1. Щёлкните в поле ниже.  2. Отсканируйте этот код с экрана или с распечатки.  "
            "Программа покажет, что передаёт сканер, и подберёт настройки."
        ))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self._build_test_code(layout)
        self.capture = KeyCapture()
        self.capture.setMaximumHeight(90)
        self.capture.key_captured.connect(self._on_key)
        layout.addWidget(QLabel(self.tr("Что передал сканер (клавиши и паузы):")))
        layout.addWidget(self.capture)
        self.report = QLabel("")
        self.report.setWordWrap(True)
        self.report.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.report)
        serial = self._serial_group()
        if serial is not None:
            layout.addSpacing(10)
            layout.addWidget(serial)
        layout.addLayout(self._buttons())

    def _build_test_code(self, layout: QVBoxLayout) -> None:
        self.code_image = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.code_image.setPixmap(QPixmap.fromImage(scanner_code_image()))
        caption = QLabel(self.tr("Тестовый код: {0}").format(TEST_CODE), alignment=Qt.AlignmentFlag.AlignCenter)
        print_button = QPushButton(self.tr("Напечатать тестовый код…"))
        print_button.clicked.connect(lambda: print_test_code(self))
        layout.addWidget(self.code_image)
        layout.addWidget(caption)
        layout.addWidget(print_button, 0, Qt.AlignmentFlag.AlignCenter)

    def _buttons(self) -> QHBoxLayout:
        buttons = QHBoxLayout()
        again = QPushButton(self.tr("Сканировать ещё раз"))
        again.clicked.connect(self.restart)
        self.save_button = QPushButton(self.tr("Сохранить настройки"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self._on_save)
        close = QPushButton(self.tr("Закрыть"))
        close.clicked.connect(self.reject)
        buttons.addWidget(again)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        return buttons

    def _serial_group(self) -> QGroupBox | None:
        try:
            from PySide6.QtSerialPort import QSerialPortInfo
        except ImportError:
            return None  # no Qt Serial Port in this install: only keyboard-wedge scanners
        group = QGroupBox(self.tr("Сканер на COM-порту (вместо клавиатурного режима)"))
        row = QHBoxLayout(group)
        self.port_combo = QComboBox()
        for info in QSerialPortInfo.availablePorts():
            description = info.description() or self.tr("порт")
            self.port_combo.addItem(f"{info.portName()} — {description}", info.portName())
        if self.port_combo.count() == 0:
            self.port_combo.addItem(self.tr("COM-портов нет"), "")
        self.baud_combo = QComboBox()
        for baud in SERIAL_BAUDS:
            self.baud_combo.addItem(self.tr("{0} бод").format(baud), baud)
        connect = QPushButton(self.tr("Подключить"))
        connect.clicked.connect(self._on_serial_connect)
        port_label, speed_label = QLabel(self.tr("Порт:")), QLabel(self.tr("Скорость:"))
        for widget in (port_label, self.port_combo, speed_label, self.baud_combo, connect):
            row.addWidget(widget)
        return group

    # --- lifecycle: pause the app-wide wedge detector while the wizard owns the keyboard -------------
    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        app = QCoreApplication.instance()
        if app is not None:
            for scanner in self._paused:
                scanner.uninstall(app)
        self.capture.setFocus()

    def done(self, result: int) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            for scanner in self._paused:
                scanner.install(app)
        if self._serial is not None:
            self._serial.close()
        super().done(result)

    # --- keyboard-wedge test scan ------------------------------------------------------------------
    def _on_key(self, stroke: KeyStroke) -> None:
        self.feed(stroke)

    def feed(self, stroke: KeyStroke) -> None:
        """One key of the test scan (from the capture box, or from a test)."""
        gap = stroke.at_ms - self.strokes[-1].at_ms if self.strokes else 0.0
        self.strokes.append(stroke)
        self.serial_choice = {}
        shown = f"[{stroke.key}]" if not stroke.text else visible(stroke.text)
        pause = self.tr("+{0}мс").format(f"{gap:.0f}")
        self.capture.insertPlainText(f"{shown} " if not self.strokes[:-1] else f"{pause} {shown} ")
        if stroke.key in ("Return", "Enter", "Tab"):
            self._idle.start(60)  # a suffix may follow the terminator (CR LF, Tab Enter)
        else:
            self._idle.start()

    def _finish(self) -> None:
        if self.strokes:
            self.show_result(analyse(self.strokes))

    def show_result(self, result: WedgeAnalysis) -> None:
        self.analysis = result
        self.report.setText(report_html(result))
        self.report.setMinimumHeight(self.report.heightForWidth(max(self.report.width(), 600)) + 8)
        self.save_button.setEnabled(result.matched)
        self.analysed.emit(result)

    def restart(self) -> None:
        self.strokes.clear()
        self.analysis = None
        self.capture.reset()
        self.report.clear()
        self.save_button.setEnabled(False)
        self.capture.setFocus()

    def _on_save(self) -> None:
        if self.analysis is None:
            return
        if self._serial is not None:  # free the port for the app's serial scanner before it reopens it
            self._serial.close()
            self._serial = None
        if self._save is not None:
            self._save(self.analysis.settings, **self.serial_choice)
        self.settings_saved.emit(self.analysis.settings)
        self.accept()

    # --- serial scanner ----------------------------------------------------------------------------
    def _on_serial_connect(self) -> None:
        from PySide6.QtSerialPort import QSerialPort

        port = str(self.port_combo.currentData() or "")
        if not port:
            self.report.setText(_red(self.tr("COM-портов нет: подключите сканер кабелем USB-COM. {0}").format(
                platform_help.steps("serial_port"))))
            return
        self._serial = QSerialPort(port, self)
        self._serial.setBaudRate(int(self.baud_combo.currentData()))
        if not self._serial.open(QSerialPort.OpenModeFlag.ReadOnly):
            self.report.setText(_red(self.tr("Порт {0} не открывается ({1}). {2}").format(
                port, self._serial.errorString(), platform_help.steps("serial_access"))))
            self._serial = None
            return
        self._serial.readyRead.connect(self._on_serial_data)
        self.report.setText(self.tr("Порт {0} открыт. Отсканируйте тестовый код.").format(port))

    def _on_serial_data(self) -> None:
        self._serial_buffer += bytes(self._serial.readAll().data())
        if self._serial_buffer.endswith((b"\r", b"\n")):
            self.feed_serial(self._serial_buffer)
            self._serial_buffer = b""

    def feed_serial(self, data: bytes, port: str = "", baud: int = 0) -> None:
        """A test scan from a serial port: analysed; saving it makes that port the counter's scanner."""
        if self._serial is not None:
            port, baud = self._serial.portName(), self._serial.baudRate()
        self.serial_choice = {"serial_port": port, "serial_baud": baud} if port else {}
        self.capture.setPlainText(visible(data.decode("utf-8", errors="replace")))
        self.show_result(analyse_serial(data))


def report_html(result: WedgeAnalysis) -> str:
    """The analysis as the clerk reads it: verdict, framing, timing, problems."""
    problems = "".join(f"<li style='color:#a00000'>{_esc(p)}</li>" for p in result.problems)
    return _verdict(result) + "<br>" + "<br>".join(_report_rows(result)) + (f"<ul>{problems}</ul>" if problems else "")


def _verdict(result: WedgeAnalysis) -> str:
    if not result.matched:
        return _colored(QCoreApplication.translate("ScannerWizard", "Тестовый код прочитан неправильно."), "#a00000")
    if result.problems:
        return _colored(QCoreApplication.translate("ScannerWizard", "Код прочитан, настройки подобраны."), "#006400")
    return _colored(QCoreApplication.translate("ScannerWizard", "Сканер работает правильно."), "#006400")


def _colored(text: str, color: str) -> str:
    return f"<b style='color:{color}'>{_esc(text)}</b>"


LAYOUTS = {
    "latin": QT_TRANSLATE_NOOP("ScannerWizard", "английская"),
    "cyrillic": QT_TRANSLATE_NOOP("ScannerWizard", "русская (будет исправлена)"),
    "unknown": QT_TRANSLATE_NOOP("ScannerWizard", "не определена"),
}


def _report_rows(result: WedgeAnalysis) -> list[str]:
    s, none = result.settings, QCoreApplication.translate("ScannerWizard", "нет")
    framing = QCoreApplication.translate("ScannerWizard", "Префикс: {0}; суффикс: {1}; конец кода: {2}")
    timing = QCoreApplication.translate(
        "ScannerWizard", "Самая длинная пауза между символами: {0} мс → порог {1} мс"
    )
    return [
        QCoreApplication.translate("ScannerWizard", "Пришло: {0}").format(f"<code>{_esc(visible(result.raw))}</code>"),
        framing.format(f"<code>{_esc(visible(s.prefix)) or none}</code>",
                       f"<code>{_esc(visible(s.suffix)) or none}</code>", _esc(visible(s.terminator))),
        timing.format(f"{result.max_interval_ms:.0f}", s.max_interkey_ms),
        QCoreApplication.translate("ScannerWizard", "Раскладка: {0}").format(
            QCoreApplication.translate("ScannerWizard", str(LAYOUTS[result.layout]))
        ),
    ]


def _red(text: str) -> str:
    return f"<span style='color:#a00000'>{_esc(text)}</span>"


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def scanner_code_image() -> QImage:
    """The test code as Code 128 at 2 px per module (readable from the screen by imagers)."""
    return pil_to_qimage(render_barcode(Symbology.CODE128, TEST_CODE, 3, 110))


def print_test_code(parent: QWidget | None) -> bool:
    """Print the test code through the system print dialog (for laser scanners that can't read screens)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if QPrintDialog(printer, parent).exec() != QDialog.DialogCode.Accepted:
        return False
    painter = QPainter()
    if not painter.begin(printer):
        return False
    image = pil_to_qimage(
        render_barcode(Symbology.CODE128, TEST_CODE, max(2, printer.resolution() // 100), printer.resolution())
    )
    painter.drawImage(printer.resolution() // 2, printer.resolution() // 2, image)
    caption = QCoreApplication.translate("ScannerWizard", "Тестовый код сканера: {0}").format(TEST_CODE)
    painter.drawText(printer.resolution() // 2, printer.resolution() * 2, caption)
    painter.end()
    return True
