"""callanalytics: the calls analytics report of a CRM, with every rule explained.

>>> import callanalytics as ca
>>> account = ca.sample_account(300, seed=1)
>>> report = ca.build_report(account.calls, account.managers, cards=account.cards,
...                          now=account.now)
>>> report.calls == report.included + sum(report.excluded.values())
True
"""

from ._aggregate.figures import ZERO, Figures
from ._aggregate.tally import Tally
from ._model.e164 import e164_key
from ._model.enums import CLIENT_CARDS, CallStatus, Direction, EntityType, Exclusion
from ._model.hms import ceil_average, format_hms, parse_hms
from ._model.hours import BusinessHours
from ._model.models import Call, Card, Id, Manager
from ._model.period import Period
from ._model.phone import PhoneKey, normalize_phone
from ._model.tariffs import (
    BASE,
    CALLS_REPORT,
    EVENTS_LIST,
    EXTENDED,
    PROFESSIONAL,
    TARIFFS,
    Tariff,
    is_available,
)
from ._rules.callbacks import ANSWERED_WITHIN, CALLBACK_WITHIN, is_answered
from ._rules.filter import Filter
from ._rules.matching import GRACE_WINDOW, Ambiguity, CardIndex, Matching, match_calls
from ._sources.amocrm import (
    call_from_api,
    call_from_note,
    call_from_unsorted,
    call_from_webhook_note,
    webhook_notes,
)
from ._sources.pbx import read_pbx
from ._sources.read import FileCallReader, read_calls
from ._sources.reading import CallReader, Internal, Merged, ReadCounts, Rejected
from ._sources.records import calls_from_records
from ._sources.sample import SAMPLE_NOW, SAMPLE_TZ, SampleAccount, iter_sample_calls, sample_account
from ._views.business import HoursSplit, split_hours
from ._views.compare import (
    Change,
    Comparison,
    ComparisonRow,
    Delta,
    Percent,
    compare,
    format_change,
)
from ._views.explain import Explanation, explain
from ._views.groups import GroupReport, GroupRow
from ._views.heatmap import HeatCell, Heatmap, heatmap
from ._views.live import LiveReport
from ._views.missed import Miss, MissedCalls, MissedFigures, MissedRow, missed_calls
from ._views.report import CallsReport, Chart, ChartBar, Row, build_report, events_list
from ._views.trend import Trend, trend
from .exceptions import (
    CallAnalyticsError,
    FeatureUnavailableError,
    InvalidTypeError,
    InvalidValueError,
    MissingExtraError,
    UnknownManagerError,
)

__version__ = "0.1.0.dev0"

__all__ = [
    "ANSWERED_WITHIN",
    "BASE",
    "CALLBACK_WITHIN",
    "CALLS_REPORT",
    "CLIENT_CARDS",
    "EVENTS_LIST",
    "EXTENDED",
    "GRACE_WINDOW",
    "PROFESSIONAL",
    "SAMPLE_NOW",
    "SAMPLE_TZ",
    "TARIFFS",
    "ZERO",
    "Ambiguity",
    "BusinessHours",
    "Call",
    "CallAnalyticsError",
    "CallReader",
    "CallStatus",
    "CallsReport",
    "Card",
    "CardIndex",
    "Change",
    "Chart",
    "ChartBar",
    "Comparison",
    "ComparisonRow",
    "Delta",
    "Direction",
    "EntityType",
    "Exclusion",
    "Explanation",
    "FeatureUnavailableError",
    "Figures",
    "FileCallReader",
    "Filter",
    "GroupReport",
    "GroupRow",
    "HeatCell",
    "Heatmap",
    "HoursSplit",
    "Id",
    "Internal",
    "InvalidTypeError",
    "InvalidValueError",
    "LiveReport",
    "Manager",
    "Matching",
    "Merged",
    "Miss",
    "MissedCalls",
    "MissedFigures",
    "MissedRow",
    "MissingExtraError",
    "Percent",
    "Period",
    "PhoneKey",
    "ReadCounts",
    "Rejected",
    "Row",
    "SampleAccount",
    "Tally",
    "Tariff",
    "Trend",
    "UnknownManagerError",
    "build_report",
    "call_from_api",
    "call_from_note",
    "call_from_unsorted",
    "call_from_webhook_note",
    "calls_from_records",
    "ceil_average",
    "compare",
    "e164_key",
    "events_list",
    "explain",
    "format_change",
    "format_hms",
    "heatmap",
    "is_answered",
    "is_available",
    "iter_sample_calls",
    "match_calls",
    "missed_calls",
    "normalize_phone",
    "parse_hms",
    "read_calls",
    "read_pbx",
    "sample_account",
    "split_hours",
    "trend",
    "webhook_notes",
]
