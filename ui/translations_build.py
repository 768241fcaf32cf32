"""Build step for translations: compile resources/translations/*.ts into .qm (build output, never committed).

`python -m ui.translations_build` compiles; `--update` first refreshes the .ts sources from the code
with pyside6-lupdate (Russian source texts; new strings arrive as unfinished translations). lupdate cannot
see the domain message catalogue (dict literals given to `desktop.messages.register`), so `--update`
imports every module that registers messages and hands lupdate a generated file of
`QT_TRANSLATE_NOOP("DomainMessages", template)` lines. Both tools come from the PySide6 wheel.

Plural forms (Qt numerus texts, where a count meets a noun): lupdate reads `self.tr("%n коробок", "", n)`
as numerus by itself, but takes `translate(context, text, None, n)` for a plain text; so numerus texts given
to a `translate` function are written with the keyword `n=` (lupdate skips those calls) and the generated
file repeats each of them — and each domain template with a count parameter (`{name:n}`, desktop/messages.py) —
as `translate(context, text, None, 1)`, which lupdate marks numerus. Russian is the source language, so its
plural forms need a catalogue too: pickup_desk_ru.ts holds only the numerus texts (`lupdate -pluralonly`),
each with its three Russian forms; pickup_desk_en.ts holds every text, numerus ones with two forms.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from desktop import messages

ROOT = Path(__file__).resolve().parent.parent
TS_DIR = ROOT / "resources" / "translations"
LANGUAGES = ("en",)  # the UI languages other than the source
SOURCE_LANGUAGE = "ru"  # its catalogue holds only the plural forms of the numerus texts
DOMAIN_CONTEXT = messages.CONTEXT
GENERATED = ROOT / "build" / "lupdate" / "domain_messages.py"
MESSAGE_PACKAGES = ("desktop", "ui")
QT_WIDGETS = "qt_widgets"  # hand-kept catalogues of Qt's own widget texts Qt's catalogue lacks (qt_widgets_ru.ts)


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
        raise SystemExit(f"pyside6-{name} not found: install PySide6-Essentials")
    return found


def sources() -> list[str]:
    """The UI, and the core modules that mark texts through desktop.translatable (and that module's own texts)."""
    marker = "desktop.translatable import"
    core = [p for p in (ROOT / "desktop").rglob("*.py")
            if marker in p.read_text(encoding="utf-8") or p == ROOT / "desktop" / "translatable.py"]
    return sorted(str(p.relative_to(ROOT)) for p in [*(ROOT / "ui").rglob("*.py"), *core])


def registering_modules() -> list[str]:
    """Dotted names of the desktop/ and ui/ modules that call `messages.register`."""
    found = []
    for package in MESSAGE_PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "register(" in path.read_text(encoding="utf-8") and path.name != "__main__.py":
                found.append(".".join(path.relative_to(ROOT).with_suffix("").parts))
    return found


def domain_catalog() -> dict[str, str]:
    """Every registered domain message code with its Russian template."""
    for module in registering_modules():
        importlib.import_module(module)
    return messages.catalog()


def numerus_calls() -> list[tuple[str, str, str]]:
    """(context, text, where) of every `translate(context, text, n=...)` call in the sources (see the docstring)."""
    found = []
    for source in sources():
        for call in ast.walk(ast.parse((ROOT / source).read_text(encoding="utf-8"))):
            if not (isinstance(call, ast.Call) and _called_name(call) == "translate"
                    and any(k.arg == "n" for k in call.keywords)):
                continue
            texts = [a.value for a in call.args[:2] if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if len(texts) == 2:
                found.append((texts[0], texts[1], f"{source}:{call.lineno}"))
    return found


def _called_name(call: ast.Call) -> str | None:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)


def write_domain_source(target: Path = GENERATED) -> Path:
    """A Python file lupdate can read: one QT_TRANSLATE_NOOP per registered template, commented with its code;
    a numerus `translate(..., None, 1)` per counted template and per numerus `translate(..., n=...)` call."""
    lines = [f"translate({DOMAIN_CONTEXT!r}, {text!r}, None, 1)  # {code}" if messages.counted_field(text)
             else f"QT_TRANSLATE_NOOP({DOMAIN_CONTEXT!r}, {text!r})  # {code}"
             for code, text in sorted(domain_catalog().items())]
    lines += [f"translate({context!r}, {text!r}, None, 1)  # {where}" for context, text, where in numerus_calls()]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text('"""Generated by ui/translations_build.py."""\n' + "\n".join(lines) + "\n", encoding="utf-8")
    return target


def update(ts_dir: Path = TS_DIR) -> None:
    """Refresh the .ts files in `ts_dir` from the sources (a test runs it on a copy to prove they are current)."""
    generated = str(write_domain_source().relative_to(ROOT))
    for language in (*LANGUAGES, SOURCE_LANGUAGE):
        target = ["-target-language", f"{language}_US" if language == "en" else language]
        if language == SOURCE_LANGUAGE:
            target.append("-pluralonly")
        subprocess.run([tool("lupdate"), *sources(), generated, "-source-language", "ru_RU", *target, "-no-obsolete",
                        "-ts", str(catalogue(language, ts_dir))], cwd=ROOT, check=True)


def catalogue(language: str, ts_dir: Path = TS_DIR) -> Path:
    """The .ts file of `language` in `ts_dir`."""
    return ts_dir / f"pickup_desk_{language}.ts"


def release(languages: tuple[str, ...] = LANGUAGES) -> list[Path]:
    """Compile the .ts of `languages` (by default the English one tests switch the UI to) into .qm files."""
    return [_compile(catalogue(language)) for language in languages]


def release_qt_widgets(ts_dir: Path = TS_DIR) -> list[Path]:
    """Compile the hand-kept catalogues of Qt widget texts (QT_WIDGETS_<language>.ts; lupdate never touches them)."""
    return [_compile(ts) for ts in sorted(ts_dir.glob(f"{QT_WIDGETS}_*.ts"))]


def _compile(ts: Path) -> Path:
    """Compile `ts` beside itself and swap the .qm in whole: a translator that has the old file mapped keeps reading
    the old file (rewriting it in place under a running app or a parallel test ends in a bus error)."""
    qm = ts.with_suffix(".qm")
    fd, part = tempfile.mkstemp(prefix=f".{qm.name}.", dir=qm.parent)
    os.close(fd)
    try:
        subprocess.run([tool("lrelease"), "-silent", str(ts), "-qm", part], cwd=ROOT, check=True)
        os.chmod(part, 0o644)
        os.replace(part, qm)
    finally:
        Path(part).unlink(missing_ok=True)
    return qm


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the UI translations (.ts -> .qm)")
    parser.add_argument("--update", action="store_true", help="refresh the .ts files from the sources first")
    args = parser.parse_args(argv)
    if args.update:
        update()
    for qm in [*release((*LANGUAGES, SOURCE_LANGUAGE)), *release_qt_widgets()]:
        print(qm.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
