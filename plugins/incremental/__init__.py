"""Incremental builds: unchanged pages are not rendered again, unchanged files kept."""

from .plugin import register

__all__ = ["register"]
