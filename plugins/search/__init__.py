"""Search: Pagefind indexes the built site at the end of every build."""

from .plugin import register

__all__ = ["register"]
