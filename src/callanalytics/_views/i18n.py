"""Every word a person reads, in Russian and English; Russian follows the original page."""

from __future__ import annotations

import errno
import os
import re
import string
from typing import Final, Literal

from callanalytics._kit import checks
from callanalytics._model.enums import Exclusion
from callanalytics.exceptions import CallAnalyticsError

__all__ = [
    "CATEGORIES",
    "LANGUAGES",
    "Category",
    "Lang",
    "check_lang",
    "count_words",
    "error_phrase",
    "error_text",
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
        "cli.usage": "usage: ",
        "cli.args.argument": "argument {argument}: {message}",
        "cli.args.unrecognized": "unrecognized arguments: {args}",
        "cli.args.required": "the following arguments are required: {args}",
        "cli.args.choice": "invalid choice: {value} (choose from {choices})",
        "cli.args.one": "expected one argument",
        "cli.args.type": "invalid value: {value}",
        "cli.args.ambiguous": "ambiguous option: {option} could match {matches}",
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
        "cli.usage": "использование: ",
        "cli.args.argument": "аргумент {argument}: {message}",
        "cli.args.unrecognized": "неизвестные аргументы: {args}",
        "cli.args.required": "не хватает аргументов: {args}",
        "cli.args.choice": "недопустимое значение {value} (допустимы: {choices})",
        "cli.args.one": "нужно одно значение",
        "cli.args.type": "недопустимое значение: {value}",
        "cli.args.ambiguous": "неоднозначный параметр {option}: подходят {matches}",
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


# ---------------------------------------------------------------------------------------------
# Error messages. An error keeps the English template of its message and what fills it
# (``CallAnalyticsError.template`` / ``.params``); the Russian catalogue below has a template
# for each English one and the Russian of every English phrase (``"a str"``, ``"be >= 0"``)
# the templates hold. Field names and values are written as they are: they are what the user
# typed. A message with no translation is written in English, as it is.

_ERRORS_RU: Final[dict[str, str]] = {
    checks.TYPE_ERROR: "{field!r}: {expected} (получено {value} типа {kind}).",
    checks.VALUE_ERROR: "{field!r}: {must} (получено {value}).",
    checks.MISSING_EXTRA: "{feature}: нужен пакет {module!r}, он не установлен: pip install {command}",
    "line {line}: {error}": "строка {line}: {error}",
    # values of a record or an option
    "{field!r} is required (got {value}).": "{field!r}: значение обязательно (получено {value}).",
    "{field!r} must be a whole number of at most {limit} digits (got {digits} digits).": "{field!r}: ожидается целое число не длиннее {limit} цифр (цифр: {digits}).",
    "'started_at' and 'created_at' must not both be set: one time per call (got {value} and {other}).": "'started_at' и 'created_at' не могут быть заданы вместе: у звонка одно время (получено {value} и {other}).",
    "'card_id' and 'entity_type' must be set together or not at all (got card_id={card}, entity_type={entity}).": "'card_id' и 'entity_type' задаются вместе или не задаются вовсе (получено card_id={card}, entity_type={entity}).",
    "'recording_url' must be empty for a call made from the app without telephony (via_app=True, got recording_url={value}).": "'recording_url': у звонка из приложения без телефонии записи нет, ожидается пустое значение (via_app=True, получено recording_url={value}).",
    "{name} is not a field of a call record (the fields are {fields}).": "{name} — не поле записи звонка (поля: {fields}).",
    "a call record must be a JSON object (got {value} of type {kind}).": "запись звонка: ожидается объект JSON (получено {value} типа {kind}).",
    "a string must be Unicode text (got {value}).": "строка: ожидается текст Unicode (получено {value}).",
    "{field!r} is required.": "{field!r}: значение обязательно.",
    # amoCRM's payloads
    "{field!r} is required (got a payload without it).": "{field!r}: значение обязательно (в данных его нет).",
    "{field!r} is required: the library never reads the clock (got None).": "{field!r}: значение обязательно, библиотека не берёт время с часов (получено None).",
    "{field!r} is required: it is the call's id (got neither {field!r} nor 'id').": "{field!r}: значение обязательно, это id звонка (нет ни {field!r}, ни 'id').",
    "'entity_type' is required with 'entity_id' (got entity_id={value}).": "'entity_type' обязателен вместе с 'entity_id' (получено entity_id={value}).",
    "{field!r} must be empty for a call made from the app without telephony (via_app=True, got {name}={value}).": "{field!r}: у звонка из приложения без телефонии записи нет, ожидается пустое значение (via_app=True, получено {name}={value}).",
    # the date filter (--period, --from, --to)
    "{field!r} must be given with {given!r} (got {given}={value}).": "{field!r} нужно указать вместе с {given!r} (получено {given}={value}).",
    "'to' must not be before 'from' (got from={value}, to={other}).": "'to' не может быть раньше 'from' (получено from={value}, to={other}).",
    "'period' must not be combined with 'from'/'to' (got period={value}, {given}={other}).": "'period' нельзя сочетать с 'from'/'to' (получено period={value}, {given}={other}).",
    # managers (--managers, --manager-ids)
    "'manager_ids' must be managers of the account (got unknown {listed}).": "'manager_ids': ожидаются менеджеры аккаунта (неизвестны: {listed}).",
    "'manager_id' has no row in this report (got {value}).": "'manager_id': в отчёте нет такой строки (получено {value}).",
    "'manager_id' has no row in this comparison (got {value}).": "'manager_id': в сравнении нет такой строки (получено {value}).",
    "'manager_id' has no row in the missed calls (got {value}).": "'manager_id': в пропущенных звонках нет такой строки (получено {value}).",
    "a manager record must be a JSON object (got {value} of type {kind}).": "запись менеджера: ожидается объект JSON (получено {value} типа {kind}).",
    "{name} is not a field of a manager record (the fields are {fields}).": "{name} — не поле записи менеджера (поля: {fields}).",
    "'id' must be unique (got {value} again, first on line {first}).": "'id': ожидается уникальное значение ({value} повторяется, впервые в строке {first}).",
    # cards (--cards)
    "{field!r} is not a field of a card record (the fields are {fields}).": "{field!r} — не поле записи карточки (поля: {fields}).",
    # files
    "'path' must end in .csv, .json, .jsonl or .ndjson, or 'format' must be given (got {value}).": "'path': ожидается файл .csv, .json, .jsonl или .ndjson, иначе нужен 'format' (получено {value}).",
    "'path' must be a UTF-8 text file (got {value}: {reason}).": "'path': ожидается текстовый файл в UTF-8 (получено {value}: {reason}).",
    "'encoding' must be the file's: {file} is not {encoding} text ({reason}); give it (encoding=, --encoding).": "'encoding' должна быть кодировкой файла: {file} — не текст {encoding} ({reason}); укажите её (encoding=, --encoding).",
    "{file!r} is empty: the first line must be the header (got no lines).": "{file!r} пуст: первой строкой должен быть заголовок (строк нет).",
    "line 1: the header of {file!r} is not valid CSV ({reason}).": "строка 1: заголовок {file!r} не читается как CSV ({reason}).",
    "line 1: {column!r} is not a column of {file!r} (the columns are {columns}).": "строка 1: {column!r} — не столбец {file!r} (столбцы: {columns}).",
    "line 1: {column!r} is not a column of {file!r} (the columns are {columns}, or a spreadsheet's headers: docs/spreadsheets.md).": "строка 1: {column!r} — не столбец {file!r} (столбцы: {columns} или заголовки таблицы: docs/spreadsheets.md).",
    "line 1: the column {column!r} of {file!r} must appear once (got it twice).": "строка 1: столбец {column!r} в {file!r} должен быть один (он повторяется).",
    "line 1: the column {column!r} is required in {file!r} (got {value}).": "строка 1: в {file!r} нужен столбец {column!r} (получено {value}).",
    "line 1: the column 'started_at' (or 'created_at') is required in {file!r} (got {value}).": "строка 1: в {file!r} нужен столбец 'started_at' (или 'created_at') (получено {value}).",
    "line {line}: {file!r} must hold {expected} (got {value}).": "строка {line}: {file!r}: {expected} (получено {value}).",
    "line {line}: {file!r} must hold {expected} (got 'the end of the file').": "строка {line}: {file!r}: {expected}, а файл закончился.",
    "line {line}: {file!r} is not valid JSON: {reason}.": "строка {line}: в {file!r} некорректный JSON: {reason}.",
    "not valid CSV ({reason}).": "запись не читается как CSV ({reason}).",
    "not valid JSON: {reason} (column {column}).": "некорректный JSON: {reason} (столбец {column}).",
    "not valid JSON: nested too deeply.": "некорректный JSON: слишком глубокая вложенность.",
    "the record has {cells} cells, the header {width}.": "ячеек в записи: {cells}, а в заголовке: {width}.",
    # PBX records (--input-format asterisk, freepbx, freeswitch, 3cx)
    "the line cannot be read as CSV: {reason}.": "строка не читается как CSV: {reason}.",
    "a cdr_csv row has 16 to 21 columns (got {count}): the columns of cdr_csv.c, see docs/pbx.md.": "в строке cdr_csv от 16 до 21 столбца (получено {count}): столбцы cdr_csv.c, см. docs/pbx.md.",
    "a FreePBX cdr file must start with its header: {error}": "файл cdr FreePBX должен начинаться с заголовка: {error}",
    "a FreePBX cdr file must have the columns {columns} in its header (missing {missing}; got {names}).": "в заголовке файла cdr FreePBX должны быть столбцы {columns} (нет: {missing}; получено: {names}).",
    "the row has {count} columns, the header {width}.": "столбцов в строке: {count}, а в заголовке: {width}.",
    "'template' must have the variables {variables} (missing {missing}; got {value}).": "'template': нужны переменные {variables} (нет: {missing}; получено {value}).",
    "the row has {count} columns, the template {width} ({columns}).": "столбцов в строке: {count}, а в шаблоне: {width} ({columns}).",
    "'tz' is required to read {format} records: their times carry no UTC offset (give the PBX's timezone, e.g. tz='Europe/Berlin', or usegmtime=True).": "'tz' обязателен для записей {format}: их время записано без смещения от UTC (укажите часовой пояс АТС, например tz='Europe/Berlin', или usegmtime=True).",
    "'fields' must have {fields} and historyid or callid (missing {missing}; got {names}).": "'fields': нужны {fields} и historyid или callid (нет: {missing}; получено: {names}).",
    "a 3CX record of these fields has {low} to {high} values (got {count}): give the CDR configuration's fields with fields=.": "в записи 3CX с этими полями от {low} до {high} значений (получено {count}): укажите поля из настроек CDR в fields=.",
    # tariffs (R23)
    "The calls report is not available on the tariff {tariff} (it is on {upgrade}); the calls can be seen in the events list (Analytics → Events list, filter 'incoming call' / 'outgoing call'): use events_list().": "Отчёт по звонкам недоступен на тарифе {tariff} (он есть на тарифах {upgrade}); звонки видны в списке событий («Аналитика» — «Список событий», фильтр «входящий звонок» / «исходящий звонок»): используйте events_list().",
    "The feature {name} is not available on the tariff {tariff}.": "Функция {name} недоступна на тарифе {tariff}.",
}
"""The Russian of each English template of an error message (keys: the English templates)."""

_PHRASES_RU: Final[dict[str, str]] = {
    # what a value should be (type errors: "'f' must be <phrase>"); a value error's
    # "be <phrase>" is written as the phrase when it has no entry of its own
    "'call_in' or 'call_out'": "ожидается 'call_in' или 'call_out'",
    "(key, value) pairs": "ожидаются пары (key, value)",
    "(start, end) pairs": "ожидаются пары (start, end)",
    "Call objects or a data frame": "ожидаются объекты Call или таблица данных",
    "Card objects or a data frame": "ожидаются объекты Card или таблица данных",
    "Figures": "ожидается Figures",
    "a BusinessHours": "ожидается BusinessHours",
    "a BusinessHours or None": "ожидается BusinessHours или None",
    "a Call": "ожидается Call",
    "a Call or an id": "ожидается Call или id звонка",
    "a CallStatus, an int 1..7 or None": "ожидается CallStatus, целое число 1..7 или None",
    "a CallsReport": "ожидается CallsReport",
    "a Dask DataFrame or a Dask Bag of Call objects": "ожидается Dask DataFrame или Dask Bag объектов Call",
    "a Filter or None": "ожидается Filter или None",
    "a JSON object": "ожидается объект JSON",
    "a Period": "ожидается Period",
    "a Routing": "ожидается Routing",
    "a Tally": "ожидается Tally",
    "a bool": "ожидается логическое значение (True или False)",
    "a callable Call -> bool, or None": "ожидается функция Call -> bool или None",
    "a callable str -> str": "ожидается функция str -> str",
    "a datetime.time or an 'HH:MM' string": "ожидается datetime.time или строка 'ЧЧ:ММ'",
    "a float or None": "ожидается число float или None",
    "a mapping of column names to call fields": "ожидается словарь «имя столбца → поле звонка»",
    "a mapping of extension to manager id": "ожидается словарь «внутренний номер → id менеджера»",
    "a mapping of keys to Figures": "ожидается словарь «ключ → Figures»",
    "a mapping of weekdays (0 is Monday) to intervals": "ожидается словарь «день недели (0 — понедельник) → интервалы»",
    "a mapping or None": "ожидается словарь или None",
    "a mapping or a sequence of field names": "ожидается словарь или последовательность имён полей",
    "a mapping or a sequence of values": "ожидается словарь или последовательность значений",
    "a mapping with str keys": "ожидается словарь со строковыми ключами",
    "a mapping {their key: field} for records that are mappings": "ожидается словарь {ключ записи: поле} для записей-словарей",
    "a number or a string": "ожидается число или строка",
    "a path or a file open for reading": "ожидается путь или файл, открытый для чтения",
    "a str": "ожидается строка",
    "a str or None": "ожидается строка или None",
    "a str or a list of str": "ожидается строка или список строк",
    "a str or an iterable of str": "ожидается строка или набор строк",
    "a str such as 'utf-8' or 'cp1251'": "ожидается строка, например 'utf-8' или 'cp1251'",
    "a string": "ожидается строка",
    "a text stream (an open file, io.StringIO) or lines of text": "ожидается текстовый поток (открытый файл, io.StringIO) или строки текста",
    "a timedelta": "ожидается timedelta",
    "a timedelta or None": "ожидается timedelta или None",
    "a timezone-aware datetime": "ожидается datetime с часовым поясом",
    "a whole number (int)": "ожидается целое число (int)",
    "a whole number of seconds (int)": "ожидается целое число секунд (int)",
    "an ISO 8601 date and time with a UTC offset": "ожидаются дата и время ISO 8601 со смещением от UTC",
    "an int": "ожидается целое число",
    "an int or None": "ожидается целое число или None",
    "an int or a str": "ожидается целое число или строка",
    "an int, a str or None": "ожидается целое число, строка или None",
    "an iterable of {item}": "ожидается набор объектов {item}",
    "dates (not datetimes)": "ожидаются даты (date, не datetime)",
    "form-encoded text, a mapping or (key, value) pairs": "ожидается текст формы (form-urlencoded), словарь или пары (key, value)",
    "one of {choices}": "ожидается одно из значений: {choices}",
    "text (numbers separated by ';') or a list": "ожидается текст (номера через ';') или список",
    # what a value must do (value errors: "'f' must <phrase>")
    "be 'count' or 'duration'": "ожидается 'count' или 'duration'",
    "be 'line' or 'bar'": "ожидается 'line' или 'bar'",
    "be 'total' or 'manager'": "ожидается 'total' или 'manager'",
    "be 0..23": "ожидается число от 0 до 23",
    "be 0..6 (0 is Monday)": "ожидается число от 0 до 6 (0 — понедельник)",
    "be 10 (an incoming call) or 11 (an outgoing call): the note is not a call": "ожидается 10 (входящий звонок) или 11 (исходящий звонок): это примечание не о звонке",
    "be 26.11.2026 12:00:05 or an ISO 8601 date and time with a UTC offset": "ожидаются дата и время вида 26.11.2026 12:00:05 или ISO 8601 со смещением от UTC",
    "be >= {minimum}": "ожидается значение ≥ {minimum}",
    "be JSON with the call's UNIQ, DURATION, SRC, LINK and PHONE": "ожидается JSON с полями звонка UNIQ, DURATION, SRC, LINK и PHONE",
    "be None for a Dask Bag of calls": "для Dask Bag звонков ожидается None",
    "be None unless 'calls' is a data frame": "ожидается None, если 'calls' не таблица данных",
    "be UTF-8 form-encoded text": "ожидается текст формы (form-urlencoded) в UTF-8",
    "be Unicode text, without a lone surrogate": "ожидается текст Unicode без одиночных суррогатов",
    "be a Unix time in seconds": "ожидается время Unix в секундах",
    "be a call status code 1..7 or None": "ожидается код статуса звонка 1..7 или None",
    "be a date YYYY-MM-DD": "ожидается дата ГГГГ-ММ-ДД",
    "be a date and time YYYY-MM-DD HH:MM:SS": "ожидаются дата и время ГГГГ-ММ-ДД ЧЧ:ММ:СС",
    "be a file, not a directory": "ожидается файл, а не каталог",
    "be a hangup cause such as NORMAL_CLEARING": "ожидается причина завершения, например NORMAL_CLEARING",
    "be a known encoding such as 'cp1251'": "ожидается известная кодировка, например 'cp1251'",
    "be a non-empty string": "ожидается непустая строка",
    "be a note webhook: form fields such as leads[note][0][note][note_type]": "ожидается вебхук примечания: поля формы вида leads[note][0][note][note_type]",
    "be a path without a NUL character": "ожидается путь без символа NUL",
    "be a time 'HH:MM' or 'HH:MM:SS'": "ожидается время 'ЧЧ:ММ' или 'ЧЧ:ММ:СС'",
    "be a wall-clock time without a timezone": "ожидается время по часам, без часового пояса",
    "be a whole number": "ожидается целое число",
    "be a whole number of seconds": "ожидается целое число секунд",
    "be a whole number of seconds >= 0": "ожидается целое число секунд ≥ 0",
    "be a whole number of seconds or HH:MM:SS": "ожидается целое число секунд или ЧЧ:ММ:СС",
    "be an instant between years 1 and 9999 in UTC": "ожидается момент между 1 и 9999 годом по UTC",
    "be an int >= 0": "ожидается целое число ≥ 0",
    "be counted by manager only on Dask (compute it first for this analysis)": "на Dask считается только по менеджерам (для этого анализа сначала вычислите данные)",
    "be given once": "допускается только одно значение",
    "be keyed by weekdays 0..6 (0 is Monday)": "ожидаются ключи — дни недели 0..6 (0 — понедельник)",
    "be nested less deeply": "ожидается меньшая вложенность",
    "be set": "значение обязательно",
    "be the call's id": "ожидается id звонка",
    "be the leg's uuid, not empty": "ожидается непустой uuid плеча",
    "be timezone-aware (naive datetimes are ambiguous)": "ожидается время с часовым поясом (время без пояса неоднозначно)",
    "be true or false": "ожидается true или false (да или нет)",
    "have a UTC offset": "ожидается время со смещением от UTC",
    "have a UTC offset, e.g. 2026-11-02T09:30:00+03:00, or be read with the account's timezone (tz=, --tz): a time without one names no instant": "ожидается время со смещением от UTC, например 2026-11-02T09:30:00+03:00, или чтение в часовом поясе аккаунта (tz=, --tz): время без смещения не задаёт момент",
    "have a tzinfo whose utcoffset() is a timedelta within a day": "ожидается tzinfo, чей utcoffset() — timedelta в пределах суток",
    "have at most {digits} digits": "ожидается не больше {digits} цифр",
    "have {count} forms separated by '|' in {lang} ({categories})": "ожидаются формы через '|', для {lang} их {count} ({categories})",
    "hold distinct names other than 'manager'": "ожидаются разные имена, кроме 'manager'",
    "hold intervals that do not overlap": "интервалы не должны пересекаться",
    "hold intervals whose start is before their end": "начало интервала должно быть раньше конца",
    "hold numbers of at most {digits} digits": "числа должны быть не длиннее {digits} цифр",
    "a zoneinfo key (str) or a tzinfo": "ожидается ключ zoneinfo (str) или tzinfo",
    "a whole number": "ожидается целое число",
    "be a known zoneinfo key such as 'Europe/Moscow'": "ожидается известный часовой пояс, например 'Europe/Moscow'",
    "be an ISO 8601 date and time": "ожидаются дата и время ISO 8601",
    "leave the period within the years 1..9999 that datetime holds, in {zone}": "период должен укладываться в годы 1..9999, доступные datetime, в поясе {zone}",
    "not hold a NUL character": "путь не должен содержать символ NUL",
    "a mapping": "ожидается словарь (объект JSON)",
    "be 'sip': only a call can be read as a call": "ожидается 'sip': звонком можно прочитать только звонок",
    "be a non-empty string: it is the call's id": "ожидается непустая строка: это id звонка",
    "be an option of the {kind} format (it takes none)": "у формата {kind} нет параметров",
    "hold contacts, companies": "допустимы contacts, companies",
    "be an option of the {kind} format ({options})": "ожидается один из параметров формата {kind}: {options}",
    "hold inbound, outbound (or incoming, outgoing)": "допустимы inbound, outbound (или incoming, outgoing)",
    "hold call status codes 1..7 or names {names}": "допустимы коды статуса звонка 1..7 или названия {names}",
    # what a file must hold where its JSON stops (``line 3: 'calls.json' must hold …``)
    "a JSON list of records": "ожидается список записей JSON",
    "',' or ']' after a record": "после записи ожидается ',' или ']'",
    "nothing after the list": "после списка ничего не должно быть",
    "nothing more": "дальше ничего не должно быть",
    # why a file cannot be read: the words of Python's json, csv and codecs
    "a record nested too deeply": "слишком глубокая вложенность записи",
    "nested too deeply": "слишком глубокая вложенность",
    "Expecting value": "ожидается значение",
    "Expecting property name enclosed in double quotes": "ожидается имя поля в двойных кавычках",
    "Expecting ',' delimiter": "ожидается разделитель ','",
    "Expecting ':' delimiter": "ожидается разделитель ':'",
    "Unterminated string starting at": "незакрытая строка",
    "Invalid control character at": "недопустимый управляющий символ",
    "Invalid \\escape": "недопустимая escape-последовательность",
    "Invalid \\uXXXX escape": "недопустимая escape-последовательность \\uXXXX",
    "Extra data": "лишние данные после значения",
    "invalid start byte": "недопустимый начальный байт",
    "invalid continuation byte": "недопустимый байт продолжения",
    "unexpected end of data": "неожиданный конец данных",
    "ordinal not in range(128)": "в нём есть символы вне ASCII",
    "line contains NUL": "в строке есть символ NUL",
    "field larger than field limit ({limit})": "поле длиннее предела ({limit})",
    # what needs an optional package (MissingExtraError)
    "A report of a Dask collection": "Отчёт по коллекции Dask",
    "A report of a data frame": "Отчёт по таблице данных",
    "plot()": "plot()",
    "to_pandas()": "to_pandas()",
}
"""The Russian of each English phrase of a message: ``{name}`` stands for a part kept as it
is (a number, the values allowed)."""


def _pattern(phrase: str) -> re.Pattern[str]:
    """A regular expression that matches *phrase* with any text in each ``{placeholder}``."""
    parts = re.split(r"\{(\w+)\}", phrase)
    return re.compile(
        "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+)" for i, p in enumerate(parts))
    )


_PATTERNS_RU: Final = tuple(
    (_pattern(english), russian)
    for english, russian in _PHRASES_RU.items()
    if re.search(r"\{\w+\}", english)
)


def error_phrase(phrase: str, lang: str) -> str | None:
    """The phrase *phrase* of a message in *lang*, or ``None`` when it has no translation.

    A value error's ``"be X"`` is the phrase ``X`` when it has no entry of its own (``'f' must
    be one of …`` says what a type error's ``'f' must be one of …`` says).

    >>> error_phrase("be >= 0", "ru"), error_phrase("be one of 'a', 'b'", "ru")
    ('ожидается значение ≥ 0', "ожидается одно из значений: 'a', 'b'")
    >>> error_phrase("be >= 0", "en"), error_phrase("be purple", "ru")
    ('be >= 0', None)
    """
    if check_lang(lang) == "en":
        return phrase
    found = _PHRASES_RU.get(phrase)
    if found is not None:
        return found
    for pattern, russian in _PATTERNS_RU:
        match = pattern.fullmatch(phrase)
        if match is not None:
            return russian.format(**match.groupdict())
    if phrase.startswith("be "):
        return error_phrase(phrase.removeprefix("be "), lang)
    return None


def error_text(error: BaseException, lang: str) -> str:
    """The message of *error* in *lang*; ``str(error)`` when there is no translation.

    An error of the library is written from the parts it keeps (its template and what fills
    it); one made of several problems (a record's) is each problem's text, joined. A file
    that cannot be opened or read (:class:`OSError`, :class:`UnicodeDecodeError`) is named
    with what went wrong.

    >>> from callanalytics._kit.checks import whole
    >>> try:
    ...     whole(-5, "duration", minimum=0)
    ... except ValueError as error:
    ...     print(error_text(error, "ru"))
    ...     print(error_text(error, "en"))
    'duration': ожидается значение ≥ 0 (получено -5).
    'duration' must be >= 0 (got -5).
    """
    if check_lang(lang) == "en":
        return str(error)
    if isinstance(error, CallAnalyticsError):
        return _library_error(error, lang) or str(error)
    if isinstance(error, OSError):
        return _os_error(error)
    if isinstance(error, UnicodeDecodeError):
        return f"файл не в кодировке {error.encoding}: {error_phrase(error.reason, lang) or error.reason}"
    return str(error)


def _library_error(error: CallAnalyticsError, lang: str) -> str | None:
    if error.problems:
        parts = [_library_error(problem, lang) for problem in error.problems]
        return " ".join(part or str(p) for part, p in zip(parts, error.problems, strict=True))
    template = None if error.template is None else _ERRORS_RU.get(error.template)
    if template is None:
        return None
    values: dict[str, str] = {}
    for name, value in error.params.items():
        if isinstance(value, CallAnalyticsError):
            values[name] = error_text(value, lang)
        elif name in checks.PHRASES:
            phrase = error_phrase(value, lang)
            if phrase is None:
                return None
            values[name] = phrase
        else:
            values[name] = value
    return template.format(**values)


_OS_ERRORS_RU: Final = {
    errno.ENOENT: "файл не найден",
    errno.EACCES: "нет доступа к файлу",
    errno.EPERM: "нет доступа к файлу",
    errno.EISDIR: "это каталог, а не файл",
    errno.ENOTDIR: "в пути есть файл вместо каталога",
    errno.ENAMETOOLONG: "слишком длинное имя файла",
    errno.ELOOP: "в пути слишком много символических ссылок",
}
"""What went wrong opening a file, by ``errno``."""


def _os_error(error: OSError) -> str:
    """An :class:`OSError` in Russian: what went wrong and the file, as the user named it."""
    what = _OS_ERRORS_RU.get(error.errno or 0)
    if what is None:
        what = f"ошибка чтения файла ({error.strerror or error})"
    if error.filename is None:
        return what
    return f"{what}: {os.fsdecode(error.filename)}"
