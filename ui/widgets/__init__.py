"""Reusable widgets: counter tiles, big value labels, tables."""
