"""Printed documents as data: discrepancy act, handover receipt, return act, shift report (HTML, Qt-free)."""
