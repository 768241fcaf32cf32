"""A count never sits bare before a noun that must agree with it: «1 коробок» (issue 17 item 5).

Russian nouns and adjectives change with the number before them (1 коробка, 2 коробки, 5 коробок, 21 коробка),
so a text where a count meets a noun is a numerus text: `tr("%n коробок", "", n)` in the UI,
`translate(context, "%n коробок", n=n)` in the core, `{boxes:n}` in a domain message template
(desktop/messages.py); the catalogues hold its forms. This test reads every string in ui/ and desktop/ and
flags a *bare* count followed by a word that must agree with it. The rules, kept simple:

- a bare count is a str.format field without the `:n` spec (`{0}`, `{attempts}`), a printf field (`%s`,
  `%d`) or a Qt argument (`%1`); `%n` and `{name:n}` are numerus and fine;
- the word after it (past spaces) must agree when it is an adjective in the genitive plural (-ых/-их:
  «неверных», «повторных») or one of COUNTED_NOUNS, the nouns this app counts (any case: the stem matches);
- a field after «№» is a number that names (записью №{0}), not a count;
- abbreviated units do not decline and are fine: «{0} шт.», «{0} мм», «на {days} дн.», «{0} с.»;
- a label that puts the count after the noun is fine too: «Коробок: {0}».
Docstrings and the files test_no_untranslated_literals allow-lists (demo data, samples) are not checked.
"""

from __future__ import annotations

import ast
import re

import pytest

from tests.test_no_untranslated_literals import ALLOWED_FILES, ROOT, _docstrings, _files

CHECKED = ["ui", "desktop"]
BARE_COUNT = r"(?<!№)(?:\{[^{}:]*(?::(?!n\})[^{}]*)?\}|%[sd]|%\d)"
COUNTED_NOUNS = ("коробк", "коробок", "заказ", "балл", "запис", "попыт", "дня", "дней", "день", "минут", "час",
                 "секунд", "символ", "цифр", "мест", "штук", "ячейк", "ячеек", "товар", "код", "SMS", "сообщени",
                 "событи", "карт", "смен", "позици", "этикет", "лист", "страниц", "рубл", "сотрудник", "клиент")
AGREEING_WORD = r"(?:[а-яё]+(?:ых|их)\b|(?:" + "|".join(COUNTED_NOUNS) + r"))"
COUNT_BEFORE_NOUN = re.compile(BARE_COUNT + r"\s+" + AGREEING_WORD)


def counts_before_nouns(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string (f-string fields count as bare) with a bare count before an agreeing word."""
    tree = ast.parse(source)
    skipped = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
            skipped |= {id(v) for v in node.values}
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skipped:
            text = node.value
        else:
            continue
        if COUNT_BEFORE_NOUN.search(str(text)):
            found.append((node.lineno, str(text)))
    return found


def _offenders(entry: str) -> list[str]:
    found = []
    for path in _files(entry):
        relative = str(path.relative_to(ROOT))
        if any(relative == allowed or relative.startswith(allowed + "/") for allowed in ALLOWED_FILES):
            continue
        found += [f"{relative}:{line}: {text!r}" for line, text in counts_before_nouns(path.read_text())]
    return found


@pytest.mark.parametrize("entry", CHECKED)
def test_no_bare_count_before_a_noun_that_must_agree_with_it(entry):
    assert _offenders(entry) == [], "make it a numerus text: tr(text, '', n) / translate(..., n=n) / {name:n}"


def test_the_rules_catch_a_bare_count_and_let_numerus_texts_labels_and_units_pass():
    source = '''
"""Модуль: {0} коробок в docstring не проверяется."""
closed = self.tr("Возврат закрыт: {0} коробок, {1} заказов.")
locked = QT_TRANSLATE_NOOP("Dom", "Заказ {order} заблокирован после {attempts} неверных кодов.")
sms = translate("Ctx", "сегодня уже %s повторных SMS")
points = f"+{points} баллов"
fine = self.tr("%n коробок", "", n)
counted = messages.register({"x": "после {attempts:n} неверных кодов"})
label = self.tr("Коробок: {0}.")
units = translate("Ctx", "{0} шт., {1} мм, на {days} дн., через {2} с.")
names = self.tr("Заказ {0} выдан. Коробка {1} из {2}, ячейка {3}.")
'''
    assert sorted(line for line, _text in counts_before_nouns(source)) == [3, 4, 5, 6]
