"""Publishing: redirects, security and cache headers, fingerprints, build record."""

from .plugin import register

__all__ = ["register"]
