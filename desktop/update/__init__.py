"""Signed automatic updates of the counter app (tufup / python-tuf), Qt-free.

- `layout`: where everything lives under ``<data_dir>/updates/`` and the small state file (current,
  previous, staged, bad versions, the last rollback) — the data dir, never the install dir.
- `policy`: the server's rollout policy (``GET /v1/update/policy``), kept for offline starts, and the choice
  of the version a PC may take.
- `checker`: refresh the TUF metadata, pick a version, download and verify its archive, stage it.
- `install`: at the next start, before the database is opened: install the staged version into its own
  directory, run its self-test, make it current or roll it back; hand the start over to the current version.
- `service`: the background check at start and then daily.
"""
