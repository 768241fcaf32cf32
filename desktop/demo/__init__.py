"""Demo data for the embedded default and the headless demo."""
