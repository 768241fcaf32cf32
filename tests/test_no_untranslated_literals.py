"""No Cyrillic string literal in the source outside the translation machinery (tr, the message catalogue).

Russian texts are allowed only where a translation can find them: arguments of tr()/translate()/
QT_TRANSLATE_NOOP()/QT_TR_NOOP(), values of a `messages.register({...})` dict (the domain message
catalogue, translated under the "DomainMessages" context), docstrings, and the few places listed in
ALLOWED_FILES / ALLOWED_LITERALS below with the reason. Everything else is a text an English clerk
would see in Russian, or a Russian log line (logs are English).

Numerus texts (a count meeting a noun, see tests/test_count_agreement.py) are translating calls too:
`self.tr("%n коробок", "", n)` and `translate(context, "%n коробок", n=n)`. Their count must reach both lupdate
and Qt, so numerus_mistakes() flags the three ways it gets lost: a positional count to translate() (lupdate's
Python parser reads the text as plain, not numerus), `tr(text, n=n)` without the disambiguation (likewise),
and a `%n` text given no count at all (the clerk would read «%n»).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CYRILLIC = re.compile("[\u0400-\u04ff]")
TRANSLATING_CALLS = {"tr", "translate", "QT_TRANSLATE_NOOP", "QT_TR_NOOP"}
ALLOWED_FILES = {
    "backend/sms/templates.py": "customer SMS texts are Russian by law, whatever the counter's UI language",
    "desktop/demo": "the headless demo script (a Russian walkthrough of a shift for the team)",
    "desktop/documents/samples.py": "sample data of the document previews and tests: names of sample customers, "
    "staff, products, addresses and notes (data like protocol/demo_data.py; the fixed texts come from builders)",
    "protocol/demo_data.py": "demo data: names of demo customers, products and addresses",
    "desktop/fiscal/words.py": "the words printed on a fiscal receipt are Russian by law (54-FZ), whatever the "
    "counter's UI language, and the register driver's own error descriptions (data the fake answers with)",
    "protocol/club_cities.py": "the retailer's list of cities (master data the server matches as spelt), "
    "with the ё/е fold of a typed name",
}
ALLOWED_LITERALS = {
    ("desktop/decode/wedge_analysis.py", 'ЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮЁйцукенгшщзхъфывапролджэячсмитьбюё.,"№;:?'):
        "the Russian keyboard layout table that undoes a scanner typing in the wrong layout (data, not text)",
    ("protocol/money.py", r"^\s*(\d{1,9})(?:[.,](\d{1,2}))?\s*(?:₽|руб\.?|р\.?)?\s*$"):
        "the amount parser accepts the rouble abbreviations a clerk may type (input pattern, not text)",
    ("desktop/services/orders.py", "ё"):
        "names match whether typed with ё or е: the letter folded when normalising a name (data, not text)",
    ("desktop/services/orders.py", "е"):
        "names match whether typed with ё or е: the letter ё is folded to (data, not text)",
    ("desktop/documents/builders.py", "Съешь же ещё этих мягких французских булок, да выпей чаю. 0123456789 ₽"):
        "the printer test page's Cyrillic pangram proves the printer prints Cyrillic, in any UI language (data)",
    ("desktop/config.py", "да"): "a yes/no setting accepts the Russian word an admin may type (input, not text)",
    ("desktop/config.py", "нет"): "a yes/no setting accepts the Russian word an admin may type (input, not text)",
    ("ui/hardware/screenshots.py", "ЗВеуыею0427"):
        "keys a scanner types on the Russian layout, fed to the wizard for its screenshot (input, not text)",
}
# Every source package is checked whole; the allow-lists above are the only exceptions.
CHECKED = ["protocol", "desktop", "ui", "backend"]


def _called_name(call: ast.Call) -> str | None:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _translated(tree: ast.AST) -> set[int]:
    """Constants inside a translating call's arguments or a messages.register({...}) dict's values."""
    found = set()
    for call in (node for node in ast.walk(tree) if isinstance(node, ast.Call)):
        name = _called_name(call)
        if name in TRANSLATING_CALLS:
            found |= {id(inner) for arg in call.args for inner in ast.walk(arg)}
        elif name == "register" and call.args and isinstance(call.args[0], ast.Dict):
            found |= {id(inner) for value in call.args[0].values for inner in ast.walk(value)}
    return found


def untranslated_literals(source: str, relative: str = "") -> list[tuple[int, str]]:
    """(line, text) of every Cyrillic string constant that no translation can reach."""
    tree = ast.parse(source)
    allowed = _docstrings(tree) | _translated(tree)
    return sorted(
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and CYRILLIC.search(node.value)
        and id(node) not in allowed and (relative, node.value) not in ALLOWED_LITERALS
    )


def numerus_mistakes(source: str) -> list[tuple[int, str]]:
    """(line, what is wrong) of every numerus call whose count lupdate or Qt would miss (see the docstring)."""
    found = []
    for call in (node for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Call)):
        name, keyword_n = _called_name(call), any(k.arg == "n" for k in call.keywords)
        if name == "translate" and len(call.args) >= 4:
            found.append((call.lineno, "translate(context, text, None, n) reads as a plain text: pass n=n"))
        elif name == "tr" and keyword_n and len(call.args) < 2:
            found.append((call.lineno, 'tr(text, n=n) reads as a plain text: write tr(text, "", n)'))
        elif name in ("tr", "translate") and not keyword_n and len(call.args) < (3 if name == "tr" else 4):
            position = 0 if name == "tr" else 1  # tr(text, …) / translate(context, text, …)
            text = call.args[position] if len(call.args) > position else None
            if isinstance(text, ast.Constant) and "%n" in str(text.value):
                found.append((call.lineno, "a %n text without its count"))
    return found


def _files(entry: str) -> list[Path]:
    path = ROOT / entry
    return sorted(path.rglob("*.py")) if path.is_dir() else [path]


def _offenders(entry: str) -> list[str]:
    found = []
    for path in _files(entry):
        relative = str(path.relative_to(ROOT))
        if any(relative == allowed or relative.startswith(allowed + "/") for allowed in ALLOWED_FILES):
            continue
        found += [f"{relative}:{line}: {text!r}" for line, text in untranslated_literals(path.read_text(), relative)]
    return found


@pytest.mark.parametrize("entry", CHECKED)
def test_no_cyrillic_literal_outside_translations(entry):
    assert _offenders(entry) == []


@pytest.mark.parametrize("entry", ["desktop", "ui"])
def test_every_numerus_text_gives_its_count_where_lupdate_and_qt_see_it(entry):
    found = [f"{path.relative_to(ROOT)}:{line}: {why}" for path in _files(entry)
             for line, why in numerus_mistakes(path.read_text())]
    assert found == []


def test_the_numerus_checker_flags_a_lost_count_but_not_the_two_right_forms():
    source = '''
boxes = self.tr("%n коробок", "", n)
orders = translate("Ctx", "%n заказов", n=len(orders))
lost = QCoreApplication.translate("Ctx", "%n записей", None, n)
plain = self.tr("%n баллов", n=points)
bare = translate("Ctx", "Журнал цел: %n записей")
'''
    assert [line for line, _why in sorted(numerus_mistakes(source))] == [4, 5, 6]
    assert untranslated_literals(source) == []


def test_every_allow_listed_file_exists():
    """A moved or split module must be allow-listed under its new path (a stale entry allows nothing)."""
    assert [entry for entry in [*CHECKED, *ALLOWED_FILES] if not (ROOT / entry).exists()] == []
    assert [path for path, _text in ALLOWED_LITERALS if not (ROOT / path).exists()] == []


def _offenders_in(path: Path) -> list[tuple[int, str]]:
    return untranslated_literals(path.read_text(), str(path.relative_to(ROOT)))


def test_the_checker_flags_plain_text_and_log_lines_but_not_translated_texts():
    source = '''
"""Модуль."""
messages.register({"x.code": "Текст ошибки {order}"})
label = QLabel(self.tr("Принять"))
title = QT_TRANSLATE_NOOP("PageTitles", "Выдача")
text = QCoreApplication.translate("Ctx", "Заказ {0}").format(number)
button = QPushButton("Закрыть")
log.warning("Нет файла %s", path)
status = f"Считан код: {code}"
'''
    flagged = [text for _line, text in untranslated_literals(source)]
    assert flagged == ["Закрыть", "Нет файла %s", "Считан код: "]


if __name__ == "__main__":  # `python tests/test_no_untranslated_literals.py` lists every offender
    for package in CHECKED:
        print("\n".join(_offenders(package)))
