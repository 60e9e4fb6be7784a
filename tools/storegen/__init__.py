"""Generators for itsmctl stores: the hand-written-looking sample ``records/`` and
synthetic stores of any size for benchmarks.

Everything here is deterministic for a given seed, writes YAML as text (never by
dumping dicts), and is kept out of the installed package: it is a developer tool.
"""
