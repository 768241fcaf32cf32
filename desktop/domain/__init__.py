"""Pure domain rules: order state machine, money, codes; no database, no I/O."""
