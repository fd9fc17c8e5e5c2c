"""Settings every test shares."""

from __future__ import annotations

from hypothesis import HealthCheck, settings

# Properties test what the code does, not how fast the machine generates examples: a loaded
# machine must not turn a correct run red. Speed is measured by the benchmarks instead.
settings.register_profile(
    "callanalytics", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("callanalytics")
