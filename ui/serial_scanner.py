"""A serial (COM / virtual COM) scanner feeding the same scan queue as the keyboard wedge.

`SerialScanner` opens the port named in the live `ScannerConfiguration` (``serial_port``,
``serial_baud``) with Qt Serial Port and emits `scan_received(raw)` for every line the scanner
sends (CR, LF or CR LF ends a code). A change of the port in the scanner wizard reopens it at once;
an empty port closes it. The routing (prefix, suffix, layout fix) is the dispatcher's, as for the wedge.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from desktop.scanner_settings import ScannerConfiguration, ScannerSettings

if TYPE_CHECKING:
    from PySide6.QtSerialPort import QSerialPort

log = logging.getLogger(__name__)
_LINE_END = re.compile(rb"[\r\n]+")
MAX_BUFFER = 4096  # bytes without a line end: noise, not a code


class SerialScanner(QObject):
    """Reads codes from the configured serial port; emits each as a raw scan."""

    scan_received = Signal(str)

    def __init__(self, scanner: ScannerConfiguration, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._configuration = scanner
        self._port: QSerialPort | None = None
        self._opened: tuple[str, int] | None = None
        self._buffer = b""
        apply = self._apply
        scanner.subscribe(apply)
        self.destroyed.connect(lambda *_: scanner.unsubscribe(apply))

    @property
    def is_open(self) -> bool:
        return self._port is not None and self._port.isOpen()

    def start(self) -> None:
        """Open the configured port (nothing to do for a keyboard-wedge only counter)."""
        self._apply(self._configuration.settings)

    def install(self, _app: object = None) -> None:
        """Resume reading (the scanner wizard gives the port back when it closes)."""
        self.start()

    def uninstall(self, _app: object = None) -> None:
        """Pause: close the port so the scanner wizard can test it."""
        self.stop()

    def stop(self) -> None:
        if self._port is not None:
            self._port.close()
            self._port.deleteLater()
        self._port, self._opened, self._buffer = None, None, b""

    def _apply(self, settings: ScannerSettings) -> None:
        wanted = (settings.serial_port, settings.serial_baud)
        if wanted == self._opened and self.is_open:
            return
        self.stop()
        if settings.serial_port:
            self._open(*wanted)

    def _open(self, name: str, baud: int) -> None:
        from PySide6.QtSerialPort import QSerialPort  # Qt Serial Port loaded only with a port configured

        port = QSerialPort(name, self)
        port.setBaudRate(baud)
        if not port.open(QSerialPort.OpenModeFlag.ReadOnly):
            log.warning("serial scanner port %s does not open: %s", name, port.errorString())
            port.deleteLater()
            return
        port.readyRead.connect(lambda: self.feed(bytes(port.readAll().data())))
        self._port, self._opened = port, (name, baud)
        log.info("serial scanner on %s at %d baud", name, baud)

    def feed(self, data: bytes) -> None:
        """Bytes from the port: every complete line is one scan; an unfinished line waits for the rest."""
        *lines, self._buffer = _LINE_END.split(self._buffer + data)
        if len(self._buffer) > MAX_BUFFER:
            log.warning("serial scanner sent %d bytes without a line end; dropped", len(self._buffer))
            self._buffer = b""
        for line in lines:
            if line.strip():
                self.scan_received.emit(line.decode("utf-8", errors="replace"))
