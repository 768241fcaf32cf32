"""Names vulture cannot see as used: framework callbacks, ORM/schema fields, routes, fields read by name.

Run: vulture desktop ui backend tests/vulture_whitelist.py --min-confidence 60 --exclude "*/migrations/versions/*"
This file is never imported; each line marks one name as used. Everything else vulture reports is dead code
(code only tests call counts as dead: tests/ is not scanned).
"""

from typing import Any

_: Any = None

# --- Qt virtual overrides: Qt calls them, no Python code does ------------------------------------------------
_.eventFilter  # QObject.eventFilter (ui/idle.py, ui/launcher.py, ui/scanner.py)
_.rowCount  # QAbstractTableModel (ui/models.py)
_.columnCount  # QAbstractTableModel (ui/models.py)
_.headerData  # QAbstractTableModel (ui/models.py)
_.isComplete  # QWizardPage (ui/enrol_wizard.py)
_.validatePage  # QWizardPage (ui/enrol_wizard.py)
_.initializePage  # QWizardPage (ui/enrol_wizard.py)
_.keyPressEvent  # QWidget (ui/hardware/scanner_wizard.py)
_.focusNextPrevChild  # QWidget: keeps Tab inside the scanner test field (ui/hardware/scanner_wizard.py)

# --- other libraries' callbacks and attributes ----------------------------------------------------------------
_._init  # python-barcode BaseWriter hook (desktop/labels/barcodes.py)
_._paint_module  # python-barcode BaseWriter hook (desktop/labels/barcodes.py)
_.process_bind_param  # SQLAlchemy TypeDecorator (protocol/coltypes.py)
_.process_result_value  # SQLAlchemy TypeDecorator (protocol/coltypes.py)
_.impl  # SQLAlchemy TypeDecorator class attribute (protocol/coltypes.py)
_.cache_ok  # SQLAlchemy TypeDecorator class attribute (protocol/coltypes.py)
_.type_annotation_map  # SQLAlchemy DeclarativeBase setting (desktop/db/models.py, backend/db.py)
_.total_tokens  # anyio CapacityLimiter: the request threads of an API process (backend/app.py _limit_request_threads)
_.text_factory  # sqlite3.Connection setting: how TEXT is read (desktop/db/integrity.py, desktop/db/salvage.py)
_.isolation_level  # sqlite3.Connection: the engine issues BEGIN itself (desktop/db/engine.py, backend/db.py)
_.should_exit  # uvicorn.Server: asks the embedded server to stop (backend/embedded.py)
_.msg  # logging.LogRecord: the redacting filter rewrites the message (desktop/logs.py)

# --- FastAPI routes: registered by their decorators --------------------------------------------------------------
_.revoke_device  # backend/api.py
_.cancel_order  # backend/api.py
_.prune_changes  # backend/api.py
_.post_events  # backend/api.py
_.get_changes  # backend/api.py
_.get_snapshot  # backend/api.py
_.smsru_callback  # backend/sms/callbacks.py
_.smsc_callback  # backend/sms/callbacks.py
_.post_journal_head  # backend/journal_anchor.py
_.update_policy  # backend/rollout_api.py
_.list_rollouts  # backend/rollout_api.py
_.stop_rollout  # backend/rollout_api.py
_.rollouts  # backend/rollout_api.py RolloutsOut
_.prefile  # backend/claims_api.py
_.service_result  # backend/claims_api.py
_.read_claim  # backend/claims_api.py
_.import_route  # backend/money_api.py
_.block_route  # backend/money_api.py
_.customer_return_route  # backend/money_api.py
_._consistent  # pydantic model_validator (backend/schemas.py JournalHeadIn)
_.show_tab  # ManagerPage: make a console tab current (ui/pages/manager/console_page.py)

# --- backend event rules: registered by @rule(EventType) and looked up by event type (backend/rules/) ---------
_.box_received
_.scan_undone
_.receiving_closed
_.box_damaged
_.box_placed
_.storage_extended
_.sms_requested
_.handover_completed
_.bonus_accrual
_.card_activated
_.bonus_redeemed  # backend/rules/money.py
_.certificate_sold  # backend/rules/certificates.py
_.certificate_redeemed  # backend/rules/certificates.py
_.box_returned
_.claim_accepted  # backend/rules/claims.py
_.service_opened
_.claim_dispatched
_.service_closed

# --- SQLAlchemy columns written and stored, not read back in Python (desktop/db/models.py, backend/models.py) ---
_.last_seen_at
_.cancelled_at
_.returned_at
_.received_at
_.received_by
_.activation_event_id
_.issued_at
_.done_at
_.phone_confirmed
_.handover_id
_.requested_by
_.resolved_by
_.pushed_at
_.dispatched_at  # claims.dispatched_at: when the item left for service (backend/models.py)
_.started_at  # handovers.started_at: when the clerk opened the handover (kept for the record)
_.sold_point_id  # gift_certificates: where and when it was sold, by which event (backend/money_models.py)
_.sale_event_id
_.sold_at

# --- pydantic response fields and event payload fields: serialised, read by the other side ----------------------
_.imported  # backend/schemas.py ImportOut
_.bonus_entries  # backend/schemas.py SnapshotOut (money)
_.certificate_entries
_.points_reversed  # backend/schemas.py CustomerReturnOut
_.money_order  # protocol/demo_data.py DemoSecrets: the demo customer's order, read by the demo walk and tests
_.by  # protocol/events.py OrderUnlocked (the server records who unlocked)

# --- dataclass fields read by name: ScanPatterns via getattr(patterns, kind.value) (desktop/scan_routing.py) ----
_.club_card
_.staff_badge
_.pickup_token
_.pickup_code
_.waybill

# --- the shell's handles the GUI tests use to reach pages and the hardware menu (ui/main_window.py) -------------
_.page_named
_.hardware
_.visible_pages  # the pages the signed-in clerk may open (GUI tests walk them)

# --- urllib3 Retry hooks overridden in desktop/sync/client.py (CappedRetry: back-off sleeps a close cuts short) ---
_.sleep_for_retry
_._sleep_backoff

# --- called by the PyInstaller spec (packaging/pickup_desk.spec is not Python vulture scans) ----------------------
_.render_build_info  # desktop/version.py: the spec writes the bundle's pickup_desk_build_info module with it
_.code_matches  # protocol/pickup_code.py: the plain (unpeppered) check, used by the demo-data and code tests

# --- updates (desktop/update): packaging/release.py (not scanned) stamps bundles; tufup's client takes our fetcher --
_.write_stamp  # desktop/update/stamp.py: the release tool writes the version and the public root into the bundle
_._fetcher  # desktop/update/checker.py: tufup's Client has no fetcher argument; its TLS session gets the CA bundle

# --- fiscal wire values of ATOL's documented API, the fake register's http.server callbacks, event wire fields ---
_.INTERRUPTED  # ATOL task states and enum values of the documented API (wire values)
_.CANCELED
_.CREDIT
_.OTHER
_.FULL_PREPAYMENT
_.SERVICE
_.printed_at  # FiscalReceiptView: when the register printed it (the register's own time)
_.log_message  # http.server.BaseHTTPRequestHandler callbacks (desktop/fiscal/fake_atol.py)
_.do_POST
_.do_GET
_.__import__  # ui/launcher.py without_pyside_feature_hook: the interpreter's own import put back in builtins
_.close_connection
_.init_processes  # backend/processes.py ConnectionDispatcher: uvicorn's Multiprocess.run calls it, and
_.keep_subprocess_alive  # these (run's loop; SIGHUP, SIGTTIN, SIGTTOU through handle_signals by the signal's name)
_.restart_all
_.handle_ttin
_.handle_ttou
_.redemption  # protocol/events.py BonusRedeemed / CertificateRedeemed: the redemption's uid on the wire

# --- the page classes, imported by name from the registry when first built (ui/pages/__init__.py PAGE_CLASSES) ----
_.ClubPage
_.PlacementPage
_.ReceivingPage
_.SyncPage
