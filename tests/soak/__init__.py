"""Soak harnesses: long seeded runs that give numbers (kill -9 of a counter process, …)."""
