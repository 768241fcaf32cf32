"""Shared test helpers: fake clock and row factories."""
