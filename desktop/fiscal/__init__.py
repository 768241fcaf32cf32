"""Fiscal receipts (54-FZ) through the point's cash register: ATOL driver v10's web server, or no register.

Public API (MONEY_CONTRACT «Fiscal API»): FiscalMode, ReceiptLine, ReceiptDraft, FiscalReceiptView (model),
sell_draft / return_draft / settlement_draft / certificate_sale_draft (drafts), FiscalService (service),
FiscalError (errors), FakeAtolServer (fake_atol, tests and the demo). Qt-free.
"""
