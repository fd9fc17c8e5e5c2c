"""Every word a person reads, in Russian and English; Russian follows the original page."""

from __future__ import annotations

import string
from typing import Final, Literal

from callanalytics._kit import checks
from callanalytics._model.enums import Exclusion

__all__ = [
    "CATEGORIES",
    "LANGUAGES",
    "Category",
    "Lang",
    "check_lang",
    "count_words",
    "plural",
    "plural_category",
    "text",
]

Lang = Literal["ru", "en"]
LANGUAGES: Final = ("ru", "en")

Category = Literal["one", "few", "many", "other"]
CATEGORIES: Final[dict[Lang, tuple[Category, ...]]] = {
    "ru": ("one", "few", "many"),
    "en": ("one", "other"),
}
"""The CLDR plural categories of a count in each language, in the order forms are written."""

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
        "excluded": "not in the report",
        "calls": "{count} {count:call|calls} given",
        "inactive": "inactive",
        "no_rows": "No managers to show.",
        "html.hidden": "… {count} more {count:manager|managers} not shown; to_html(max_rows=None) shows every row",
        "ties": "{count} {count:call|calls} matched by a phone several cards share",
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
        "explain.ambiguous": "{count} {count:card has|cards have} this number: contacts come before companies, then the lowest id, so the {entity} card #{card} was chosen.",
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
        "explain.period": "The call is not in the report: it started at {started}, outside the filter's period {period} ({tz}).",
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
        # Which calls a table, an HTML view or a graph covers
        "scope.period": "Period: {period} ({tz})",
        "scope.any_period": "Period: any",
        "scope.all": "All calls given, no filter",
        "scope.entities": "entities: {values}",
        "scope.managers": "managers: {values}",
        "scope.more": " and {count} more",
        "scope.duration": "duration: {bounds}",
        "scope.statuses": "statuses: {values}",
        "scope.directions": "directions: {values}",
        "scope.now": "now: {now} ({tz})",
        # The graph (R17): report.plot()
        "chart.title.count": "Calls by manager",
        "chart.title.duration": "Call duration by manager",
        "chart.axis.count": "Calls",
        "chart.axis.duration": "Duration, HH:MM:SS",
        "chart.average": "Company average: {value}",
        "chart.others": "… {count} other {count:manager|managers} (mean)",
        # Comparison with the previous period: compare() and Comparison.table()
        "compare.title": "Change against the previous period",
        "compare.current": "Current period",
        "compare.previous": "Previous period",
        "compare.no_base": "n/a",
        "compare.any": "any",
        "compare.filters": "Filters: {values}",
        "compare.none": "none",
        "compare.cells": "Each cell: the current figure, its change below",
        # The command line: callanalytics report FILE
        "cli.period": "Period",
        "cli.all_time": "all calls in the file",
        "cli.now": "Now",
        "cli.bad_record": "line {line}: {error}",
        "cli.bad_records": "{count} bad {count:record|records} skipped: not in the report.",
        "cli.more_bad_records": "… and {count} more bad {count:record|records} not shown.",
        "cli.summary": "records read: {records}; calls: {calls}; legs merged: {merged}; "
        "internal: {internal}; duplicates: {duplicates}; rejected: {rejected}.",
        "cli.error": "error: {error}",
        "cli.reading": "reading…",
        "cli.progress": "{count} {count:record|records} read",
        "cli.progress_share": "{count} {count:record|records} read ({share}%)",
        # Missed calls and callbacks (R31-R33): missed_calls()
        "missed.title": "Missed calls and callbacks",
        "missed.column.incoming": "Incoming",
        "missed.column.answered": "Answered",
        "missed.column.missed": "Missed",
        "missed.column.called_back": "Called back",
        "missed.column.called_back_in_time": "In time",
        "missed.column.reached": "Reached",
        "missed.column.open": "Open",
        "missed.column.lost": "Given up",
        "missed.column.median_callback": "Median callback",
        "missed.column.average_wait": "Average wait",
        "missed.column.service_level": "Service level",
        "missed.column.no_wait": "No answer time",
        "missed.settings": "In time: called back within {within}; service level: answered within {answer_within}",
        "missed.settings.give_up": "; given up after {give_up}",
        "missed.settings.now": "; as of {now}",
        "missed.outgoing": "outgoing: {count}",
        "missed.by_nobody": "a call with no manager",
        "missed.explain.head": "A missed incoming call {source} at {started}, counted under {manager}.",
        "missed.explain.head.card": "A missed incoming call {source} at {started}, counted under {manager}, the responsible manager of its card (the call has no manager).",
        "missed.explain.no_phone": "It has no phone number, so no later call can be matched to it.",
        "missed.explain.called_back": "Called back by {by} after {after}, in time (within {within}).",
        "missed.explain.called_back.late": "Called back by {by} after {after}, later than {within}.",
        "missed.explain.not_called_back": "Not called back.",
        "missed.explain.reached.callback": "The callback was answered: the client was reached.",
        "missed.explain.reached.again": "The client called again after {after} and {by} answered: the client was reached.",
        "missed.explain.reached.later": "The client was reached after {after}, by a call of {by}.",
        "missed.explain.open": "Still open for {age}.",
        "missed.explain.open.no_now": "Not reached in the calls given, so it is open.",
        "missed.explain.lost": "Given up: not reached for {age}, longer than the give-up window of {give_up}.",
        "missed.explain.answered": "The call is not a missed call: it is an incoming call that was answered.",
        "missed.explain.outgoing": "The call is not a missed call: it is an outgoing call (it may be the callback of one).",
        "missed.source": "from {phone}",
        "missed.source.none": "from an unknown number",
        "unit.second": "second|seconds",
        "unit.minute": "minute|minutes",
        "unit.hour": "hour|hours",
        "unit.day": "day|days",
        # Analyses (R34–R37): trend, heatmap, departments, business hours
        "trend.every.day": "per day",
        "trend.every.week": "per week",
        "trend.every.month": "per month",
        "trend.title.count": "Calls {every}",
        "trend.title.duration": "Call duration {every}",
        "trend.bucket": "Period",
        "trend.others.bar": "Others ({count})",
        "trend.others.line": "Others ({count}), average per manager",
        "heatmap.title.calls": "Calls by weekday and hour",
        "heatmap.title.duration": "Call duration by weekday and hour",
        "heatmap.title.missed": "Missed calls by weekday and hour",
        "heatmap.hour": "Hour",
        "heatmap.weekday": "Weekday",
        "heatmap.calls": "Calls",
        "heatmap.duration": "Duration",
        "heatmap.missed": "Missed",
        "weekday.0": "Mon",
        "weekday.1": "Tue",
        "weekday.2": "Wed",
        "weekday.3": "Thu",
        "weekday.4": "Fri",
        "weekday.5": "Sat",
        "weekday.6": "Sun",
        "covers": "{period}, time zone {tz}",
        "covers.tz": "Time zone {tz}",
        "group.department": "Department",
        "group.none": "No department",
        "group.average": "Average per manager",
        "hours.in": "In business hours",
        "hours.after": "After hours",
        "hours.missed": "Missed in business hours: {inside}; missed after hours: {after}",
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
        "excluded": "не попали в отчёт",
        "calls": "Всего {count} {count:звонок|звонка|звонков}",
        "inactive": "неактивен",
        "no_rows": "Нет менеджеров для показа.",
        "html.hidden": "… ещё {count} {count:менеджер|менеджера|менеджеров} не {count:показан|показаны|показано}; все строки: to_html(max_rows=None)",
        "ties": "{count} {count:звонок|звонка|звонков} по номеру, который есть у нескольких карточек",
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
        "explain.ambiguous": "Этот номер есть в {count} {count:карточке|карточках|карточках}: контакты идут раньше компаний, затем наименьший id, поэтому выбрана карточка {entity} №{card}.",
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
        "explain.period": "Звонок не попал в отчёт: он начался {started}, вне периода фильтра «Дата звонка» {period} ({tz}).",
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
        # Which calls a table, an HTML view or a graph covers
        "scope.period": "Период: {period} ({tz})",
        "scope.any_period": "Период: любой",
        "scope.all": "Все переданные звонки, без фильтров",
        "scope.entities": "сущности: {values}",
        "scope.managers": "менеджеры: {values}",
        "scope.more": " и ещё {count}",
        "scope.duration": "продолжительность: {bounds}",
        "scope.statuses": "статусы: {values}",
        "scope.directions": "направления: {values}",
        "scope.now": "сейчас: {now} ({tz})",
        # The graph (R17): report.plot()
        "chart.title.count": "Количество звонков по менеджерам",
        "chart.title.duration": "Длительность звонков по менеджерам",
        "chart.axis.count": "Звонки",
        "chart.axis.duration": "Длительность, ЧЧ:ММ:СС",
        "chart.average": "Среднее по компании: {value}",
        "chart.others": "… ещё {count} {count:менеджер|менеджера|менеджеров} (в среднем)",
        # Comparison with the previous period: compare() and Comparison.table()
        "compare.title": "Динамика относительно предыдущего периода",
        "compare.current": "Текущий период",
        "compare.previous": "Предыдущий период",
        "compare.no_base": "н/д",
        "compare.any": "любой",
        "compare.filters": "Фильтры: {values}",
        "compare.none": "нет",
        "compare.cells": "В каждой ячейке: текущее значение, под ним изменение",
        # The command line: callanalytics report FILE
        "cli.period": "Период",
        "cli.all_time": "все звонки файла",
        "cli.now": "Сейчас",
        "cli.bad_record": "строка {line}: {error}",
        "cli.bad_records": "{count:Пропущена|Пропущены|Пропущено} {count} {count:запись|записи|записей} с ошибками: в отчёт {count:она не вошла|они не вошли|они не вошли}.",
        "cli.more_bad_records": "… и ещё {count} {count:запись|записи|записей} с ошибками не {count:показана|показаны|показано}.",
        "cli.summary": "прочитано записей: {records}; звонков: {calls}; слитых плеч: {merged}; "
        "внутренних: {internal}; дублей: {duplicates}; отклонено: {rejected}.",
        "cli.error": "ошибка: {error}",
        "cli.reading": "чтение…",
        "cli.progress": "{count:прочитана|прочитано|прочитано} {count} {count:запись|записи|записей}",
        "cli.progress_share": "{count:прочитана|прочитано|прочитано} {count} {count:запись|записи|записей} ({share}%)",
        # Пропущенные звонки и перезвоны (R31-R33): missed_calls()
        "missed.title": "Пропущенные звонки и перезвоны",
        "missed.column.incoming": "Входящие",
        "missed.column.answered": "Отвечено",
        "missed.column.missed": "Пропущено",
        "missed.column.called_back": "Перезвонили",
        "missed.column.called_back_in_time": "Вовремя",
        "missed.column.reached": "Дозвонились",
        "missed.column.open": "Открыто",
        "missed.column.lost": "Потеряно",
        "missed.column.median_callback": "Медиана перезвона",
        "missed.column.average_wait": "Среднее ожидание",
        "missed.column.service_level": "Уровень сервиса",
        "missed.column.no_wait": "Нет времени ответа",
        "missed.settings": "Вовремя: перезвонили в течение {within}; уровень сервиса: ответили в течение {answer_within}",
        "missed.settings.give_up": "; потерян через {give_up}",
        "missed.settings.now": "; на {now}",
        "missed.outgoing": "исходящих: {count}",
        "missed.by_nobody": "без менеджера",
        "missed.explain.head": "Пропущенный входящий звонок {source} в {started}, учтён в строке {manager}.",
        "missed.explain.head.card": "Пропущенный входящий звонок {source} в {started}, учтён в строке {manager}: у звонка нет менеджера, это ответственный за его карточку.",
        "missed.explain.no_phone": "У него нет номера телефона, поэтому с ним нельзя сопоставить ни один следующий звонок.",
        "missed.explain.called_back": "Перезвонили через {after} ({by}), вовремя (в течение {within}).",
        "missed.explain.called_back.late": "Перезвонили через {after} ({by}), не вовремя: позже чем через {within}.",
        "missed.explain.not_called_back": "Не перезвонили.",
        "missed.explain.reached.callback": "На перезвон ответили: с клиентом связались.",
        "missed.explain.reached.again": "Клиент позвонил снова через {after}, и ему ответили ({by}): с клиентом связались.",
        "missed.explain.reached.later": "С клиентом связались через {after} ({by}).",
        "missed.explain.open": "Открыт уже {age}.",
        "missed.explain.open.no_now": "Среди переданных звонков с клиентом не связались, поэтому звонок открыт.",
        "missed.explain.lost": "Потерян: с клиентом не связались за {age}, это дольше окна {give_up}.",
        "missed.explain.answered": "Это не пропущенный звонок: это входящий звонок, на который ответили.",
        "missed.explain.outgoing": "Это не пропущенный звонок: это исходящий звонок (возможно, перезвон по пропущенному).",
        "missed.source": "с номера {phone}",
        "missed.source.none": "с неизвестного номера",
        "unit.second": "секунду|секунды|секунд",
        "unit.minute": "минуту|минуты|минут",
        "unit.hour": "час|часа|часов",
        "unit.day": "день|дня|дней",
        # Analyses (R34–R37): trend, heatmap, departments, business hours
        "trend.every.day": "по дням",
        "trend.every.week": "по неделям",
        "trend.every.month": "по месяцам",
        "trend.title.count": "Звонки {every}",
        "trend.title.duration": "Длительность звонков {every}",
        "trend.bucket": "Период",
        "trend.others.bar": "Остальные ({count})",
        "trend.others.line": "Остальные ({count}), среднее на менеджера",
        "heatmap.title.calls": "Звонки по дням недели и часам",
        "heatmap.title.duration": "Длительность звонков по дням недели и часам",
        "heatmap.title.missed": "Пропущенные звонки по дням недели и часам",
        "heatmap.hour": "Час",
        "heatmap.weekday": "День недели",
        "heatmap.calls": "Звонки",
        "heatmap.duration": "Длительность",
        "heatmap.missed": "Пропущенные",
        "weekday.0": "Пн",
        "weekday.1": "Вт",
        "weekday.2": "Ср",
        "weekday.3": "Чт",
        "weekday.4": "Пт",
        "weekday.5": "Сб",
        "weekday.6": "Вс",
        "covers": "{period}, часовой пояс {tz}",
        "covers.tz": "Часовой пояс {tz}",
        "group.department": "Отдел",
        "group.none": "Без отдела",
        "group.average": "Среднее на менеджера",
        "hours.in": "В рабочее время",
        "hours.after": "Вне рабочего времени",
        "hours.missed": "Пропущено в рабочее время: {inside}; вне рабочего времени: {after}",
    },
}


def check_lang(lang: object) -> Lang:
    """Return *lang* if it is a supported language, or raise naming it."""
    return checks.member(lang, "lang", LANGUAGES)  # type: ignore[return-value]


def plural_category(count: int, lang: str) -> Category:
    """The CLDR plural category of the whole number *count* in *lang*.

    Russian: *one* when ``n % 10 == 1`` and ``n % 100 != 11``; *few* when ``n % 10`` is 2..4
    and ``n % 100`` is not 12..14; *many* otherwise. English: *one* for 1, *other* otherwise.

    >>> [plural_category(n, "ru") for n in (1, 2, 5, 11, 21, 22, 112)]
    ['one', 'few', 'many', 'many', 'one', 'few', 'many']
    >>> plural_category(1, "en"), plural_category(0, "en")
    ('one', 'other')
    """
    language = check_lang(lang)
    n = abs(checks.whole(count, "count"))
    if language == "en":
        return "one" if n == 1 else "other"
    if n % 10 == 1 and n % 100 != 11:
        return "one"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return "few"
    return "many"


def plural(count: int, forms: str, lang: str) -> str:
    """The form of *forms* that goes with *count* in *lang*.

    *forms* lists the forms separated by ``|`` in the order of :data:`CATEGORIES`: three in
    Russian (one, few, many: ``звонок|звонка|звонков``), two in English (``call|calls``).

    >>> [f"{n} {plural(n, 'звонок|звонка|звонков', 'ru')}" for n in (1, 2, 5, 11, 21)]
    ['1 звонок', '2 звонка', '5 звонков', '11 звонков', '21 звонок']
    >>> plural(1, "call|calls", "en"), plural(2, "call|calls", "en")
    ('call', 'calls')
    """
    language = check_lang(lang)
    categories = CATEGORIES[language]
    written = checks.text(forms, "forms").split("|")
    if len(written) != len(categories):
        must = f"have {len(categories)} forms separated by '|' in {language!r} ({', '.join(categories)})"
        raise checks.value_error("forms", must, forms)
    return written[categories.index(plural_category(count, language))]


class _Formatter(string.Formatter):
    """``str.format`` where a spec of forms, ``{count:call|calls}``, picks the plural form."""

    def __init__(self, lang: Lang) -> None:
        super().__init__()
        self.lang = lang

    def format_field(self, value: object, format_spec: str) -> str:
        if "|" in format_spec:
            return plural(checks.whole(value, "count"), format_spec, self.lang)
        return str(super().format_field(value, format_spec))


def text(key: str, lang: str, /, **values: object) -> str:
    """The text *key* in *lang*, with ``{placeholders}`` filled from *values*.

    A placeholder with forms, ``{count:call|calls}``, is the form of the noun for that count
    (:func:`plural`).

    >>> text("calls", "en", count=1), text("calls", "ru", count=22)
    ('1 call given', 'Всего 22 звонка')
    """
    language = check_lang(lang)
    template = _TEXT[language][key]
    return _Formatter(language).format(template, **values) if values else template


def count_words(count: int, unit: str, lang: str, /) -> str:
    """*count* and the noun *unit* (``"minute"``…) in the form the number takes.

    The Russian nouns are in the accusative, the case of a span of time after «через» and
    «уже» («через 1 минуту», «открыт уже 3 часа»), the only places they are used.

    >>> count_words(1, "minute", "en"), count_words(7, "minute", "en")
    ('1 minute', '7 minutes')
    >>> count_words(1, "minute", "ru"), count_words(3, "hour", "ru"), count_words(11, "day", "ru")
    ('1 минуту', '3 часа', '11 дней')
    """
    return f"{count} {plural(count, text(f'unit.{unit}', lang), lang)}"
