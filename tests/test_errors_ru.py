"""Error messages in Russian (``--lang ru``): errors keep their parts, the catalogue has them all.

Each command-line case runs ``main([..., "--lang", "ru"])`` on a bad input and pins the whole
Russian line, written by hand; the English message of the same error is unchanged (the other
test modules pin those). The catalogue is checked against the source: every English phrase
and template the library writes has a Russian entry, and no entry is left without its English.
"""

from __future__ import annotations

import ast
import errno
import pickle
import re
import string
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import callanalytics as ca
from callanalytics._cli.main import main
from callanalytics._kit import checks
from callanalytics._model.tariffs import require
from callanalytics._sources.files import BadRecord, read_managers
from callanalytics._sources.reading import Rejected
from callanalytics._views import i18n
from callanalytics._views.i18n import error_phrase, error_text
from callanalytics.exceptions import (
    CallAnalyticsError,
    FeatureUnavailableError,
    InvalidTypeError,
    InvalidValueError,
)
from tests.test_pbx import cdr_line

SRC = Path(__file__).parent.parent / "src" / "callanalytics"
NOW = ["--now", "2026-11-30T18:00:00+03:00"]
HEADER = "id,direction,started_at,duration,manager_id\n"
GOOD = HEADER + "a,inbound,2026-11-02T10:00:00+03:00,60,1\n"


# ---------------------------------------------------------------------------------------------
# Errors keep their parts; str(error) is what it always was.


def test_type_and_value_errors_keep_their_parts() -> None:
    """`type_error` / `value_error` remember the field, the phrase, the shown value, its kind."""
    wrong = checks.type_error("name", "a str", 5)
    assert str(wrong) == "'name' must be a str (got 5 of type int)."
    assert wrong.template == checks.TYPE_ERROR
    assert wrong.params == {"field": "name", "expected": "a str", "value": "5", "kind": "int"}
    assert wrong.field == "name"
    bad = checks.value_error("duration", "be >= 0", -5)
    assert str(bad) == "'duration' must be >= 0 (got -5)."
    assert (bad.field, bad.params["must"], bad.params["value"]) == ("duration", "be >= 0", "-5")


@given(
    field=st.text(max_size=20),
    phrase=st.text(max_size=40).filter(lambda p: "{" not in p and "}" not in p),
    value=st.one_of(st.integers(), st.text(max_size=30), st.none(), st.floats()),
)
def test_messages_are_byte_identical_to_the_english_formula(
    field: str, phrase: str, value: object
) -> None:
    """Whatever the field, phrase and value, the message is the one built before parts."""
    shown, kind = checks.shown(value), type(value).__name__
    assert str(checks.type_error(field, phrase, value)) == (
        f"{field!r} must be {phrase} (got {shown} of type {kind})."
    )
    assert (
        str(checks.value_error(field, phrase, value)) == f"{field!r} must {phrase} (got {shown})."
    )


def test_parts_that_do_not_spell_the_message_are_refused() -> None:
    """`with_parts` checks that the template and params give exactly the message."""
    with pytest.raises(ValueError, match="do not spell the message"):
        InvalidValueError("'a' is odd.").with_parts("{field!r} is even.", field="a")


def test_an_error_without_a_field_says_so() -> None:
    """`field` is `None` for a message that names no field, or when the params have none."""
    assert InvalidValueError("plain text").field is None
    assert InvalidValueError.from_parts("line {line}: x", line="3").field is None


def test_an_error_of_several_problems_keeps_each() -> None:
    """`joined` spells the problems' messages with spaces and keeps the problems."""
    first, second = checks.value_error("a", "be set", ""), checks.type_error("b", "an int", "x")
    both = InvalidValueError.joined((first, second))
    assert str(both) == f"{first} {second}"
    assert both.problems == (first, second)


def test_errors_with_parts_survive_pickling() -> None:
    """An error sent to another process (Dask) keeps its message and parts."""
    error = checks.value_error("duration", "be >= 0", -5)
    copy = pickle.loads(pickle.dumps(error))
    assert (str(copy), copy.template, copy.params) == (str(error), error.template, error.params)
    with pytest.raises(FeatureUnavailableError) as raised:
        ca.build_report([], [], tariff=ca.BASE)
    again = pickle.loads(pickle.dumps(raised.value))
    assert (str(again), again.tariff, again.fallback) == (
        str(raised.value),
        "Базовый",
        "events_list",
    )


def test_rejected_and_bad_records_keep_the_error_without_changing_equality() -> None:
    """A rejected record keeps its error for translation; equality and repr are as before."""
    error = checks.value_error("duration", "be >= 0", -5)
    rejected = Rejected.of(7, error)
    assert rejected == Rejected(7, "'duration' must be >= 0 (got -5).")
    assert rejected.error is error
    assert "error" not in repr(rejected)
    plain = BadRecord(3, "something odd.")
    assert str(plain.as_error()) == "line 3: something odd."
    assert plain.as_error().template is None
    assert str(BadRecord.of(3, error).as_error()) == "line 3: 'duration' must be >= 0 (got -5)."


# ---------------------------------------------------------------------------------------------
# error_text: the Russian of an error, or its English when there is none.


def test_error_text_in_english_is_the_message() -> None:
    """In English an error is written as it is, whatever it is."""
    for error in (checks.value_error("a", "be set", ""), OSError(2, "No such file", "x.csv")):
        assert error_text(error, "en") == str(error)


def test_error_text_falls_back_to_english() -> None:
    """A message of no template, an unknown template or an unknown phrase stays English."""
    plain = InvalidValueError("'x' is odd.")
    unknown = InvalidValueError.from_parts("{field!r} is odd.", field="x")
    odd_phrase = checks.value_error("x", "be purple", 3)
    assert [error_text(e, "ru") for e in (plain, unknown, odd_phrase)] == [
        "'x' is odd.",
        "'x' is odd.",
        "'x' must be purple (got 3).",
    ]
    assert error_text(KeyError("k"), "ru") == "'k'"


def test_error_text_of_several_problems_translates_each_it_can() -> None:
    """A record's problems are each written in Russian; one without a translation in English."""
    both = InvalidValueError.joined(
        (checks.value_error("duration", "be >= 0", -5), InvalidValueError("'x' is odd."))
    )
    assert error_text(both, "ru") == "'duration': ожидается значение ≥ 0 (получено -5). 'x' is odd."


def test_error_text_of_a_missing_extra_and_an_unavailable_feature() -> None:
    """Missing extras and tariffs without the report (R23) are written in Russian."""
    extra = checks.missing_extra("plot()", "matplotlib", "plot")
    assert error_text(extra, "ru") == (
        "plot(): нужен пакет 'matplotlib', он не установлен: pip install 'callanalytics[plot]'"
    )
    assert error_text(
        checks.missing_extra("A report of a data frame", "narwhals", "frames"), "ru"
    ) == (
        "Отчёт по таблице данных: нужен пакет 'narwhals', он не установлен: "
        "pip install 'callanalytics[frames]'"
    )
    with pytest.raises(FeatureUnavailableError) as raised:
        ca.build_report([], [], tariff=ca.BASE)
    assert error_text(raised.value, "ru") == (
        "Отчёт по звонкам недоступен на тарифе 'Базовый' (он есть на тарифах 'Расширенный', "
        "'Профессиональный'); звонки видны в списке событий («Аналитика» — «Список событий», "
        "фильтр «входящий звонок» / «исходящий звонок»): используйте events_list()."
    )
    with pytest.raises(FeatureUnavailableError) as raised:
        require(ca.BASE, "voice_robot")
    assert error_text(raised.value, "ru") == "Функция 'voice_robot' недоступна на тарифе 'Базовый'."


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (FileNotFoundError(errno.ENOENT, "No such file", "calls.csv"), "файл не найден: calls.csv"),
        (
            PermissionError(errno.EACCES, "Permission denied", "calls.csv"),
            "нет доступа к файлу: calls.csv",
        ),
        (
            IsADirectoryError(errno.EISDIR, "Is a directory", "calls"),
            "это каталог, а не файл: calls",
        ),
        (
            OSError(errno.EIO, "Input/output error", "calls.csv"),
            "ошибка чтения файла (Input/output error): calls.csv",
        ),
        (OSError(errno.ENOENT, "No such file"), "файл не найден"),
        (OSError("disk on fire"), "ошибка чтения файла (disk on fire)"),
    ],
)
def test_file_errors_name_the_file_in_russian(error: OSError, expected: str) -> None:
    """An OSError opening a file says what went wrong and names the path."""
    assert error_text(error, "ru") == expected


def test_a_text_that_is_not_of_its_encoding_in_russian() -> None:
    """A UnicodeDecodeError that reaches the command line names the encoding."""
    with pytest.raises(UnicodeDecodeError) as raised:
        b"\xff".decode("utf-8")
    assert (
        error_text(raised.value, "ru") == "файл не в кодировке utf-8: недопустимый начальный байт"
    )
    with pytest.raises(UnicodeDecodeError) as raised:
        b"\xff".decode("ascii")
    assert (
        error_text(raised.value, "ru") == "файл не в кодировке ascii: в нём есть символы вне ASCII"
    )
    with pytest.raises(UnicodeDecodeError) as raised:
        b"\xff".decode("utf-16-le")
    assert error_text(raised.value, "ru") == "файл не в кодировке utf-16-le: truncated data"


# ---------------------------------------------------------------------------------------------
# The command line: every error a user can reach, in Russian, line for line.


def ru(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    """Run ``report`` in Russian; the stderr lines other than the closing counts."""
    code = main(["report", *args, *([] if "--now" in args else NOW), "--lang", "ru"])
    lines = capsys.readouterr().err.splitlines()
    return code, [ln for ln in lines if "прочитано записей" not in ln and "Пропущен" not in ln]


FILES = {
    "calls.csv": GOOD,
    "negative.csv": HEADER + "a,inbound,2026-11-02T10:00:00+03:00,-5,1\n",
    "hms.csv": HEADER + "a,inbound,2026-11-02T10:00:00+03:00,x,1\n",
    "two.csv": "id,direction,started_at,duration\na,sideways,2026-11-02T10:00:00+03:00,-1\n",
    "colour.json": '[{"id": "a", "direction": "inbound", "started_at": '
    '"2026-11-02T10:00:00+03:00", "duration": 5, "colour": "red"}]',
    "cut.json": '[{"id": "a", "direction": "inbound", "started_at": '
    '"2026-11-02T10:00:00+03:00", "duration": 5}',
    "broken.jsonl": "not json\n",
    "amo.jsonl": '{"id": "a"}\n',
    "nodirection.csv": "id,duration,started_at\n",
    "twice.csv": "id,id,direction,started_at,duration\n",
    "cdr.csv": '"a","b","c"\n',
    "card.csv": "id,direction,started_at,duration,card_id\n"
    "a,inbound,2026-11-02T10:00:00+03:00,5,10\n",
    "app.csv": "id,direction,started_at,duration,via_app,recording_url\n"
    "a,outbound,2026-11-02T10:00:00+03:00,5,yes,https://rec.example/a.mp3\n",
    "billsec.csv": cdr_line(billsec="x") + "\n",
    "managers_twice.csv": "id,name\n1,Anna\n1,Boris\n",
    "managers_noname.csv": "id\n1\n",
    "managers.csv": "id,name\n1,Anna\n",
    "cards.csv": "id,entity_type,phones\n1,deals,123\n",
    "extensions.csv": "extension,manager_id\n101,\n",
    "cyrillic.csv": HEADER + "a,inbound,2026-11-02T10:00:00+03:00,60,Анна\n",
}

CASES = [
    # records: the closing summary's lines
    (
        ["negative.csv"],
        1,
        ["callanalytics: строка 2: 'duration': ожидается значение ≥ 0 (получено -5)."],
    ),
    (
        ["hms.csv"],
        1,
        [
            "callanalytics: строка 2: 'duration': ожидается целое число секунд или ЧЧ:ММ:СС "
            "(получено 'x')."
        ],
    ),
    (
        ["two.csv"],
        1,
        [
            "callanalytics: строка 2: 'direction': ожидается одно из значений: 'inbound', "
            "'outbound' (получено 'sideways'). 'duration': ожидается значение ≥ 0 (получено -1)."
        ],
    ),
    (
        ["colour.json"],
        1,
        [
            "callanalytics: строка 1: 'colour' — не поле записи звонка (поля: id, direction, "
            "started_at, duration, phone, manager_id, card_id, entity_type, status, result, "
            "source, recording_url, via_app, wait)."
        ],
    ),
    (
        ["broken.jsonl"],
        1,
        ["callanalytics: строка 1: некорректный JSON: ожидается значение (столбец 1)."],
    ),
    (
        ["amo.jsonl"],
        1,
        [
            "callanalytics: строка 1: 'direction': значение обязательно (в данных его нет). "
            "'created_at': значение обязательно, библиотека не берёт время с часов "
            "(получено None). 'duration': значение обязательно (в данных его нет)."
        ],
    ),
    (
        ["card.csv"],
        1,
        [
            "callanalytics: строка 2: 'card_id' и 'entity_type' задаются вместе или не задаются "
            "вовсе (получено card_id=10, entity_type=None)."
        ],
    ),
    (
        ["app.csv"],
        1,
        [
            "callanalytics: строка 2: 'recording_url': у звонка из приложения без телефонии "
            "записи нет, ожидается пустое значение (via_app=True, получено "
            "recording_url='https://rec.example/a.mp3')."
        ],
    ),
    (
        ["cdr.csv", "--input-format", "asterisk"],
        1,
        [
            "callanalytics: строка 1: в строке cdr_csv от 16 до 21 столбца (получено 3): "
            "столбцы cdr_csv.c, см. docs/pbx.md."
        ],
    ),
    (
        ["billsec.csv", "--input-format", "asterisk"],
        1,
        ["callanalytics: строка 1: 'billsec': ожидается целое число секунд ≥ 0 (получено 'x')."],
    ),
    # files that cannot be read as calls
    (
        ["cut.json"],
        2,
        [
            "callanalytics: ошибка: строка 1: 'cut.json': после записи ожидается ',' или ']', "
            "а файл закончился."
        ],
    ),
    (
        ["twice.csv"],
        2,
        [
            "callanalytics: ошибка: строка 1: столбец 'id' в 'twice.csv' должен быть один "
            "(он повторяется)."
        ],
    ),
    (["missing.csv"], 2, ["callanalytics: ошибка: файл не найден: missing.csv"]),
    (
        ["folder.csv"],
        2,
        ["callanalytics: ошибка: 'source': ожидается файл, а не каталог (получено 'folder.csv')."],
    ),
    (
        ["cyrillic.csv", "--encoding", "ascii"],
        2,
        [
            "callanalytics: ошибка: '--encoding' должна быть кодировкой файла: 'cyrillic.csv' — "
            "не текст ascii (в нём есть символы вне ASCII); укажите её (encoding=, --encoding)."
        ],
    ),
    # --managers, --cards, --extensions
    (
        ["calls.csv", "--managers", "managers_twice.csv"],
        2,
        [
            "callanalytics: ошибка: строка 3: 'id': ожидается уникальное значение "
            "(1 повторяется, впервые в строке 2)."
        ],
    ),
    (
        ["calls.csv", "--managers", "managers_noname.csv"],
        2,
        [
            "callanalytics: ошибка: строка 1: в 'managers_noname.csv' нужен столбец 'name' "
            "(получено ['id'])."
        ],
    ),
    (
        ["calls.csv", "--cards", "cards.csv"],
        2,
        [
            "callanalytics: ошибка: строка 2: 'entity_type': ожидается одно из значений: "
            "'contacts', 'companies' (получено 'deals')."
        ],
    ),
    (
        ["calls.csv", "--extensions", "extensions.csv"],
        2,
        ["callanalytics: ошибка: строка 2: 'manager_id': ожидается непустая строка (получено '')."],
    ),
    (
        ["calls.csv", "--managers", "managers.csv", "--manager-ids", "9"],
        2,
        ["callanalytics: ошибка: '--manager-ids': ожидаются менеджеры аккаунта (неизвестны: 9)."],
    ),
    # options
    (
        ["calls.csv", "--period", "forever"],
        2,
        [
            "callanalytics: ошибка: '--period': ожидается одно из значений: today, yesterday, "
            "this_week, last_week, this_month, last_month, this_quarter, this_year, last_7_days, "
            "last_30_days (получено 'forever')."
        ],
    ),
    (
        ["calls.csv", "--period", "today", "--from", "2026-11-01"],
        2,
        [
            "callanalytics: ошибка: '--period' нельзя сочетать с '--from'/'--to' "
            "(получено period='today', from='2026-11-01')."
        ],
    ),
    (
        ["calls.csv", "--from", "2026-11-01"],
        2,
        [
            "callanalytics: ошибка: '--to' нужно указать вместе с '--from' "
            "(получено from='2026-11-01')."
        ],
    ),
    (
        ["calls.csv", "--from", "2026-11-05", "--to", "2026-11-01"],
        2,
        [
            "callanalytics: ошибка: '--to' не может быть раньше '--from' "
            "(получено from='2026-11-05', to='2026-11-01')."
        ],
    ),
    (
        ["calls.csv", "--from", "2026-13-01", "--to", "2026-12-01"],
        2,
        ["callanalytics: ошибка: '--from': ожидается дата ГГГГ-ММ-ДД (получено '2026-13-01')."],
    ),
    (
        ["calls.csv", "--now", "yesterday"],
        2,
        ["callanalytics: ошибка: '--now': ожидаются дата и время ISO 8601 (получено 'yesterday')."],
    ),
    (
        ["calls.csv", "--tz", "Mars/Base"],
        2,
        [
            "callanalytics: ошибка: '--tz': ожидается известный часовой пояс, например "
            "'Europe/Moscow' (получено 'Mars/Base')."
        ],
    ),
    (
        ["calls.csv", "--encoding", "klingon"],
        2,
        [
            "callanalytics: ошибка: '--encoding': ожидается известная кодировка, например "
            "'cp1251' (получено 'klingon')."
        ],
    ),
    (
        ["calls.csv", "--input-format", "xml"],
        2,
        [
            "callanalytics: ошибка: '--input-format': ожидается одно из значений: 'csv', 'json', "
            "'jsonl', 'amocrm', 'asterisk', 'freepbx', 'freeswitch', '3cx' (получено 'xml')."
        ],
    ),
    (
        ["calls.csv", "--template", "x"],
        2,
        ["callanalytics: ошибка: '--template': у формата csv нет параметров (получено 'x')."],
    ),
    (
        ["calls.csv", "--input-format", "freeswitch", "--template", "${uuid}"],
        2,
        [
            "callanalytics: ошибка: '--template': нужны переменные caller_id_number, "
            "destination_number, start_stamp, end_stamp, billsec, uuid (нет: caller_id_number, "
            "destination_number, start_stamp, end_stamp, billsec; получено '${uuid}')."
        ],
    ),
    (
        ["calls.csv", "--min-duration", "abc"],
        2,
        [
            "callanalytics: ошибка: '--min-duration': ожидается целое число секунд или ЧЧ:ММ:СС "
            "(получено 'abc')."
        ],
    ),
    (
        ["calls.csv", "--status", "9"],
        2,
        [
            "callanalytics: ошибка: '--status': допустимы коды статуса звонка 1..7 или названия "
            "left_message, call_back_later, not_available, talked, wrong_number, no_answer, busy "
            "(получено '9')."
        ],
    ),
    (
        ["calls.csv", "--entity", "deals"],
        2,
        ["callanalytics: ошибка: '--entity': допустимы contacts, companies (получено 'deals')."],
    ),
    (
        ["calls.csv", "--direction", "up"],
        2,
        [
            "callanalytics: ошибка: '--direction': допустимы inbound, outbound "
            "(или incoming, outgoing) (получено 'up')."
        ],
    ),
]


@pytest.fixture
def inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name, content in FILES.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    (tmp_path / "folder.csv").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(("args", "code", "lines"), CASES, ids=[" ".join(c[0]) for c in CASES])
def test_r27_errors_in_russian_on_the_command_line(
    capsys: pytest.CaptureFixture[str], inputs: Path, args: list[str], code: int, lines: list[str]
) -> None:
    """`--lang ru` writes the whole message in Russian: the frame, the text, the record's line."""
    assert ru(capsys, *args) == (code, lines)


_ALLOWED = frozenset({"callanalytics", "JSON", "CSV", "ISO", "ASCII", "None", "docs", "pbx", "md"})
"""Latin words a Russian message may hold besides names and values: formats, paths, None."""
_NAMES_AND_VALUES = re.compile(
    r"'[^']*'"  # a quoted name or value: what the user typed
    r"|--[\w-]+|\w+=\S*"  # an option, a parameter given (encoding=, from='…')
    r"|\b[\w.-]+\.(?:csv|jsonl|json|md|c)\b"  # a file's name
    r"|\b[a-z][a-z0-9]*_[a-z0-9_.]*\b"  # a field or a name with an underscore (created_at)
    r"|\b(?:id|direction|duration|phone|status|result|source|wait|uuid|billsec|busy|talked"
    r"|contacts|companies|inbound|outbound|incoming|outgoing|today|yesterday|ascii|csv)\b"
)
"""What a message keeps as it is: names of fields, options and values, quoted or listed."""


@pytest.mark.parametrize(("args", "code", "lines"), CASES, ids=[" ".join(c[0]) for c in CASES])
def test_russian_messages_hold_no_english_words(
    capsys: pytest.CaptureFixture[str], inputs: Path, args: list[str], code: int, lines: list[str]
) -> None:
    """Besides names and values, formats and option names, every word is Russian."""
    _, written = ru(capsys, *args)
    assert written
    for line in written:
        words = set(re.findall(r"[A-Za-z]{2,}", _NAMES_AND_VALUES.sub(" ", line)))
        assert words - _ALLOWED == set(), line


def test_the_same_errors_stay_english_without_lang(
    capsys: pytest.CaptureFixture[str], inputs: Path
) -> None:
    """Without `--lang ru` the messages are the English ones, as before."""
    assert main(["report", "negative.csv", *NOW]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "callanalytics: line 2: 'duration' must be >= 0 (got -5)."
    )
    assert main(["report", "calls.csv", *NOW, "--period", "forever"]) == 2
    assert capsys.readouterr().err == (
        "callanalytics: error: '--period' must be one of today, yesterday, this_week, "
        "last_week, this_month, last_month, this_quarter, this_year, last_7_days, last_30_days "
        "(got 'forever').\n"
    )


def test_reference_files_keep_the_line_of_the_bad_record(inputs: Path) -> None:
    """`read_managers` names the line; its error is the record's, wrapped in `line N:`."""
    with pytest.raises(InvalidValueError) as raised:
        read_managers(inputs / "managers_twice.csv")
    assert raised.value.template == "line {line}: {error}"
    assert isinstance(raised.value.params["error"], CallAnalyticsError)


# ---------------------------------------------------------------------------------------------
# The catalogue against the source: a new English phrase without Russian fails here.

_PHRASE_ARGS = {
    "type_error": 1,
    "value_error": 1,
    "missing_extra": 0,
    "text": 2,
    "unicode": 2,
    "nonblank": 2,
    "whole": 2,
    "identifier": 2,
    "flag": 2,
    "moment": 2,
    "optional": 1,
    "member": 3,
    "problem": 1,
    "_bad": 1,
    "_choose": 3,
    "syntax": 1,
    "fail": 1,
    "must_hold": 2,
    "not_json": 2,
}
"""The functions of the source that take a phrase, and the position of the phrase."""
_PHRASE_NAMES = {"expected", "must"}
"""Keyword arguments, variables and parameters that hold a phrase."""


def _phrase(node: ast.expr) -> str | None:
    """A literal phrase, an f-string's with ``{}`` where it is filled in, else ``None``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        parts = (v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
        return "".join(str(part) for part in parts)
    return None


def _source_phrases() -> dict[str, str]:
    """Every phrase the source writes in a message, with where it is."""
    found: dict[str, str] = {}
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            candidates: list[ast.expr] = []
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
                if name in _PHRASE_ARGS and len(node.args) > _PHRASE_ARGS[name]:
                    candidates.append(node.args[_PHRASE_ARGS[name]])
                if name in _PHRASE_ARGS or name == "Choice":
                    candidates += [k.value for k in node.keywords if k.arg in _PHRASE_NAMES]
            elif isinstance(node, ast.Assign):
                if any(isinstance(t, ast.Name) and t.id in _PHRASE_NAMES for t in node.targets):
                    candidates.append(node.value)
            elif isinstance(node, ast.FunctionDef):
                args = node.args
                pairs = [
                    *zip(
                        args.args[len(args.args) - len(args.defaults) :], args.defaults, strict=True
                    ),
                    *zip(args.kwonlyargs, args.kw_defaults, strict=True),
                ]
                candidates += [d for a, d in pairs if a.arg in _PHRASE_NAMES and d is not None]
            for candidate in candidates:
                options = (
                    [candidate.body, candidate.orelse]
                    if isinstance(candidate, ast.IfExp)
                    else [candidate]
                )
                for option in options:
                    phrase = _phrase(option)
                    if phrase is not None and phrase != "be {}":  # "be <a phrase>" (member)
                        found.setdefault(phrase, f"{path.relative_to(SRC)}:{option.lineno}")
    return found


def test_the_scan_finds_the_phrases() -> None:
    """The scan of the source sees the phrases it must (a check of the check)."""
    phrases = _source_phrases()
    assert {"a str", "be >= {}", "a timezone-aware datetime", "plot()"} <= set(phrases)
    assert len(phrases) > 100


def test_every_phrase_of_the_source_has_a_russian_entry() -> None:
    """Each phrase passed to the checks (`type_error`, `value_error`, ...) is in the catalogue."""
    missing = {
        phrase: where
        for phrase, where in _source_phrases().items()
        if error_phrase(phrase.replace("{}", "7"), "ru") is None
    }
    assert missing == {}


_TEMPLATE_CALLS = ("from_parts", "with_parts")


def _source_templates() -> dict[str, str]:
    """Every template the source builds an error from (literal, or a module's constant)."""
    found: dict[str, str] = {}
    trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in SRC.rglob("*.py")}
    constants: dict[str, str] = {}  # the modules' string constants, by name (TYPE_ERROR)
    for tree in trees.values():
        for node in tree.body:
            if isinstance(node, ast.Assign):
                targets, value = node.targets, node.value
            elif isinstance(node, ast.AnnAssign) and node.value is not None:
                targets, value = [node.target], node.value
            else:
                continue
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                constants.update({t.id: value.value for t in targets if isinstance(t, ast.Name)})
    for path, tree in sorted(trees.items()):
        if path.name == "exceptions.py":  # where from_parts is defined, of any template
            continue
        for call in ast.walk(tree):
            if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Attribute):
                continue
            if call.func.attr not in _TEMPLATE_CALLS or not call.args:
                continue
            first = call.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                template = first.value
            elif isinstance(first, ast.Attribute):  # checks.VALUE_ERROR
                template = constants[first.attr]
            else:
                assert isinstance(first, ast.Name), f"{path}:{call.lineno}"
                template = constants[first.id]
            found.setdefault(template, f"{path.relative_to(SRC)}:{call.lineno}")
    return found


def _names(template: str) -> set[str]:
    """The placeholders of a template (``{field!r}`` is ``field``)."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _slots(phrase: str) -> set[str]:
    """The placeholders of a phrase: ``{name}``; other braces are text (``{key: field}``)."""
    return set(re.findall(r"\{(\w+)\}", phrase))


def test_every_template_of_the_source_has_a_russian_entry_and_back() -> None:
    """The catalogue has each template the source uses, with the same placeholders, and no other."""
    templates = _source_templates()
    assert set(templates) - set(i18n._ERRORS_RU) == set()
    assert set(i18n._ERRORS_RU) - set(templates) == set()
    for english, russian in i18n._ERRORS_RU.items():
        assert _names(russian) == _names(english), english


def test_phrases_with_placeholders_keep_them() -> None:
    """A phrase's Russian has the placeholders of its English, each part kept as it is."""
    for english, russian in i18n._PHRASES_RU.items():
        assert _slots(russian) == _slots(english), english
    assert error_phrase("have at most 4000 digits", "ru") == "ожидается не больше 4000 цифр"


@given(st.text(max_size=30))
def test_any_error_renders_in_russian_or_as_it_is(message: str) -> None:
    """An error of any message renders without failing: in Russian, or its English text."""
    error = InvalidTypeError(message)
    assert error_text(error, "ru") == message
