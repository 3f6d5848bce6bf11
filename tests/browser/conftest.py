"""The browser fixtures (browsing.py) for every test module in this folder."""

from browsing import browser, server  # noqa: F401  (pytest fixtures)
