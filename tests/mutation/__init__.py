"""The mutation lane: a seeded sample of mutants of the changed modules must score at least 90 %."""
