"""Server rules: how each device event changes the server's view (and which changes it publishes).

One module per rule family registers its rules with `@rule(EventType)`; importing this package loads them all.
"""

from backend.rules import boxes, certificates, claims, club, handover, money, sms
from backend.rules.base import APPLIED, RULES, Outcome, RuleContext, apply_event, has_rule, rejected

__all__ = ["APPLIED", "RULES", "Outcome", "RuleContext", "apply_event", "boxes", "certificates", "claims", "club",
           "handover", "has_rule", "money", "rejected", "sms"]
