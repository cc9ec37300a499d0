"""Validation: every content problem reported at once, in French; no half-built site."""

from .build import VigiePelican
from .plugin import register

__all__ = ["VigiePelican", "register"]
