"""What counter and server share: event types, domain values, states and rules; imports neither side."""
