"""The benchmarks of callanalytics: ``python -m benchmarks`` (see ``docs/performance.md``)."""
