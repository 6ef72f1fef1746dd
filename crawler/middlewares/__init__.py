"""Downloader middlewares of the crawler; ``crawler/settings.py`` lists them in order."""
