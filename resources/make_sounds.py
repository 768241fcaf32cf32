"""Generate the short feedback sounds (ok / warning / error) as 16-bit mono WAV files."""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 44_100
HERE = Path(__file__).with_name("sounds")

# (frequency Hz, duration s) segments; silence is frequency 0.
SOUNDS: dict[str, list[tuple[float, float]]] = {
    "ok": [(1318.5, 0.09)],  # one short high beep
    "warning": [(880.0, 0.11), (0.0, 0.05), (880.0, 0.11)],  # two medium beeps
    "error": [(220.0, 0.45)],  # one long low buzz
}


def tone(freq: float, seconds: float, volume: float = 0.6) -> bytes:
    """A sine (square-ish for the low buzz) tone with 5 ms fade in/out to avoid clicks."""
    count = int(RATE * seconds)
    fade = int(RATE * 0.005)
    frames = bytearray()
    for i in range(count):
        if freq == 0.0:
            sample = 0.0
        else:
            sample = math.sin(2 * math.pi * freq * i / RATE)
            if freq < 400:
                sample = max(-0.7, min(0.7, sample * 2))  # harsher buzz for errors
        envelope = min(1.0, i / fade if fade else 1.0, (count - i) / fade if fade else 1.0)
        frames += struct.pack("<h", int(sample * envelope * volume * 32767))
    return bytes(frames)


def write(name: str, segments: list[tuple[float, float]]) -> Path:
    path = HERE / f"{name}.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(b"".join(tone(f, d) for f, d in segments))
    return path


def main() -> None:
    HERE.mkdir(exist_ok=True)
    for name, segments in SOUNDS.items():
        print(write(name, segments))


if __name__ == "__main__":
    main()
