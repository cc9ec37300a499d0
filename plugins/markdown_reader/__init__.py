"""Markdown reader: `Key: value` or YAML headers, one Markdown renderer."""

from .plugin import register

__all__ = ["register"]
