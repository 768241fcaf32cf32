"""The retailer's cities: a club card's city is one of them (the club page offers this list, the server checks it).

Data, not text: the names are the retailer's master data, matched by the server as they are spelt here.
"""

from __future__ import annotations

# The cities the retailer serves: a card's city is one of them (the club page offers this list).
CITIES: tuple[str, ...] = (
    "Москва",
    "Санкт-Петербург",
    "Новосибирск",
    "Екатеринбург",
    "Казань",
    "Нижний Новгород",
    "Челябинск",
    "Красноярск",
    "Самара",
    "Уфа",
    "Ростов-на-Дону",
    "Омск",
    "Краснодар",
    "Воронеж",
    "Пермь",
    "Волгоград",
    "Тюмень",
    "Саратов",
    "Тула",
    "Ярославль",
    "Калининград",
    "Владивосток",
    "Иркутск",
    "Хабаровск",
    "Сочи",
    "Подольск",
    "Химки",
    "Мытищи",
    "Балашиха",
    "Зеленоград",
)
_BY_KEY = {name.casefold().replace("ё", "е"): name for name in CITIES}


def known_city(text: str) -> str | None:
    """The list's spelling of a city typed by the clerk (case and ё/е ignored); None if not in the list."""
    key = " ".join((text or "").split()).casefold().replace("ё", "е")
    return _BY_KEY.get(key)
