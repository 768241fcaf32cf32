"""Tests of the reference central backend."""
