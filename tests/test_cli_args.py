"""argparse's own usage and refusals in the language of ``--lang`` (the command line)."""

from __future__ import annotations

import pytest

from callanalytics._cli.args import argparse_text, wanted_language
from callanalytics._cli.main import main


@pytest.mark.parametrize(
    ("argv", "lang"),
    [
        (["report", "x.csv", "--lang", "ru"], "ru"),
        (["report", "x.csv", "--lang=ru"], "ru"),
        (["report", "x.csv", "--lan", "ru"], "ru"),  # argparse takes a prefix of an option
        (["report", "x.csv", "--la=ru"], "ru"),
        (["report", "x.csv", "--l", "ru"], "en"),  # too short to be --lang alone
        (["report", "x.csv", "--lang"], "en"),
        (["report", "x.csv", "--lang", "de", "--lang", "ru"], "ru"),
        (["report", "--", "--lang", "ru"], "en"),  # after "--": a file named --lang
        (["report", "x.csv", "--language", "ru"], "en"),
        ([], "en"),
    ],
)
def test_the_language_is_read_before_argparse(argv: list[str], lang: str) -> None:
    """argparse refuses before the options are read, so ``--lang`` is looked for first."""
    assert wanted_language(argv) == lang


@pytest.mark.parametrize(
    ("english", "russian"),
    [
        ("unrecognized arguments: --bogus x", "неизвестные аргументы: --bogus x"),
        ("the following arguments are required: FILE", "не хватает аргументов: FILE"),
        (
            "argument --format: invalid choice: 'xml' (choose from 'table', 'csv', 'json')",
            "аргумент --format: недопустимое значение 'xml' (допустимы: 'table', 'csv', 'json')",
        ),
        ("argument --period: expected one argument", "аргумент --period: нужно одно значение"),
        ("argument --n: invalid int value: 'x'", "аргумент --n: недопустимое значение: 'x'"),
        (
            "ambiguous option: --al could match --alpha, --alps",
            "неоднозначный параметр --al: подходят --alpha, --alps",
        ),
        # An option's own refusal, already in the language: only the frame is translated.
        ("argument --size: ожидается целое число", "аргумент --size: ожидается целое число"),
        # A wording this catalogue does not know stays as argparse wrote it.
        ("one of the arguments --a --b is required", "one of the arguments --a --b is required"),
    ],
)
def test_argparse_messages_in_russian(english: str, russian: str) -> None:
    """Each of argparse's refusals the command line can meet, in Russian; English as it is."""
    assert argparse_text(english, "ru") == russian
    assert argparse_text(english, "en") == english


def refusal(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    """The lines argparse writes on stderr for *argv*, which it refuses with exit code 2."""
    with pytest.raises(SystemExit) as exited:
        main(list(argv))
    assert exited.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    return err.splitlines()


def test_an_unknown_option_is_refused_in_russian(capsys: pytest.CaptureFixture[str]) -> None:
    """The usage line and the refusal, with --lang ru anywhere after the command."""
    lines = refusal(capsys, "report", "x.csv", "--bogus", "--lang", "ru")
    assert lines[0].startswith("использование: callanalytics ")
    assert lines[-1] == "callanalytics: ошибка: неизвестные аргументы: --bogus"
    # Before the command, --lang is no option of callanalytics itself: "ru" is no command.
    assert refusal(capsys, "--lang", "ru", "report")[-1] == (
        "callanalytics: ошибка: аргумент COMMAND: недопустимое значение 'ru' "
        "(допустимы: 'demo', 'report')"
    )


def test_argparse_refusals_of_the_commands_in_russian(capsys: pytest.CaptureFixture[str]) -> None:
    """A missing file, a choice not offered, a whole number that is not one, a command."""
    assert refusal(capsys, "report", "--lang", "ru")[-1] == (
        "callanalytics report: ошибка: не хватает аргументов: FILE"
    )
    assert refusal(capsys, "report", "x.csv", "--format", "xml", "--lang=ru")[-1] == (
        "callanalytics report: ошибка: аргумент --format: недопустимое значение 'xml' "
        "(допустимы: 'table', 'csv', 'json')"
    )
    demo = refusal(capsys, "demo", "--size", "abc", "--lang", "ru")
    assert demo[0].startswith("использование: callanalytics demo ")
    assert demo[-1] == (
        "callanalytics demo: ошибка: аргумент --size: ожидается целое число (получено 'abc')."
    )
    assert refusal(capsys, "frob", "--lang", "ru")[-1] == (
        "callanalytics: ошибка: аргумент COMMAND: недопустимое значение 'frob' "
        "(допустимы: 'demo', 'report')"
    )


def test_argparse_refusals_in_english_are_argparse_own(capsys: pytest.CaptureFixture[str]) -> None:
    """Without --lang ru, the usage and refusal are argparse's, and the type's refusal ours."""
    lines = refusal(capsys, "report", "x.csv", "--bogus")
    assert lines[0].startswith("usage: callanalytics ")
    assert lines[-1] == "callanalytics: error: unrecognized arguments: --bogus"
    assert refusal(capsys, "demo", "--size", "abc")[-1] == (
        "callanalytics demo: error: argument --size: must be a whole number (got 'abc')."
    )
