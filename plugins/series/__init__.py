"""Series: posts with the same `Series` header form a numbered sequence."""

from .plugin import register

__all__ = ["register"]
