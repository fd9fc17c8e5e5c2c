"""callanalytics: the calls analytics report of a CRM, with every rule explained.

>>> import callanalytics as ca
>>> account = ca.sample_account(300, seed=1)
>>> report = ca.build_report(account.calls, account.managers, cards=account.cards,
...                          now=account.now)
>>> report.calls == report.included + sum(report.excluded.values())
True
"""

from ._amocrm import call_from_api, call_from_note, call_from_unsorted
from ._compare import Change, Comparison, ComparisonRow, Delta, Percent, compare, format_change
from ._explain import Explanation, explain
from ._filter import Filter
from ._hms import ceil_average, format_hms, parse_hms
from ._matching import GRACE_WINDOW, Ambiguity, CardIndex, Matching, match_calls
from ._models import Call, CallStatus, Card, Direction, EntityType, Exclusion, Id, Manager
from ._period import Period
from ._phone import PhoneKey, normalize_phone
from ._phone_e164 import e164_key
from ._report import CallsReport, Chart, ChartBar, Row, build_report, events_list
from ._sample import SAMPLE_NOW, SAMPLE_TZ, SampleAccount, iter_sample_calls, sample_account
from ._tally import ZERO, Figures, Tally
from ._tariffs import (
    BASE,
    CALLS_REPORT,
    EVENTS_LIST,
    EXTENDED,
    PROFESSIONAL,
    TARIFFS,
    Tariff,
    is_available,
)
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
    "BASE",
    "CALLS_REPORT",
    "EVENTS_LIST",
    "EXTENDED",
    "GRACE_WINDOW",
    "PROFESSIONAL",
    "SAMPLE_NOW",
    "SAMPLE_TZ",
    "TARIFFS",
    "ZERO",
    "Ambiguity",
    "Call",
    "CallAnalyticsError",
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
    "Filter",
    "Id",
    "InvalidTypeError",
    "InvalidValueError",
    "Manager",
    "Matching",
    "MissingExtraError",
    "Percent",
    "Period",
    "PhoneKey",
    "Row",
    "SampleAccount",
    "Tally",
    "Tariff",
    "UnknownManagerError",
    "build_report",
    "call_from_api",
    "call_from_note",
    "call_from_unsorted",
    "ceil_average",
    "compare",
    "e164_key",
    "events_list",
    "explain",
    "format_change",
    "format_hms",
    "is_available",
    "iter_sample_calls",
    "match_calls",
    "normalize_phone",
    "parse_hms",
    "sample_account",
]
