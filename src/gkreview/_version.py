"""The package version (its own module so that any module can import it without cycles)."""

__version__ = "0.1.0"
