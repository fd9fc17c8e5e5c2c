"""Spreadsheets and CRM exports: their column headers and their words for a call's values.

A call log saved from Excel or exported by a CRM or a telephony names its columns in words
(``Дата звонка``, ``Длительность``, ``Direction``) and writes its values in words too
(``Входящий``, ``Разговор состоялся``, ``Busy``). This module maps both to the call schema's
fields and values; ``docs/spreadsheets.md`` lists them, keep the two in step.
"""

from __future__ import annotations

from typing import Final

from callanalytics._model.enums import CallStatus, Direction

__all__ = [
    "DIRECTION_WORDS",
    "HEADERS",
    "INTERNAL_WORDS",
    "STATUS_WORDS",
    "field_of_header",
    "folded",
    "read_direction",
    "read_status",
]


def folded(text: str) -> str:
    """*text* as headers and words are compared: trimmed, lower case, ``ё`` as ``е``, one space.

    >>> folded("  Дата   Звонка ")
    'дата звонка'
    """
    return " ".join(text.replace("ё", "е").replace("Ё", "Е").lower().split())


_HEADER_NAMES: Final[dict[str, tuple[str, ...]]] = {
    "id": (
        "id",
        "uniq",
        "call id",
        "call_id",
        "ид",
        "id звонка",
        "идентификатор",
        "идентификатор звонка",
        "уникальный id",
        "uniqueid",
        "unique id",
    ),
    "direction": (
        "direction",
        "type",
        "call type",
        "направление",
        "тип",
        "тип звонка",
        "направление звонка",
        "вид звонка",
    ),
    "started_at": (
        "started_at",
        "date",
        "time",
        "start",
        "start time",
        "started",
        "call date",
        "call time",
        "date and time",
        "datetime",
        "дата",
        "время",
        "дата звонка",
        "время звонка",
        "дата и время",
        "дата и время звонка",
        "начало",
        "начало звонка",
        "дата начала",
        "время начала",
        "дата создания",
    ),
    "duration": (
        "duration",
        "talk time",
        "talk duration",
        "billsec",
        "call duration",
        "длительность",
        "продолжительность",
        "длительность разговора",
        "время разговора",
        "продолжительность разговора",
        "длительность звонка",
    ),
    "phone": (
        "phone",
        "phone number",
        "number",
        "client",
        "client phone",
        "caller",
        "телефон",
        "номер",
        "номер телефона",
        "телефон клиента",
        "номер клиента",
        "клиент",
        "абонент",
        "номер абонента",
    ),
    "manager_id": (
        "manager_id",
        "manager",
        "responsible",
        "responsible user",
        "user",
        "employee",
        "agent",
        "менеджер",
        "ответственный",
        "сотрудник",
        "пользователь",
        "оператор",
        "кто ответил",
        "ответственный менеджер",
        "ответственный из crm",
    ),
    "status": (
        "status",
        "call status",
        "call_status",
        "outcome",
        "статус",
        "статус звонка",
        "результат звонка",
        "состояние",
    ),
    "result": ("result", "call result", "call_result", "результат", "итог", "комментарий"),
    "source": ("source", "telephony", "источник", "телефония", "провайдер"),
    "recording_url": (
        "recording_url",
        "recording",
        "record",
        "link",
        "recording link",
        "запись",
        "ссылка на запись",
        "запись разговора",
        "ссылка",
    ),
}
"""Each field and the headers that name it, most specific last: ``Длительность разговора``
(talk time) is preferred to ``Длительность звонка`` (with ringing) only by being listed."""

HEADERS: Final[dict[str, str]] = {
    folded(name): field for field, names in _HEADER_NAMES.items() for name in names
}
"""A spreadsheet's header, folded, → the call field it holds."""

_TALK: Final = frozenset({"длительность разговора", "время разговора", "talk time", "billsec"})
"""Headers of the talk time: where one is present, a plain "duration" column (which may
include the ringing, as Sipuni's ``Длительность звонка``) is left aside."""


def field_of_header(header: str) -> str | None:
    """The call field a spreadsheet's column holds, or ``None`` for a column it has not.

    >>> field_of_header("Дата звонка"), field_of_header("Длительность"), field_of_header("Оценка")
    ('started_at', 'duration', None)
    """
    return HEADERS.get(folded(header))


def talk_time_header(headers: list[str]) -> bool:
    """Whether one of *headers* is a talk time (see :data:`_TALK`)."""
    return any(folded(header) in _TALK for header in headers)


def is_talk_time(header: str) -> bool:
    """Whether *header* names the talk time itself."""
    return folded(header) in _TALK


DIRECTION_WORDS: Final[dict[str, Direction]] = {
    folded(word): direction
    for direction, words in (
        (
            Direction.INCOMING,
            (
                "inbound",
                "incoming",
                "in",
                "входящий",
                "входящая",
                "входящий звонок",
                "входящие",
                "вход",
                "вход.",
            ),
        ),
        (
            Direction.OUTGOING,
            (
                "outbound",
                "outgoing",
                "out",
                "исходящий",
                "исходящая",
                "исходящий звонок",
                "исходящие",
                "исход",
                "исх.",
            ),
        ),
    )
    for word in words
}
"""Words for a call's direction → :class:`Direction`."""

INTERNAL_WORDS: Final = frozenset(
    folded(word) for word in ("internal", "внутренний", "внутренняя", "внутренний звонок")
)
"""Words for a call between two of the account's own people: not a call with a client (R30)."""

STATUS_WORDS: Final[dict[str, CallStatus]] = {
    folded(word): status
    for status, words in (
        (
            CallStatus.LEFT_MESSAGE,
            ("left a message", "left message", "оставил сообщение", "голосовая почта", "voicemail"),
        ),
        (CallStatus.CALL_BACK_LATER, ("call back later", "перезвонить позже", "перезвонить")),
        (CallStatus.NOT_AVAILABLE, ("not available", "нет на месте", "недоступен")),
        (
            CallStatus.TALKED,
            (
                "talked",
                "answered",
                "had a conversation",
                "success",
                "разговор состоялся",
                "отвечен",
                "отвечено",
                "успешный",
                "успешный разговор",
                "состоялся",
                "ок",
                "ok",
            ),
        ),
        (
            CallStatus.WRONG_NUMBER,
            ("wrong number", "invalid number", "неверный номер", "неправильный номер"),
        ),
        (
            CallStatus.NO_ANSWER,
            (
                "no answer",
                "not answered",
                "missed",
                "no connection",
                "не дозвонился",
                "не отвечен",
                "нет ответа",
                "пропущен",
                "пропущенный",
                "недозвон",
                "не отвечено",
                "без ответа",
            ),
        ),
        (CallStatus.BUSY, ("busy", "line busy", "занято", "номер занят", "занят")),
    )
    for word in words
}
"""Words for amoCRM's call statuses (R2) → :class:`CallStatus`; codes 1..7 are read as usual."""


def read_direction(word: str) -> str:
    """A direction word as the schema reads it (``inbound``/``outbound``); others unchanged.

    >>> read_direction("Входящий"), read_direction("outgoing"), read_direction("sideways")
    ('inbound', 'outbound', 'sideways')
    """
    direction = DIRECTION_WORDS.get(folded(word))
    return word if direction is None else direction.value


def read_status(word: str) -> str:
    """A status word as its code (``"4"``); a code, a blank or an unknown word unchanged.

    >>> read_status("Разговор состоялся"), read_status("Занято"), read_status("4")
    ('4', '7', '4')
    """
    if word.isdigit():  # a code, the common case
        return word
    status = STATUS_WORDS.get(folded(word))
    return word if status is None else str(int(status))
