"""The seniority classifier against hand-labelled titles and career steps.

Run ``python -m benchmarks.titles``; see ``benchmarks/titles/README.md`` for how the data
was labelled.
"""
