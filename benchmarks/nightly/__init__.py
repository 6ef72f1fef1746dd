"""The nightly benchmark: a full run, an unchanged second run and a killed-and-resumed run of
``medalist`` over a generated loopback site, with ``scrapy bench`` as the yardstick."""
