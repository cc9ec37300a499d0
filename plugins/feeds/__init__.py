"""Feeds plugin: site, campaign, author and category feeds (RSS 2.0 and Atom 1.0)."""

from .plugin import register

__all__ = ["register"]
