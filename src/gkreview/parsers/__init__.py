"""Parsers, one module per format; chosen by content in :mod:`gkreview.parsers.detect`."""
