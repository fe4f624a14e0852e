"""Công cụ Cụm thi đua: load → validate → score → rank → history → render → publish."""

__version__ = "0.1.0"
