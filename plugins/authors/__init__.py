"""Author profiles from content/authors/, attached to every post."""

from .plugin import register

__all__ = ["register"]
