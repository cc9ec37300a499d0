"""Hashtag campaigns: a page per hashtag, inline hashtags linked, share links."""

from .plugin import register

__all__ = ["register"]
