"""Every word in Russian and English: the texts, and plural forms that agree with the count."""

from __future__ import annotations

import re

import pytest

import callanalytics as ca
from callanalytics._views import i18n
from callanalytics._views.i18n import CATEGORIES, plural, plural_category, text

CALLS_RU = "звонок|звонка|звонков"

RUSSIAN = [
    (0, "many", "0 звонков"),
    (1, "one", "1 звонок"),
    (2, "few", "2 звонка"),
    (3, "few", "3 звонка"),
    (4, "few", "4 звонка"),
    (5, "many", "5 звонков"),
    (10, "many", "10 звонков"),
    (11, "many", "11 звонков"),
    (12, "many", "12 звонков"),
    (14, "many", "14 звонков"),
    (19, "many", "19 звонков"),
    (20, "many", "20 звонков"),
    (21, "one", "21 звонок"),
    (22, "few", "22 звонка"),
    (24, "few", "24 звонка"),
    (25, "many", "25 звонков"),
    (101, "one", "101 звонок"),
    (111, "many", "111 звонков"),
    (112, "many", "112 звонков"),
    (114, "many", "114 звонков"),
    (122, "few", "122 звонка"),
    (1001, "one", "1001 звонок"),
    (1011, "many", "1011 звонков"),
    (2_000_003, "few", "2000003 звонка"),
]


@pytest.mark.parametrize(("count", "category", "phrase"), RUSSIAN)
def test_russian_plural_follows_the_cldr_rules(count: int, category: str, phrase: str) -> None:
    """one: n%10 = 1 but not 11; few: n%10 in 2..4 but not 12..14; many: the rest."""
    assert plural_category(count, "ru") == category
    assert f"{count} {plural(count, CALLS_RU, 'ru')}" == phrase


@pytest.mark.parametrize(
    ("count", "phrase"), [(0, "0 calls"), (1, "1 call"), (2, "2 calls"), (21, "21 calls")]
)
def test_english_plural_is_one_or_other(count: int, phrase: str) -> None:
    """English has one form for 1 and another for every other count, 0 and 21 included."""
    assert f"{count} {plural(count, 'call|calls', 'en')}" == phrase


def test_a_negative_count_takes_the_form_of_its_size() -> None:
    """A change of -1 or -22 calls agrees as 1 and 22 do."""
    assert plural(-1, CALLS_RU, "ru") == "звонок"
    assert plural(-22, CALLS_RU, "ru") == "звонка"


def test_plural_refuses_a_count_that_is_not_a_whole_number() -> None:
    """A float or a bool count is a type error naming ``count``."""
    with pytest.raises(ca.InvalidTypeError, match=r"'count' must be an int \(got 1.5"):
        plural_category(1.5, "ru")  # type: ignore[arg-type]
    with pytest.raises(ca.InvalidTypeError, match=r"'count' must be an int \(got True"):
        plural(True, "call|calls", "en")


def test_plural_refuses_the_wrong_number_of_forms() -> None:
    """Russian needs three forms, English two: otherwise an error naming ``forms``."""
    with pytest.raises(ca.InvalidValueError, match=r"'forms' must have 3 forms .*\(got 'a\|b'\)"):
        plural(5, "a|b", "ru")
    with pytest.raises(ca.InvalidValueError, match=r"'forms' must have 2 forms .*'a\|b\|c'"):
        plural(5, "a|b|c", "en")
    with pytest.raises(ca.InvalidTypeError, match=r"'forms' must be a str"):
        plural(5, ["a", "b"], "en")  # type: ignore[arg-type]
    with pytest.raises(ca.InvalidValueError, match=r"'lang' must be one of"):
        plural(5, "a|b", "de")


@pytest.mark.parametrize(
    ("lang", "count", "expected"),
    [
        ("en", 1, "1 call given"),
        ("en", 3, "3 calls given"),
        ("ru", 1, "Всего 1 звонок"),
        ("ru", 3, "Всего 3 звонка"),
        ("ru", 11, "Всего 11 звонков"),
        ("ru", 21, "Всего 21 звонок"),
    ],
)
def test_text_fills_a_placeholder_with_forms(lang: str, count: int, expected: str) -> None:
    """``{count:call|calls}`` in a text is the form that agrees with ``count``."""
    assert text("calls", lang, count=count) == expected


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "Пропущена 1 запись с ошибками: в отчёт она не вошла."),
        (2, "Пропущены 2 записи с ошибками: в отчёт они не вошли."),
        (5, "Пропущено 5 записей с ошибками: в отчёт они не вошли."),
        (11, "Пропущено 11 записей с ошибками: в отчёт они не вошли."),
        (21, "Пропущена 21 запись с ошибками: в отчёт она не вошла."),
    ],
)
def test_the_command_lines_bad_records_agree_with_their_count(count: int, expected: str) -> None:
    """The verb, the noun and the pronoun of the bad-records line agree with the number."""
    assert text("cli.bad_records", "ru", count=count) == expected


def test_every_text_is_in_both_languages_with_the_same_placeholders() -> None:
    """Each key has a Russian and an English text with the same placeholders to fill."""
    texts = i18n._TEXT
    assert texts["ru"].keys() == texts["en"].keys()
    field = re.compile(r"\{(\w+)")
    for key in texts["en"]:
        assert set(field.findall(texts["ru"][key])) == set(field.findall(texts["en"][key])), key


def test_every_text_with_forms_has_one_form_per_plural_category() -> None:
    """Each ``{count:…|…}`` has as many forms as the language has plural categories."""
    spec = re.compile(r"\{\w+:([^{}]*\|[^{}]*)\}")
    found = 0
    for lang, texts in i18n._TEXT.items():
        for template in texts.values():
            for forms in spec.findall(template):
                found += 1
                assert len(forms.split("|")) == len(CATEGORIES[i18n.check_lang(lang)]), (
                    lang,
                    template,
                )
    assert found >= 12
