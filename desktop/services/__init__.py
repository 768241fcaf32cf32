"""Services: one module per clerk workflow; every action is one transaction (domain rows + audit + outbox)."""
