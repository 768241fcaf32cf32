"""Release a version of Pickup Desk as a signed tufup update (``./dev.sh release``; packaging/README.md).

    ./dev.sh release init-keys --keys DIR                 # once: the signing keys (0600), never in the repo
    ./dev.sh release 1.5.0 --keys DIR --repo DIR [--bundle dist/PickupDesk] [--patch] [--out DIR]
    ./dev.sh release resign --keys DIR --repo DIR         # re-sign (fresh expiry dates), nothing new published

A release builds the one-folder bundle with PyInstaller (or takes ``--bundle DIR``, an existing build: a
release that changes only the version re-stamps the same output), copies it to ``--out`` (default
``dist/release/PickupDesk-VERSION``: what the installer packs), stamps the version into it
(``_internal/pickup_desk_release.json``) with the public TUF root metadata (``_internal/update_root.json``),
makes the tufup archive (``PickupDesk-VERSION.tar.gz``) and, with ``--patch``, a bsdiff patch from the
previous archive (kept only where it pays: smaller than 80 % of the archive — the client would ignore it
otherwise), signs the TUF metadata with the keys in ``--keys`` and publishes everything into ``--repo``
(``metadata/`` and ``targets/``: a static tree any web server, or the backend under ``/updates/``, serves).
It prints the sizes: bundle, archive, patch.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from packaging.version import InvalidVersion, Version  # noqa: E402
from tufup.common import KEY_REQUIRED, Patcher, TargetMeta  # noqa: E402
from tufup.repo import Keys, Repository  # noqa: E402

from desktop.update.layout import APP_NAME  # noqa: E402
from desktop.update.stamp import write_stamp  # noqa: E402
from protocol.private_files import private_dir, private_file  # noqa: E402

EXPIRATION_DAYS = {"root": 365, "targets": 90, "snapshot": 90, "timestamp": 30}  # re-sign within 30 days
PATCH_WORTH = 0.8  # tufup's client ignores a patch larger than 80 % of the full archive
ARCHIVE_LEVEL = 6  # gzip level: 9 costs twice the time for ~2 % less


@dataclass(frozen=True)
class Published:
    """What one release put into the repository (sizes in bytes)."""

    version: str
    bundle_dir: Path
    bundle_size: int
    archive: Path
    patch: Path | None
    patch_size: int | None
    patch_seconds: float | None


def tree_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def repository(keys: Path, repo: Path, expiration_days: dict[str, int] | None = None) -> Repository:
    """The tufup repository with its keys (created 0600 on first use) and metadata (root created once)."""
    init_keys(keys)
    repo_obj = Repository(app_name=APP_NAME, repo_dir=repo, keys_dir=keys,
                          expiration_days=dict(expiration_days or EXPIRATION_DAYS))  # type: ignore[arg-type]
    with contextlib.chdir(keys):  # tufup keeps its config file in the working directory: with the keys
        for folder in (repo_obj.metadata_dir, repo_obj.targets_dir):
            folder.mkdir(parents=True, exist_ok=True)
        repo_obj._load_keys_and_roles(create_keys=False)
        if not repo_obj.roles.file_path("root").exists():
            repo_obj.publish_changes(private_key_dirs=[keys])
    return repo_obj


def init_keys(keys: Path) -> None:
    """The signing key pairs (one per TUF role) in `keys`, private files 0600; existing keys are kept."""
    private_dir(keys)
    if not (keys / "root.pub").exists():
        Keys(dir_path=keys).create()
    for key in keys.iterdir():
        if key.is_file() and key.suffix != ".pub":
            private_file(key)


def build_bundle(work: Path) -> Path:
    """PyInstaller one-folder build into `work` (as ./dev.sh build); returns the PickupDesk folder."""
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
               "--distpath", str(work / "dist"), "--workpath", str(work / "build"),
               str(ROOT / "packaging" / "pickup_desk.spec")]
    subprocess.run(command, cwd=ROOT, check=True)
    return work / "dist" / "PickupDesk"


def stamp_bundle(bundle: Path, out: Path, version: str, root_metadata: Path) -> Path:
    """A copy of the PyInstaller output at `out`, stamped with `version` and the public root metadata."""
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(bundle, out, symlinks=True)
    write_stamp(out, version, root_metadata)
    return out


def make_archive(bundle: Path, targets: Path, version: str, level: int = ARCHIVE_LEVEL) -> Path:
    """``targets/PickupDesk-VERSION.tar.gz`` of the bundle folder (members ``./PickupDesk``, ``./_internal/…``)."""
    archive = targets / TargetMeta.compose_filename(name=APP_NAME, version=version, is_archive=True)
    with gzip.open(archive, "wb", compresslevel=level) as raw, \
            tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:  # type: ignore[call-overload]
        tar.add(bundle, arcname=".", recursive=True)
    return archive


def make_patch(repo: Repository, previous: TargetMeta, archive: Path) -> tuple[Path | None, int, float]:
    """bsdiff of the previous archive to this one; registered only where it pays. (patch, size, seconds)."""
    started = time.monotonic()
    patch = archive.with_suffix("").with_suffix(".patch")
    digest = Patcher.diff_and_hash(src_path=repo.targets_dir / previous.path, dst_path=archive, patch_path=patch)
    seconds = time.monotonic() - started
    size = patch.stat().st_size
    if size > PATCH_WORTH * archive.stat().st_size:
        patch.unlink()
        return None, size, seconds
    repo.roles.add_or_update_target(local_path=patch, custom={"user": None, "tufup": digest})
    return patch, size, seconds


def check_version(repo: Repository, version: str) -> None:
    try:
        new = Version(version)
    except InvalidVersion:
        raise SystemExit(f"not a version: {version!r} (PEP 440, e.g. 1.5.0 or 1.5.0rc1)") from None
    latest = repo.roles.get_latest_archive()
    if latest is not None and not latest.version < new:
        raise SystemExit(f"version {version} must be newer than the latest published {latest.version}")


def release(version: str, keys: Path, repo_dir: Path, bundle: Path, out: Path, patch: bool = False,
            level: int = ARCHIVE_LEVEL, expiration_days: dict[str, int] | None = None) -> Published:
    """Stamp, archive, (patch,) sign and publish `bundle` as `version`."""
    repo = repository(keys, repo_dir, expiration_days)
    check_version(repo, version)
    stamped = stamp_bundle(bundle, out, version, repo.metadata_dir / "root.json")
    previous = repo.roles.get_latest_archive()
    archive = make_archive(stamped, repo.targets_dir, version, level)
    repo.roles.add_or_update_target(local_path=archive, custom={"user": None, "tufup": {KEY_REQUIRED: False}})
    made: tuple[Path | None, int | None, float | None] = (None, None, None)
    if patch and previous is not None:
        made = make_patch(repo, previous, archive)
    with contextlib.chdir(keys):
        repo.publish_changes(private_key_dirs=[keys])
    return Published(version, stamped, tree_size(stamped), archive, *made)


def resign(keys: Path, repo_dir: Path, expiration_days: dict[str, int] | None = None) -> None:
    """Fresh expiry dates for targets, snapshot and timestamp (run well within the timestamp's 30 days)."""
    repo = repository(keys, repo_dir, expiration_days)
    for role in ("targets", "snapshot", "timestamp"):
        repo.refresh_expiration_date(role)
    with contextlib.chdir(keys):
        repo.publish_changes(private_key_dirs=[keys])


def mb(size: int | None) -> str:
    return "—" if size is None else f"{size / 1e6:.1f} MB"


def report(done: Published) -> str:
    lines = [f"released {done.version}: {done.bundle_dir}",
             f"  bundle (folder)    {mb(done.bundle_size)}",
             f"  full update        {mb(done.archive.stat().st_size)}  {done.archive.name}"]
    if done.patch_size is None:
        lines.append("  patch              not made (first release, or without --patch)")
    else:
        kept = "published" if done.patch is not None else f"not published (over {PATCH_WORTH:.0%} of the archive)"
        lines.append(f"  patch              {mb(done.patch_size)}  in {done.patch_seconds:.0f} s, {kept}")
    return "\n".join(lines)


def parse(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="./dev.sh release", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", metavar="VERSION|init-keys|resign")
    parser.add_argument("--keys", type=Path, required=True, help="signing keys (private: keep off the counters)")
    parser.add_argument("--repo", type=Path, help="the published update repository (metadata/, targets/)")
    parser.add_argument("--bundle", type=Path, help="an existing PyInstaller output folder (skips the build)")
    parser.add_argument("--out", type=Path, help="the stamped bundle (default dist/release/PickupDesk-VERSION)")
    parser.add_argument("--patch", action="store_true", help="also make a bsdiff patch (slow, memory-heavy)")
    args = parser.parse_args(list(argv))
    if args.what != "init-keys" and args.repo is None:
        parser.error("--repo DIR is needed")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    keys: Path = args.keys.resolve()
    if args.what == "init-keys":
        init_keys(keys)
        print(f"signing keys in {keys} (private files 0600; back them up offline)")
        return 0
    if args.what == "resign":
        resign(keys, args.repo.resolve())
        print(f"re-signed {args.repo}")
        return 0
    with tempfile.TemporaryDirectory(prefix="pickup-release-") as work:
        bundle = args.bundle.resolve() if args.bundle else build_bundle(Path(work))
        out = (args.out or ROOT / "dist" / "release" / f"{APP_NAME}-{args.what}").resolve()
        print(report(release(args.what, keys, args.repo.resolve(), bundle, out, args.patch)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
