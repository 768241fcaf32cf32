"""Offline-first sync with the central backend: HTTP client, push/pull engine, background runner."""
