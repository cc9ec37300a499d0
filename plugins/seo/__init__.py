"""Discovery and sharing: canonical links, sharing cards, JSON-LD, sitemap, robots."""

from .plugin import register

__all__ = ["register"]
