"""Rollout endpoints: the admin sets channels and targets; a counter PC asks `GET /v1/update/policy`.

The policy answers `{"channel", "target_version", "repository_url"}`: `target_version` null means nothing to
install (no rollout set, or stopped); `repository_url` is where this server serves the TUF update repository
(`--update-repo DIR`, under /updates/), or null when it serves none (the PC uses its configured repository).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi import Path as PathParam
from fastapi.staticfiles import StaticFiles
from pydantic import AfterValidator, BaseModel, Field

from backend import rollout
from backend.auth import DeviceContext, current_device, require_admin
from backend.errors import ApiError
from backend.rollout import Channel, RolloutState
from backend.schemas import ApiErrorBody, Text
from backend.serialize import iso

router = APIRouter(prefix="/v1", responses={code: {"model": ApiErrorBody} for code in (400, 401, 403, 404, 422)})
Admin = Depends(require_admin)
DeviceDep = Annotated[DeviceContext, Depends(current_device)]
UPDATES_PATH = "/updates"
PointCode = Annotated[Text, PathParam(min_length=1, max_length=8)]


def _version(text: str) -> str:
    try:
        return rollout.parse_version(text)
    except rollout.RolloutInputError as exc:
        raise ValueError(str(exc)) from None


class UpdatePolicyOut(BaseModel):
    channel: Channel
    target_version: str | None
    repository_url: str | None


class RolloutIn(BaseModel):
    target_version: Annotated[str, Field(min_length=1, max_length=rollout.VERSION_MAX), AfterValidator(_version)]


class RolloutOut(BaseModel):
    channel: Channel
    target_version: str | None
    stopped: bool
    updated_at: str | None


class RolloutsOut(BaseModel):
    rollouts: list[RolloutOut]


class PointChannelIn(BaseModel):
    channel: Channel


class PointChannelOut(BaseModel):
    point_code: str
    channel: Channel


@router.get("/update/policy", response_model=UpdatePolicyOut)
def update_policy(request: Request, device: DeviceDep) -> dict[str, Any]:
    with request.app.state.db.read() as session:
        channel, target = rollout.policy(session, device.point_id)
    return {"channel": channel, "target_version": target, "repository_url": repository_url(request)}


@router.get("/admin/rollouts", response_model=RolloutsOut, dependencies=[Admin])
def list_rollouts(request: Request) -> dict[str, Any]:
    with request.app.state.db.read() as session:
        return {"rollouts": [state_dict(state) for state in rollout.states(session)]}


@router.put("/admin/rollouts/{channel}", response_model=RolloutOut, dependencies=[Admin])
def set_rollout(channel: Channel, body: RolloutIn, request: Request) -> dict[str, Any]:
    with request.app.state.db.write() as session:
        state = rollout.set_target(session, channel, body.target_version, request.app.state.settings.clock())
    return state_dict(state)


@router.post("/admin/rollouts/{channel}/stop", response_model=RolloutOut, dependencies=[Admin])
def stop_rollout(channel: Channel, request: Request) -> dict[str, Any]:
    with request.app.state.db.write() as session:
        state = rollout.stop(session, channel, request.app.state.settings.clock())
    return state_dict(state)


@router.put("/admin/points/{point_code}/channel", response_model=PointChannelOut, dependencies=[Admin])
def set_point_channel(point_code: PointCode, body: PointChannelIn, request: Request) -> dict[str, Any]:
    with request.app.state.db.write() as session:
        try:
            rollout.set_point_channel(session, point_code, body.channel, request.app.state.settings.clock())
        except rollout.PointNotFound:
            raise ApiError(404, "point_not_found", f"Pickup point {point_code} not found") from None
    return {"point_code": point_code, "channel": body.channel}


def state_dict(state: RolloutState) -> dict[str, Any]:
    return {"channel": state.channel, "target_version": state.target_version, "stopped": state.stopped,
            "updated_at": iso(state.updated_at)}


def repository_url(request: Request) -> str | None:
    """Where this server serves the update repository: the public URL setting, else the request's own base."""
    settings = request.app.state.settings
    if settings.update_repo_dir is None:
        return None
    base = settings.public_url or str(request.base_url)
    return base.rstrip("/") + UPDATES_PATH + "/"


def mount_update_repository(app: FastAPI, directory: Path | None) -> None:
    """Serve the TUF repository's files (metadata and targets) as static files under /updates/."""
    if directory is not None:
        app.mount(UPDATES_PATH, StaticFiles(directory=directory), name="updates")
