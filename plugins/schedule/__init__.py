"""Publication states: published, draft, hidden or scheduled."""

from .plugin import register

__all__ = ["register"]
