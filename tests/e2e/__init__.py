"""End-to-end tests: the real app in its own process under Xvfb, typed into with xdotool like a wedge scanner."""
