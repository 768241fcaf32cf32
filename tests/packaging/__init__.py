"""Packaging tests: the PyInstaller bundle and the first-run enrolment wizard."""
