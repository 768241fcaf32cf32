"""Check the TUF update repository, download and verify an archive, stage it for the next start.

tufup's `Client` (a python-tuf `Updater`) refreshes root → timestamp → snapshot → targets, checking every
signature against the root metadata the bundle carries (``_internal/update_root.json``, public keys only)
and every expiry date; an archive is written only when its length and SHA-256 match the signed targets
metadata. Anything refused is an `UpdateRefused` with a clear message; an unreachable repository is an
`UpdateUnavailable` (try again later). Nothing here installs: `desktop.update.install` does, at the next start.
"""

from __future__ import annotations

import logging
import shutil
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests
from tuf.api import exceptions as tuf_errors

from desktop import messages
from desktop.update.layout import APP_NAME, UpdateLayout, load_state, save_state
from desktop.update.policy import UpdatePolicy, choose_version
from desktop.update.stamp import read_stamp
from desktop.update.tufup_client import AuthRequestsFetcher, Client, Patcher, TargetMeta
from protocol.errors import DomainError

log = logging.getLogger(__name__)

messages.register({
    "update.metadata_expired": "Обновление отклонено: подписи сервера обновлений просрочены ({detail}). "
                               "Сообщите администратору: нужно переподписать выпуск.",
    "update.metadata_invalid": "Обновление отклонено: подпись сервера обновлений не прошла проверку ({detail}).",
    "update.archive_tampered": "Обновление {version} отклонено: файл не совпадает с подписанным (повреждён "
                               "или подменён).",
    "update.archive_unusable": "Обновление {version} отклонено: архив не содержит программу этой версии.",
    "update.unavailable": "Сервер обновлений недоступен ({detail}); проверим позже.",
    "update.no_root": "Проверка обновлений невозможна: в сборке нет ключей обновлений (update_root.json).",
})


class UpdateRefused(DomainError):
    """Metadata or an archive failed verification: nothing was staged."""


class UpdateUnavailable(DomainError):
    """The repository could not be reached: try again later."""


@dataclass(frozen=True)
class CheckResult:
    """What one check found: the version staged (None: nothing to take) and the versions on offer."""

    staged: str | None
    available: tuple[str, ...]


class _Fetcher(AuthRequestsFetcher):
    """tufup's fetcher with the organisation's CA bundle (TLS is always verified)."""

    def __init__(self, ca_bundle: str | None) -> None:
        super().__init__()
        self._ca_bundle = ca_bundle

    def _get_session(self, url: str) -> requests.Session:
        session: requests.Session = super()._get_session(url)
        session.verify = self._ca_bundle or True
        return session


def make_client(layout: UpdateLayout, repository_url: str, running: str, bundled_root: Path | None,
                ca_bundle: str | None = None) -> Any:
    """A tufup client whose trusted metadata lives in ``updates/metadata`` (seeded with the bundle's root)."""
    layout.metadata.mkdir(parents=True, exist_ok=True)
    layout.downloads.mkdir(parents=True, exist_ok=True)
    trusted_root = layout.metadata / "root.json"
    if not trusted_root.exists():
        if bundled_root is None or not bundled_root.exists():
            raise UpdateRefused("update.no_root")
        shutil.copyfile(bundled_root, trusted_root)
    client = Client(app_name=APP_NAME, app_install_dir=layout.versions, current_version=running,
                    metadata_dir=layout.metadata, metadata_base_url=repository_url + "metadata/",
                    target_dir=layout.downloads, target_base_url=repository_url + "targets/",
                    extract_dir=layout.staged)
    client._fetcher = _Fetcher(ca_bundle)
    return client


def refresh(client: Any) -> None:
    """Refresh the top-level metadata; a refusal or an unreachable repository as our errors."""
    try:
        client.refresh()
    except tuf_errors.ExpiredMetadataError as exc:
        raise UpdateRefused("update.metadata_expired", detail=str(exc)[:200]) from exc
    except tuf_errors.RepositoryError as exc:
        raise UpdateRefused("update.metadata_invalid", detail=str(exc)[:200]) from exc
    except (tuf_errors.DownloadError, OSError) as exc:
        raise UpdateUnavailable("update.unavailable", detail=type(exc).__name__) from exc


def available_archives(client: Any) -> dict[str, Any]:
    """{version: TargetMeta} of the signed full archives of this app."""
    return {str(meta.version): meta for meta in client.trusted_target_metas
            if meta.is_archive and meta.name == APP_NAME}


def check_and_stage(layout: UpdateLayout, client: Any, policy: UpdatePolicy, running: str) -> CheckResult:
    """Refresh, pick the version the policy allows, download, verify and stage it (once)."""
    refresh(client)
    archives = available_archives(client)
    state = load_state(layout)
    version = choose_version(policy, running, archives, state.bad)
    if version is None:
        return CheckResult(None, tuple(archives))
    if state.staged == version and layout.staged_dir(version).is_dir():
        return CheckResult(version, tuple(archives))
    archive = obtain(client, layout, archives, version, running)
    stage(layout, archive, version)
    prune_downloads(layout, keep={archive.name, archive_name(running)})
    state = load_state(layout)
    state.staged = version
    save_state(layout, state)
    log.info("update %s downloaded, verified and staged; it installs at the next start", version)
    return CheckResult(version, tuple(archives))


def archive_name(version: str) -> str:
    return str(TargetMeta.compose_filename(name=APP_NAME, version=version, is_archive=True))


def obtain(client: Any, layout: UpdateLayout, archives: dict[str, Any], version: str, running: str) -> Path:
    """The verified archive of `version`: rebuilt from a signed patch of the running version's archive where
    one applies (the PC keeps the archive of the version it runs), else downloaded in full."""
    patch = patch_for(client, layout, archives, version, running)
    if patch is not None:
        try:
            return apply_patch(client, layout, patch, version, running)
        except Exception as exc:  # tufup raises a bare Exception on a size/hash mismatch: take the full archive
            log.warning("the patch to %s is not usable (%s); downloading the full archive", version, exc)
    return download(client, archives[version], version)


def patch_for(client: Any, layout: UpdateLayout, archives: dict[str, Any], version: str, running: str) -> Any:
    """The patch of `version` when it was made from the running version's archive and that archive is here."""
    older = [archives[v].version for v in archives if archives[v].version < archives[version].version]
    if not older or str(max(older)) != running or not (layout.downloads / archive_name(running)).exists():
        return None
    return next((meta for meta in client.trusted_target_metas
                 if meta.is_patch and meta.name == APP_NAME and str(meta.version) == version), None)


def apply_patch(client: Any, layout: UpdateLayout, patch: Any, version: str, running: str) -> Path:
    """Download the patch (verified), apply it; the result's tar size and SHA-256 are checked (signed)."""
    patch_file = download(client, patch, version)
    target = layout.downloads / archive_name(version)
    Patcher.patch_and_verify(src_path=layout.downloads / archive_name(running), dst_path=target,
                             patch_targets={patch: patch_file})
    log.info("update %s rebuilt from a %d-byte patch", version, patch_file.stat().st_size)
    return target


def prune_downloads(layout: UpdateLayout, keep: set[str]) -> None:
    """Only the staged version's archive and the running one's stay (the next patch applies to one of them)."""
    for old in layout.downloads.iterdir():
        if old.is_file() and old.name not in keep:
            old.unlink(missing_ok=True)


def download(client: Any, meta: Any, version: str) -> Path:
    """The verified archive of `meta` (a cached copy is re-verified; a mismatch is refused)."""
    info = client.get_targetinfo(meta)
    if info is None:
        raise UpdateRefused("update.metadata_invalid", detail=f"no target {meta}")
    try:
        cached = client.find_cached_target(info)
        return Path(cached or client.download_target(info))
    except (tuf_errors.LengthOrHashMismatchError, tuf_errors.DownloadLengthMismatchError) as exc:
        log.error("update %s refused: the archive does not match the signed metadata (%s)", version, exc)
        raise UpdateRefused("update.archive_tampered", version=version) from exc
    except (tuf_errors.DownloadError, OSError) as exc:
        raise UpdateUnavailable("update.unavailable", detail=type(exc).__name__) from exc


def stage(layout: UpdateLayout, archive: Path, version: str) -> Path:
    """Extract the archive into ``staged/<version>`` (via a partial directory) and check its stamp."""
    target = layout.staged_dir(version)
    partial = target.with_name(target.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    try:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(partial, filter="data")
    except (tarfile.TarError, EOFError) as exc:
        shutil.rmtree(partial, ignore_errors=True)
        raise UpdateRefused("update.archive_unusable", version=version) from exc
    stamp = read_stamp(partial)
    if stamp is None or stamp.get("version") != version:
        shutil.rmtree(partial, ignore_errors=True)
        raise UpdateRefused("update.archive_unusable", version=version)
    shutil.rmtree(target, ignore_errors=True)
    partial.rename(target)
    return target
