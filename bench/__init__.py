"""Benchmarks: `make bench` (or `python -m bench --quick`) prints one line per figure,
each against a floor measured in the same run, and writes bench/results.json."""
