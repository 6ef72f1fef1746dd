"""Benchmarks that measure medalist's judgement against hand-labelled data (not shipped)."""
