"""Build step for translations: compile resources/translations/*.ts into .qm (build output, never committed).

`python -m ui.translations_build` compiles; `--update` first refreshes the .ts sources from the code
with pyside6-lupdate (Russian source texts; new strings arrive as unfinished translations).
Both tools come from the PySide6 wheel.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS_DIR = ROOT / "resources" / "translations"
LANGUAGES = ("en",)


def tool(name: str) -> str:
    """pyside6-<name> from the active environment (venv bin, the PySide6 package, or PATH)."""
    candidates = [Path(sys.executable).with_name(f"pyside6-{name}")]
    try:
        import PySide6

        package = Path(PySide6.__file__).parent
        candidates += [package / name, package / "Qt" / "libexec" / name]
    except ImportError:
        pass
    for candidate in candidates:
        if candidate.exists():
            return str(candidate)
    found = shutil.which(f"pyside6-{name}")
    if found is None:
        raise SystemExit(f"pyside6-{name} не найден: установите PySide6-Essentials")
    return found


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))


def update() -> None:
    for language in LANGUAGES:
        ts = TS_DIR / f"pickup_desk_{language}.ts"
        subprocess.run([tool("lupdate"), *sources(), "-source-language", "ru_RU", "-target-language",
                        f"{language}_US" if language == "en" else language, "-no-obsolete", "-ts", str(ts)],
                       cwd=ROOT, check=True)


def release() -> list[Path]:
    built = []
    for ts in sorted(TS_DIR.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        subprocess.run([tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], cwd=ROOT, check=True)
        built.append(qm)
    return built


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Собрать переводы интерфейса (.ts → .qm)")
    parser.add_argument("--update", action="store_true", help="обновить .ts из исходников перед сборкой")
    args = parser.parse_args(argv)
    if args.update:
        update()
    for qm in release():
        print(qm.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
