"""Every word a person reads, in Russian and English; Russian follows the original page."""

from __future__ import annotations

from typing import Final, Literal

from callanalytics._model.enums import Exclusion
from callanalytics.exceptions import InvalidValueError

__all__ = ["LANGUAGES", "Lang", "check_lang", "count_words", "text"]

Lang = Literal["ru", "en"]
LANGUAGES: Final = ("ru", "en")

_TEXT: Final[dict[str, dict[str, str]]] = {
    "en": {
        "title": "Calls",
        "report_at": "Calls report as of {now} ({tz})",
        "manager": "Manager",
        "incoming": "Incoming",
        "outgoing": "Outgoing",
        "column.incoming": "Incoming",
        "column.outgoing": "Outgoing",
        "column.total": "Total",
        "column.incoming_duration": "Incoming time",
        "column.outgoing_duration": "Outgoing time",
        "column.total_duration": "Total time",
        "total": "Total",
        "average": "Average",
        "unassigned": "No manager",
        "excluded": "Not in the report",
        "calls": "Calls given",
        "inactive": "inactive",
        "no_rows": "No managers to show.",
        "ties": "calls matched by a phone several cards share: {count}",
        f"reason.{Exclusion.DUPLICATE.value}": "duplicate (id seen before)",
        f"reason.{Exclusion.PENDING.value}": "pending (waiting for a card)",
        f"reason.{Exclusion.UNSORTED.value}": "in Unsorted",
        f"reason.{Exclusion.NOT_SAVED.value}": "not saved (no card)",
        f"reason.{Exclusion.OTHER_CARD.value}": "in a lead or customer",
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
        "entity.leads": "lead",
        "entity.customers": "customer",
        "entities.contacts": "contacts",
        "entities.companies": "companies",
        "directions.inbound": "incoming",
        "directions.outbound": "outgoing",
        "explain.counted": "The call is in the report: it is in the {entity} card #{card} and counts as an {direction} call in the row of {manager}.",
        "explain.unassigned": 'The call is in the report, apart from the managers\' rows: it has no responsible user (the robot), so it counts in the "No manager" line and neither in the total nor in the average.',
        "explain.matched": "It came without a card and was attached by its phone number, which ends in {key}.",
        "explain.matched.exact": "It came without a card and was attached by its phone number {key}.",
        "explain.ambiguous": "{count} cards have this number: contacts come before companies, then the lowest id, so the {entity} card #{card} was chosen.",
        "explain.nokey": "it has no phone number with digits to find a card by",
        "explain.nocards": "it is not in a card (no cards were given to match it by phone)",
        "explain.nocard": "no contact or company has a phone ending in {key}",
        "explain.nocard.exact": "no contact or company has the phone number {key}",
        "explain.pending": "The call is not in the report yet: {nocard}. It started {age} before now, within the {grace} grace window; if a card with this number appears in time, the call will be attached and counted.",
        "explain.unsorted": "The call is not in the report: it is an incoming call and {nocard}, so it went to Unsorted. It is shown in the events list of the dashboard (top right), never in the calls report.",
        "explain.not_saved.outgoing": "The call was not saved: {nocard}, and an outgoing call with no card is not saved. Add the number to a contact or company card for future calls to count.",
        "explain.not_saved.app": "The call was not saved: {nocard}. A call made from the mobile app without telephony is recorded only when its card already exists, and never with a recording.",
        "explain.not_saved.incoming": "The call was not saved: {nocard}, and this account's telephony does not route unknown incoming calls to Unsorted.",
        "explain.other_card": "The call is not in the report: it is in the card of a {entity} (#{card}), and the calls report counts only calls in a contact's or a company's card.",
        "explain.duplicate": "The call is not in the report: a call with the id {id} came before it, and a call is counted once, the first time it comes (integrations resend calls).",
        "explain.unknown_manager": "The call is not in the report: its manager (id {manager}) is not among the account's managers, so it is left out rather than shown under another account.",
        "explain.period": "The call is not in the report: it started at {started}, outside the filter's period {period}.",
        "explain.entity": "The call is not in the report: it is in a {entity} card, and the filter selects only {selected}.",
        "explain.manager": "The call is not in the report: its manager {manager} is not among the managers the filter selects.",
        "explain.manager.none": "The call is not in the report: it has no manager, and a manager filter leaves out calls without one.",
        "explain.duration": "The call is not in the report: it lasted {duration} ({seconds} s), outside the filter's duration bounds ({bounds}).",
        "explain.status": 'The call is not in the report: its status is "{status}", not one of the statuses the filter selects.',
        "explain.status.none": "The call is not in the report: it has no call status (not every telephony provides one), and a status filter never matches a call without one.",
        "explain.direction": "The call is not in the report: it is an {direction} call, and the filter selects only {selected} calls.",
        "explain.tariff": 'The tariff "{tariff}" has no calls report, so the call is not shown there; on this tariff calls are seen in Analytics → Events list, with the filter "incoming call" / "outgoing call". After an upgrade to a tariff with the calls report, the report shows past calls too.',
        "bounds.min": "at least {low} s",
        "bounds.max": "at most {high} s",
        "bounds.both": "{low} to {high} s",
        "or": " or ",
        # The graph (R17): report.plot()
        "chart.title.count": "Calls by manager",
        "chart.title.duration": "Call duration by manager",
        "chart.axis.count": "Calls",
        "chart.axis.duration": "Duration, HH:MM:SS",
        "chart.average": "Company average: {value}",
        # Comparison with the previous period: compare() and Comparison.table()
        "compare.title": "Change against the previous period",
        "compare.current": "Current period",
        "compare.previous": "Previous period",
        "compare.no_base": "n/a",
        # The command line: callanalytics report FILE
        "cli.period": "Period",
        "cli.all_time": "all calls in the file",
        "cli.now": "Now",
        "cli.bad_record": "line {line}: {error}",
        "cli.bad_records": "{count} bad record(s) skipped: not in the report.",
        "cli.more_bad_records": "… and {count} more bad record(s) not shown.",
        "unit.second.one": "second",
        "unit.second.few": "seconds",
        "unit.second.many": "seconds",
        "unit.minute.one": "minute",
        "unit.minute.few": "minutes",
        "unit.minute.many": "minutes",
        "unit.hour.one": "hour",
        "unit.hour.few": "hours",
        "unit.hour.many": "hours",
        "unit.day.one": "day",
        "unit.day.few": "days",
        "unit.day.many": "days",
    },
    "ru": {
        "title": "Звонки",
        "report_at": "Отчёт по звонкам на {now} ({tz})",
        "manager": "Менеджер",
        "incoming": "Входящие",
        "outgoing": "Исходящие",
        "column.incoming": "Входящие",
        "column.outgoing": "Исходящие",
        "column.total": "Всего",
        "column.incoming_duration": "Длит. входящих",
        "column.outgoing_duration": "Длит. исходящих",
        "column.total_duration": "Длит. всего",
        "total": "Итого",
        "average": "Среднее",
        "unassigned": "Без менеджера",
        "excluded": "Не попали в отчёт",
        "calls": "Всего звонков",
        "inactive": "неактивен",
        "no_rows": "Нет менеджеров для показа.",
        "ties": "звонков по номеру, который есть у нескольких карточек: {count}",
        f"reason.{Exclusion.DUPLICATE.value}": "повтор (такой id уже был)",
        f"reason.{Exclusion.PENDING.value}": "ожидает карточку",
        f"reason.{Exclusion.UNSORTED.value}": "в «Неразобранном»",
        f"reason.{Exclusion.NOT_SAVED.value}": "не сохранён (нет карточки)",
        f"reason.{Exclusion.OTHER_CARD.value}": "в сделке или покупателе",
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
        "entity.leads": "сделки",
        "entity.customers": "покупателя",
        "entities.contacts": "контакты",
        "entities.companies": "компании",
        "directions.inbound": "входящие",
        "directions.outbound": "исходящие",
        "explain.counted": "Звонок попал в отчёт: он находится в карточке {entity} №{card} и учтён как {direction} звонок в строке менеджера {manager}.",
        "explain.unassigned": "Звонок попал в отчёт отдельно от строк менеджеров: у него нет ответственного (робот), поэтому он учтён в строке «Без менеджера» и не входит ни в «Итого», ни в «Среднее».",
        "explain.matched": "Звонок пришёл без карточки и был привязан к карточке по номеру телефона, оканчивающемуся на {key}.",
        "explain.matched.exact": "Звонок пришёл без карточки и был привязан к карточке по номеру телефона {key}.",
        "explain.ambiguous": "Этот номер есть в {count} карточках: контакты идут раньше компаний, затем наименьший id, поэтому выбрана карточка {entity} №{card}.",
        "explain.nokey": "у него нет номера телефона с цифрами, по которому можно найти карточку",
        "explain.nocards": "он не находится в карточке (карточек для поиска по номеру телефона не передано)",
        "explain.nocard": "ни у одного контакта или компании нет телефона, оканчивающегося на {key}",
        "explain.nocard.exact": "ни у одного контакта или компании нет номера телефона {key}",
        "explain.pending": "Звонок пока не в отчёте: {nocard}. С начала звонка прошло {age}, это меньше окна ожидания {grace}; если карточка с этим номером появится вовремя, звонок будет к ней привязан и учтён.",
        "explain.unsorted": "Звонок не попал в отчёт: это входящий звонок, и {nocard}, поэтому он попал в «Неразобранное». Он отображается на рабочем столе в списке событий (справа наверху), но не в отчёте по звонкам.",
        "explain.not_saved.outgoing": "Звонок не сохранён: {nocard}, а исходящий звонок без карточки не сохраняется. Добавьте номер в карточку контакта или компании, чтобы следующие звонки учитывались.",
        "explain.not_saved.app": "Звонок не сохранён: {nocard}. Звонок из приложения без телефонии фиксируется, только если карточка клиента уже существует, и всегда без записи.",
        "explain.not_saved.incoming": "Звонок не сохранён: {nocard}, а телефония этого аккаунта не направляет входящие звонки с неизвестных номеров в «Неразобранное».",
        "explain.other_card": "Звонок не попал в отчёт: он в карточке {entity} №{card}, а отчёт по звонкам учитывает только звонки в карточках контактов и компаний.",
        "explain.duplicate": "Звонок не попал в отчёт: звонок с id {id} уже пришёл раньше, а звонок учитывается один раз, когда он пришёл впервые (интеграции присылают звонки повторно).",
        "explain.unknown_manager": "Звонок не попал в отчёт: его менеджера (id {manager}) нет среди менеджеров аккаунта, поэтому звонок не учитывается.",
        "explain.period": "Звонок не попал в отчёт: он начался {started}, вне периода фильтра «Дата звонка» {period}.",
        "explain.entity": "Звонок не попал в отчёт: он в карточке {entity}, а в фильтре «Сущность» выбраны только {selected}.",
        "explain.manager": "Звонок не попал в отчёт: его ответственный менеджер {manager} не выбран в фильтре «Ответственный менеджер».",
        "explain.manager.none": "Звонок не попал в отчёт: у него нет ответственного менеджера, а фильтр «Ответственный менеджер» исключает такие звонки.",
        "explain.duration": "Звонок не попал в отчёт: его продолжительность {duration} ({seconds} с) вне границ фильтра «Продолжительность звонка» ({bounds}).",
        "explain.status": "Звонок не попал в отчёт: его статус «{status}» не выбран в фильтре «Статус звонка».",
        "explain.status.none": "Звонок не попал в отчёт: у него нет статуса (результат звонка — функция телефонии, доступна не для каждой АТС), а фильтр «Статус звонка» не пропускает звонки без статуса.",
        "explain.direction": "Звонок не попал в отчёт: это {direction} звонок, а фильтр выбирает только {selected}.",
        "explain.tariff": "На тарифе «{tariff}» нет отчёта по звонкам, поэтому звонок там не отображается; на этом тарифе звонки видны в разделе «Аналитика» — «Список событий» с фильтром «входящий/исходящий звонок». При переходе на тариф с отчётом по звонкам в нём отобразятся и звонки за прошлые даты.",
        "bounds.min": "не меньше {low} с",
        "bounds.max": "не больше {high} с",
        "bounds.both": "от {low} до {high} с",
        "or": " или ",
        # The graph (R17): report.plot()
        "chart.title.count": "Количество звонков по менеджерам",
        "chart.title.duration": "Длительность звонков по менеджерам",
        "chart.axis.count": "Звонки",
        "chart.axis.duration": "Длительность, ЧЧ:ММ:СС",
        "chart.average": "Среднее по компании: {value}",
        # Comparison with the previous period: compare() and Comparison.table()
        "compare.title": "Динамика относительно предыдущего периода",
        "compare.current": "Текущий период",
        "compare.previous": "Предыдущий период",
        "compare.no_base": "н/д",
        # The command line: callanalytics report FILE
        "cli.period": "Период",
        "cli.all_time": "все звонки файла",
        "cli.now": "Сейчас",
        "cli.bad_record": "строка {line}: {error}",
        "cli.bad_records": "Пропущено записей с ошибками: {count}; они не вошли в отчёт.",
        "cli.more_bad_records": "… и ещё записей с ошибками, не показанных здесь: {count}.",
        "unit.second.one": "секунду",
        "unit.second.few": "секунды",
        "unit.second.many": "секунд",
        "unit.minute.one": "минуту",
        "unit.minute.few": "минуты",
        "unit.minute.many": "минут",
        "unit.hour.one": "час",
        "unit.hour.few": "часа",
        "unit.hour.many": "часов",
        "unit.day.one": "день",
        "unit.day.few": "дня",
        "unit.day.many": "дней",
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


def _form(count: int) -> str:
    """The plural form of a noun after *count*: ``one``, ``few`` or ``many`` (Russian rules).

    English has one form for 1 and another for the rest; its ``few`` and ``many`` texts are the
    same. In Russian 1, 21, 101 take ``one``; 2–4, 22–24 take ``few``; 5–20, 11–14, 25… ``many``.
    """
    if count % 10 == 1 and count % 100 != 11:
        return "one"
    if 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
        return "few"
    return "many"


def count_words(count: int, unit: str, lang: str, /) -> str:
    """*count* and the noun *unit* (``"minute"``…) in the form the number takes.

    The Russian nouns are in the accusative, the case of a span of time after «через» and
    «уже» («через 1 минуту», «открыт уже 3 часа»), the only places they are used.

    >>> count_words(1, "minute", "en"), count_words(7, "minute", "en")
    ('1 minute', '7 minutes')
    >>> count_words(1, "minute", "ru"), count_words(3, "hour", "ru"), count_words(11, "day", "ru")
    ('1 минуту', '3 часа', '11 дней')
    """
    form = ("one" if count == 1 else "many") if check_lang(lang) == "en" else _form(count)
    return f"{count} {text(f'unit.{unit}.{form}', lang)}"
