"""Moving around: previous and next posts, archives by month, breadcrumbs."""

from .plugin import register

__all__ = ["register"]
