"""The claim console commands (`pickup-desk-backend prefile-claim …`, `… claim-result …`) on the server database."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from backend.models import Claim
from tests.backend.claim_fixtures import PURCHASE, accepted, dispatched, read_claim, ready
from tests.backend.conftest import Server


def _claims(server: Server) -> int:
    with server.db.read() as session:
        return int(session.scalar(select(func.count()).select_from(Claim)) or 0)


def test_the_cli_prefiles_and_records_the_service_result(server: Server, capsys: Any) -> None:
    import json

    from backend.server import main

    device = ready(server)
    url = server.app.state.settings.database_url
    with pytest.raises(SystemExit) as done:
        main(["prefile-claim", PURCHASE, "SKU-1", "--fault", "не включается", "--db", url])
    assert done.value.code == 0
    number = json.loads(capsys.readouterr().out)["number"]
    assert device.send("claim.accepted", accepted(number, prefiled=True))["status"] == "applied"
    with pytest.raises(SystemExit) as early:
        main(["claim-result", number, "--outcome", "repaired", "--conclusion", "ok", "--db", url])
    assert early.value.code == 2 and "claim_illegal_step" in capsys.readouterr().err
    assert device.send("claim.dispatched", dispatched(number))["status"] == "applied"
    with pytest.raises(SystemExit) as done:
        main(["claim-result", number, "--outcome", "replaced", "--conclusion", "выдан новый аппарат",
              "--repair-rub", "1 500,50", "--db", url])
    assert done.value.code == 0
    claim = read_claim(server, number)
    assert (claim["status"], claim["outcome"], claim["conclusion"]) == ("returning", "replaced", "выдан новый аппарат")
    returned = next(c["payload"] for c in device.all_changes()
                    if c["type"] == "order.upsert" and c["payload"]["number"] == claim["return_order"])
    assert (returned["total_kopecks"], returned["prepaid"]) == (150_050, False)


@pytest.mark.parametrize("args", [
    ["claim-result", "W000000001", "--outcome", "fixed", "--conclusion", "ok"],
    ["claim-result", "W000000001", "--outcome", "repaired", "--conclusion", ""],
    ["claim-result", "W000000001", "--outcome", "repaired", "--conclusion", "ok", "--repair-rub", "-5"],
    ["prefile-claim", PURCHASE, "SKU-1"],
])
def test_the_cli_refuses_malformed_arguments(server: Server, args: list[str], capsys: Any) -> None:
    from backend.server import main

    ready(server)
    with pytest.raises(SystemExit) as refused:
        main([*args, "--db", server.app.state.settings.database_url])
    assert refused.value.code == 2 and _claims(server) == 0


def test_the_cli_names_an_unknown_claim(server: Server, capsys: Any) -> None:
    from backend.server import main

    ready(server)
    with pytest.raises(SystemExit) as refused:
        main(["claim-result", "W000000001", "--outcome", "repaired", "--conclusion", "ok", "--db",
              server.app.state.settings.database_url])
    assert refused.value.code == 2 and "claim_unknown:W000000001" in capsys.readouterr().err
