"""Local SQLite cache: typed models, engine with durable pragmas, Alembic migrations."""
