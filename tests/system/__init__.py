"""System tests: two counter cores, the real backend on 127.0.0.1, the SMS gateway fakes and one clock, together."""
