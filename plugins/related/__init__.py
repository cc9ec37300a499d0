"""« À lire également »: the most related published posts under each post."""

from .plugin import register

__all__ = ["register"]
