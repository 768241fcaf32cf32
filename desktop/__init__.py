"""Pickup Desk core: domain rules, local cache, services and sync; never imports Qt."""

__version__ = "0.1.0"
