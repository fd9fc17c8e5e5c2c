"""Every word a person reads, in Russian and English; Russian follows the original page."""

from __future__ import annotations

from typing import Final, Literal

from ._models import Exclusion
from .exceptions import InvalidValueError

__all__ = ["LANGUAGES", "Lang", "check_lang", "text"]

Lang = Literal["ru", "en"]
LANGUAGES: Final = ("ru", "en")

_TEXT: Final[dict[str, dict[str, str]]] = {
    "en": {
        "title": "Calls",
        "manager": "Manager",
        "incoming": "Incoming",
        "outgoing": "Outgoing",
        "total_count": "Total",
        "incoming_duration": "Incoming time",
        "outgoing_duration": "Outgoing time",
        "total_duration": "Total time",
        "total": "Total",
        "average": "Average",
        "unassigned": "No manager",
        "excluded": "Not in the report",
        "calls": "Calls given",
        "inactive": "inactive",
        "no_rows": "No managers to show.",
        f"reason.{Exclusion.PENDING.value}": "pending: waiting for a card",
        f"reason.{Exclusion.UNSORTED.value}": "in Unsorted",
        f"reason.{Exclusion.NOT_SAVED.value}": "not saved: no card",
        f"reason.{Exclusion.UNKNOWN_MANAGER.value}": "manager not in the account",
        f"reason.{Exclusion.PERIOD.value}": "outside the period",
        f"reason.{Exclusion.ENTITY.value}": "other entity",
        f"reason.{Exclusion.MANAGER.value}": "other manager",
        f"reason.{Exclusion.DURATION.value}": "duration outside the bounds",
        f"reason.{Exclusion.STATUS.value}": "other call status",
        f"reason.{Exclusion.DIRECTION.value}": "other direction",
        "status.1": "left a message",
        "status.2": "call back later",
        "status.3": "not available",
        "status.4": "had a conversation",
        "status.5": "wrong number",
        "status.6": "could not get through",
        "status.7": "line busy",
        "direction.inbound": "incoming",
        "direction.outbound": "outgoing",
        "entity.contacts": "contact",
        "entity.companies": "company",
        "entities.contacts": "contacts",
        "entities.companies": "companies",
        "directions.inbound": "incoming",
        "directions.outbound": "outgoing",
        "explain.counted": "The call is in the report: it is in the {entity} card #{card} and counts as an {direction} call in the row of {manager}.",
        "explain.unassigned": 'The call is in the report, apart from the managers\' rows: it has no responsible user (the robot), so it counts in the "No manager" line and neither in the total nor in the average.',
        "explain.nokey": "the call has no phone number with digits, so it cannot be matched to any card",
        "explain.nocard": "no contact or company has a phone ending in {key}",
        "explain.pending": "The call is not in the report yet: {nocard}. It started {age} before now, within the {grace} grace window; if a card with this number appears in time, the call will be attached and counted.",
        "explain.unsorted": "The call is not in the report: it is an incoming call and {nocard}, so it went to Unsorted. It is shown in the events list of the dashboard, never in the calls report.",
        "explain.not_saved.outgoing": "The call was not saved: {nocard}, and an outgoing call with no card is not saved. Add the number to a contact or company card for future calls to count.",
        "explain.not_saved.app": "The call was not saved: {nocard}. A call made from the mobile app without telephony is recorded only when its card already exists.",
        "explain.not_saved.incoming": "The call was not saved: {nocard}, and this account's telephony does not route unknown incoming calls to Unsorted.",
        "explain.unknown_manager": "The call is not in the report: its manager (id {manager}) is not among the account's managers, so it is left out rather than shown under another account.",
        "explain.period": "The call is not in the report: it started at {started}, outside the filter's period {period}.",
        "explain.entity": "The call is not in the report: it is in a {entity} card, and the filter selects only {selected}.",
        "explain.manager": "The call is not in the report: its manager {manager} is not among the managers the filter selects.",
        "explain.manager.none": "The call is not in the report: it has no manager, and a manager filter leaves out calls without one.",
        "explain.duration": "The call is not in the report: it lasted {duration} ({seconds} s), outside the filter's duration bounds ({bounds}).",
        "explain.status": 'The call is not in the report: its status is "{status}", not one of the statuses the filter selects.',
        "explain.status.none": "The call is not in the report: it has no call status (not every telephony provides one), and a status filter never matches a call without one.",
        "explain.direction": "The call is not in the report: it is an {direction} call, and the filter selects only {selected} calls.",
        "explain.tariff": 'The tariff "{tariff}" has no calls report, so the call is not shown there; on this tariff the calls are seen in Analytics → Events list, with the filter "incoming call" / "outgoing call".',
        "bounds.min": "at least {low} s",
        "bounds.max": "at most {high} s",
        "bounds.both": "{low} to {high} s",
        "or": " or ",
    },
    "ru": {
        "title": "Звонки",
        "manager": "Менеджер",
        "incoming": "Входящие",
        "outgoing": "Исходящие",
        "total_count": "Всего",
        "incoming_duration": "Длит. входящих",
        "outgoing_duration": "Длит. исходящих",
        "total_duration": "Длит. всего",
        "total": "Итого",
        "average": "Среднее",
        "unassigned": "Без менеджера",
        "excluded": "Не попали в отчёт",
        "calls": "Всего звонков",
        "inactive": "неактивен",
        "no_rows": "Нет менеджеров для показа.",
        f"reason.{Exclusion.PENDING.value}": "ожидает карточку",
        f"reason.{Exclusion.UNSORTED.value}": "в «Неразобранном»",
        f"reason.{Exclusion.NOT_SAVED.value}": "не сохранён: нет карточки",
        f"reason.{Exclusion.UNKNOWN_MANAGER.value}": "менеджер не из аккаунта",
        f"reason.{Exclusion.PERIOD.value}": "вне периода",
        f"reason.{Exclusion.ENTITY.value}": "другая сущность",
        f"reason.{Exclusion.MANAGER.value}": "другой менеджер",
        f"reason.{Exclusion.DURATION.value}": "продолжительность вне границ",
        f"reason.{Exclusion.STATUS.value}": "другой статус звонка",
        f"reason.{Exclusion.DIRECTION.value}": "другое направление",
        "status.1": "оставил сообщение",
        "status.2": "перезвонить позже",
        "status.3": "нет на месте",
        "status.4": "разговор состоялся",
        "status.5": "неверный номер",
        "status.6": "не дозвонился",
        "status.7": "номер занят",
        "direction.inbound": "входящий",
        "direction.outbound": "исходящий",
        "entity.contacts": "контакта",
        "entity.companies": "компании",
        "entities.contacts": "контакты",
        "entities.companies": "компании",
        "directions.inbound": "входящие",
        "directions.outbound": "исходящие",
        "explain.counted": "Звонок попал в отчёт: он находится в карточке {entity} №{card} и учтён как {direction} в строке менеджера {manager}.",
        "explain.unassigned": "Звонок попал в отчёт отдельно от строк менеджеров: у него нет ответственного (робот), поэтому он учтён в строке «Без менеджера» и не входит ни в «Итого», ни в «Среднее».",
        "explain.nokey": "у звонка нет номера телефона с цифрами, поэтому его нельзя связать ни с одной карточкой",
        "explain.nocard": "ни у одного контакта или компании нет телефона, оканчивающегося на {key}",
        "explain.pending": "Звонок пока не в отчёте: {nocard}. С начала звонка прошло {age}, это меньше окна ожидания {grace}; если карточка с этим номером появится вовремя, звонок будет к ней привязан и учтён.",
        "explain.unsorted": "Звонок не попал в отчёт: это входящий звонок, и {nocard}, поэтому он попал в «Неразобранное». Он отображается на рабочем столе в списке событий, но не в отчёте по звонкам.",
        "explain.not_saved.outgoing": "Звонок не сохранён: {nocard}, а исходящий звонок без карточки не сохраняется. Добавьте номер в карточку контакта или компании, чтобы следующие звонки учитывались.",
        "explain.not_saved.app": "Звонок не сохранён: {nocard}. Звонок из приложения без телефонии фиксируется, только если карточка клиента уже существует.",
        "explain.not_saved.incoming": "Звонок не сохранён: {nocard}, а телефония этого аккаунта не направляет входящие звонки с неизвестных номеров в «Неразобранное».",
        "explain.unknown_manager": "Звонок не попал в отчёт: его менеджера (id {manager}) нет среди менеджеров аккаунта, поэтому звонок не учитывается.",
        "explain.period": "Звонок не попал в отчёт: он начался {started}, вне периода фильтра {period}.",
        "explain.entity": "Звонок не попал в отчёт: он в карточке {entity}, а фильтр выбирает только {selected}.",
        "explain.manager": "Звонок не попал в отчёт: его менеджер {manager} не выбран в фильтре «Ответственный менеджер».",
        "explain.manager.none": "Звонок не попал в отчёт: у него нет менеджера, а фильтр по менеджерам исключает такие звонки.",
        "explain.duration": "Звонок не попал в отчёт: его продолжительность {duration} ({seconds} с) вне границ фильтра ({bounds}).",
        "explain.status": "Звонок не попал в отчёт: его статус «{status}» не выбран в фильтре «Статус звонка».",
        "explain.status.none": "Звонок не попал в отчёт: у него нет статуса (результат звонка — функция телефонии, доступна не для каждой АТС), а фильтр по статусу не пропускает звонки без статуса.",
        "explain.direction": "Звонок не попал в отчёт: это {direction} звонок, а фильтр выбирает только {selected}.",
        "explain.tariff": "На тарифе «{tariff}» нет отчёта по звонкам, поэтому звонок там не отображается; на этом тарифе звонки видны в разделе «Аналитика» — «Список событий» с фильтром «входящий/исходящий звонок».",
        "bounds.min": "не меньше {low} с",
        "bounds.max": "не больше {high} с",
        "bounds.both": "от {low} до {high} с",
        "or": " или ",
    },
}


def check_lang(lang: object) -> Lang:
    """Return *lang* if it is a supported language, or raise naming it."""
    if lang not in LANGUAGES:
        msg = f"'lang' must be one of {', '.join(map(repr, LANGUAGES))} (got {lang!r})."
        raise InvalidValueError(msg)
    return lang


def text(key: str, lang: str, /, **values: object) -> str:
    """The text *key* in *lang*, with ``{placeholders}`` filled from *values*."""
    template = _TEXT[check_lang(lang)][key]
    return template.format(**values) if values else template
