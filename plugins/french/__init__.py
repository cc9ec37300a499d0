"""French dates and counts for the templates, computed with Babel."""

from .plugin import register

__all__ = ["register"]
