"""A loopback fake of ATOL driver v10's web server for tests and the demo: the documented requests API with a
register's state behind it.

`POST /api/v2/requests` `{"uuid", "request": [task, …]}` → 201 (runs the tasks at once), 409 for a uuid already
queued, 400 for a malformed body; `GET /api/v2/requests/{uuid}` → 200 `{"results": [{"status", "errorCode",
"errorDescription", "result"}]}` or 404. Switches: `paper`, `device_online`, `busy`, `shift` (closed/opened/
expired), `lose_next_reply` (the next request that prints a document is run, printed, but its reply is lost),
`in_progress_polls` (results read `inProgress` that many times first). `tape` holds every printed document's text.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from desktop.fiscal import slip, words
from desktop.fiscal.errors import DENIED_IN_CLOSED_SHIFT, DENIED_IN_OPENED_SHIFT, NO_PAPER
from desktop.fiscal.model import DEFAULT_URL, ReceiptStatus

FN_NUMBER = "9999078900012345"
NO_CONNECTION, BUSY, SHIFT_EXPIRED, INCORRECT_DATA = 2, 55, 68, 5  # libfptr10 error codes
RECEIPT_TYPES = ("sell", "sellReturn")
Outcome = tuple[int, dict[str, Any] | None]  # driver error code (0 = none), result


class FakeRegister:
    """The register's state and the tasks it runs (one lock: the web server's handler threads share it)."""

    def __init__(self, clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.clock = clock
        self.lock = threading.Lock()
        self.paper = True
        self.device_online = True
        self.busy = False
        self.shift = "closed"
        self.shift_number = 0
        self.document_number = 0
        self.receipts_in_shift = 0
        self.lose_next_reply = False
        self.in_progress_polls = 0
        self.requests: dict[str, list[dict[str, Any]]] = {}
        self.polls: dict[str, int] = {}
        self.posted: list[str] = []  # the uuid of every POST received, duplicates included
        self.lost: set[str] = set()  # requests whose reply is never sent (printed, then the line dropped)
        self.tape: list[str] = []  # every printed document's text, in order

    def printed(self, kind: str) -> list[str]:
        """The tape's documents of one task type (`sell`, `closeShift` …)."""
        title = words.TITLES[kind]
        return [text for text in self.tape if title in text]

    def queue(self, uuid: str, tasks: list[dict[str, Any]]) -> bool:
        """Run a request's tasks; False when the uuid is already known (the server answers 409)."""
        with self.lock:
            self.posted.append(uuid)
            if uuid in self.requests:
                return False
            printed = len(self.tape)
            self.requests[uuid] = self._run_all(tasks)
            self.polls[uuid] = self.in_progress_polls
            if self.lose_next_reply and len(self.tape) > printed:
                self.lose_next_reply = False
                self.lost.add(uuid)
            return True

    def results(self, uuid: str) -> list[dict[str, Any]] | None:
        with self.lock:
            if uuid not in self.requests:
                return None
            if self.polls.get(uuid, 0) > 0:
                self.polls[uuid] -= 1
                return [{"status": "inProgress", "errorCode": 0, "errorDescription": "", "result": None}]
            return self.requests[uuid]

    def _run_all(self, tasks: list[dict[str, Any]]) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        failed = False
        for task in tasks:
            if failed:
                out.append({"status": "interrupted", "errorCode": 0, "errorDescription": "", "result": None})
                continue
            code, result = self._run(task)
            failed = code != 0
            out.append({"status": "error" if failed else "ready", "errorCode": code,
                        "errorDescription": words.DRIVER_ERRORS.get(code, str(code)), "result": result})
        return out

    def _run(self, task: dict[str, Any]) -> Outcome:
        kind = task.get("type")
        if not self.device_online:
            return NO_CONNECTION, None
        if kind == "getShiftStatus":
            return 0, {"shiftStatus": {"state": self.shift, "number": self.shift_number,
                                       "expiredTime": (self.clock() + timedelta(hours=24)).isoformat()}}
        if kind == "getDeviceStatus":
            return 0, {"deviceStatus": {"paperPresent": self.paper, "coverOpened": False, "blocked": self.busy,
                                        "currentDateTime": self.clock().isoformat(), "shift": self.shift}}
        refusal = self._refusal(kind)
        if refusal:
            return refusal, None
        if kind in RECEIPT_TYPES:
            return self._receipt(task)
        if kind in ("openShift", "closeShift", "reportX"):
            return self._shift_document(task)
        return INCORRECT_DATA, None

    def _refusal(self, kind: Any) -> int:
        if self.busy:
            return BUSY
        if not self.paper:
            return NO_PAPER
        if kind in RECEIPT_TYPES and self.shift != "opened":
            return DENIED_IN_CLOSED_SHIFT if self.shift == "closed" else SHIFT_EXPIRED
        if kind == "openShift" and self.shift != "closed":
            return DENIED_IN_OPENED_SHIFT
        if kind == "closeShift" and self.shift == "closed":
            return DENIED_IN_CLOSED_SHIFT
        return 0

    def _receipt(self, task: dict[str, Any]) -> Outcome:
        positions = [i for i in task.get("items") or [] if i.get("type") == "position"]
        total = round(sum(float(i.get("amount", 0)) for i in positions), 2)
        paid = round(sum(float(p.get("sum", 0)) for p in task.get("payments") or []), 2)
        if not positions or paid < total or abs(total - float(task.get("total", total))) > 0.001:
            return INCORRECT_DATA, None
        self.receipts_in_shift += 1
        params = self._params() | {"fiscalReceiptNumber": self.receipts_in_shift, "total": total}
        self._print(task, params)
        return 0, {"fiscalParams": params, "warnings": None}

    def _shift_document(self, task: dict[str, Any]) -> Outcome:
        kind = task["type"]
        if kind == "openShift":
            self.shift, self.shift_number, self.receipts_in_shift = "opened", self.shift_number + 1, 0
        params = self._params()
        if kind == "closeShift":
            params["receiptsCount"] = self.receipts_in_shift
            self.shift = "closed"
        if kind == "reportX":
            params.pop("fiscalDocumentNumber")
            params.pop("fiscalDocumentSign")
            self.document_number -= 1  # an X report is not a fiscal document
        self._print(task, params)
        return 0, {"fiscalParams": params, "warnings": {"notPrinted": False}}

    def _params(self) -> dict[str, Any]:
        self.document_number += 1
        return {"fiscalDocumentDateTime": self.clock().astimezone(UTC).isoformat(timespec="seconds"),
                "fiscalDocumentNumber": self.document_number,
                "fiscalDocumentSign": str(1_000_000_000 + self.document_number * 7919),
                "fnNumber": FN_NUMBER, "registrationNumber": "0000000001002292", "shiftNumber": self.shift_number,
                "fnsUrl": "www.nalog.gov.ru"}

    def _print(self, task: dict[str, Any], params: dict[str, Any]) -> None:
        zone = UTC
        if task["type"] in RECEIPT_TYPES:
            text = slip.receipt_text(task, {"fiscalParams": params}, ReceiptStatus.DONE, [], None, zone)
        else:
            cashier = str((task.get("operator") or {}).get("name") or "")
            text = slip.report_text(task["type"], cashier, params, ReceiptStatus.DONE, [], None, zone, [])
        self.tape.append(text)


class _Handler(BaseHTTPRequestHandler):
    register: FakeRegister  # set on the subclass made per server

    def log_message(self, format: str, *args: Any) -> None:
        del format, args

    def do_POST(self) -> None:
        if self.path.rstrip("/") != "/api/v2/requests":
            return self._reply(404, {"error": "not found"})
        try:
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"null")
            uuid, tasks = body["uuid"], body["request"]
            if not isinstance(uuid, str) or not uuid or not isinstance(tasks, list):
                raise ValueError("bad request")
        except (ValueError, KeyError, TypeError):
            return self._reply(400, {"error": "bad request"})
        if not self.register.queue(uuid, tasks):
            return self._reply(409, {"error": "uuid already exists"})
        if uuid in self.register.lost:
            self.close_connection = True  # printed, but the reply never reaches the counter
            return None
        return self._reply(201, None)

    def do_GET(self) -> None:
        prefix = "/api/v2/requests/"
        found = self.register.results(self.path[len(prefix):]) if self.path.startswith(prefix) else None
        if found is None:
            return self._reply(404, {"error": "not found"})
        return self._reply(200, {"results": found})

    def _reply(self, status: int, body: Any) -> None:
        data = b"" if body is None else json.dumps(body, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class FakeAtolServer:
    """The fake web server on 127.0.0.1 (port 0: a free one) in a daemon thread; `url` for FiscalService."""

    def __init__(self, register: FakeRegister | None = None, port: int = 0) -> None:
        self.register = register or FakeRegister()
        handler = type("Handler", (_Handler,), {"register": self.register})
        self.server = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), name="fake-atol", daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> FakeAtolServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> FakeAtolServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def main(argv: list[str] | None = None, stop: threading.Event | None = None) -> None:
    """`python -m desktop.fiscal.fake_atol [--port N]`: the fake on the driver's port for a manual run of the app in
    mode atol; prints each document to stdout as the register would print it (until `stop` is set)."""
    import argparse

    stop = stop or threading.Event()
    parser = argparse.ArgumentParser(description="Loopback fake of ATOL driver v10's web server")
    parser.add_argument("--port", type=int, default=int(DEFAULT_URL.rsplit(":", 1)[1]))
    args = parser.parse_args(argv)
    with FakeAtolServer(port=args.port) as fake:
        print(f"fake ATOL web server on {fake.url}", flush=True)
        shown = 0
        while not stop.wait(0.1):
            printed = fake.register.tape[shown:]
            shown += len(printed)
            for text in printed:
                print(text + "\n", flush=True)


if __name__ == "__main__":
    main()
