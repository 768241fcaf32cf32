"""Reference central backend (FastAPI + SQLAlchemy): enrolment, event ingestion, change feed, pickup codes."""
