"""Benchmark suite: ``python -m tests.bench`` (not part of the test run; see README.md)."""
