"""The matching benchmark: medalist's matcher against Splink 5 on labelled data.

Run ``python -m benchmarks.matching`` (accuracy and time on the historical-persons set and on
FEBRL 4) or ``python -m benchmarks.matching --scale`` (time and peak memory at 10k, 100k and
1M stored candidates). Needs the ``[bench]`` extra; product code never imports this package.
"""
