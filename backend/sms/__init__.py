"""SMS on the backend: outbox rows, Russian templates, gateway adapters and the dispatcher."""
