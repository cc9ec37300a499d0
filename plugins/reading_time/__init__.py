"""« 6 min de lecture »: reading time from the words of the rendered text."""

from .plugin import register

__all__ = ["register"]
