#!/usr/bin/env bash
# Pickup Desk developer entry point: ./dev.sh run | test | lint | mutate | build | release | screenshots | bench | soak | demo
set -euo pipefail
cd "$(dirname "$0")"
VENV=.venv
PY="$VENV/bin/python"

# Debian system libraries for Qt (offscreen and X11), zbar, PyInstaller, screenshots and PostgreSQL tests.
APT_PACKAGES="libglib2.0-0 libegl1 libgl1 libdbus-1-3 libfontconfig1 libxkbcommon0 libpulse0 libxrandr2
 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-image0 libxcb-render-util0
 libxkbcommon-x11-0 libzbar0 binutils xvfb xauth imagemagick xdotool poppler-utils postgresql
 fonts-dejavu-core"

install_system() {
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null && command -v dpkg-query >/dev/null || return 0
  local missing=()
  for p in $APT_PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "==> apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

install_python() {
  if [ ! -x "$PY" ]; then
    echo "==> creating $VENV"
    python3 -m venv "$VENV"
  fi
  local stamp="$VENV/.installed-$(sha1sum pyproject.toml | cut -c1-12)"
  if [ ! -f "$stamp" ]; then
    echo "==> installing Python packages into $VENV"
    "$PY" -m pip install -q --upgrade pip
    "$PY" -m pip install -q -e ".[dev]"
    rm -f "$VENV"/.installed-*
    touch "$stamp"
  fi
  # Compiled translations are build output (.ts sources are committed, .qm never).
  "$PY" -m ui.translations_build >/dev/null
}

setup() { install_system; install_python; }

cmd_run() {
  setup
  exec "$PY" -m ui.app "$@"
}

# Test lanes, fastest first: a broken change fails in the first two minutes; a failing lane stops the run.
LANES=(
  "core:tests/unit tests/test_architecture.py tests/test_no_untranslated_literals.py tests/test_count_agreement.py"
  "mutation:tests/mutation"
  "server:tests/backend tests/sms tests/integration tests/system tests/soak"
  "gui:tests/gui tests/hardware tests/e2e"
  "packaging:tests/packaging"
)
# Lanes spread over TEST_WORKERS pytest-xdist processes (default 2: CI's two cores); each worker has its own
# PostgreSQL cluster, Xvfb display and free ports (and translations are swapped in whole, never rewritten under
# another worker's mapped copy). The mutation lane is one test; the packaging lane shares one PyInstaller build: these
# two run in one process.
TEST_WORKERS="${TEST_WORKERS:-2}"
SERIAL_LANES="mutation packaging"

cmd_lint() {
  echo "==> ruff"; "$VENV/bin/ruff" check protocol desktop ui backend tests bench packaging
  echo "==> mypy (protocol, desktop, ui, backend: packages from pyproject.toml)"; "$VENV/bin/mypy"
  echo "==> import contracts"; "$VENV/bin/lint-imports"
  echo "==> vulture (dead code; reviewed whitelist)"
  "$VENV/bin/vulture" protocol desktop ui backend tests/vulture_whitelist.py --min-confidence 60 \
    --exclude "*/migrations/versions/*"
}

cmd_test() {
  setup
  export QT_QPA_PLATFORM=offscreen
  if [ $# -gt 0 ]; then exec "$PY" -m pytest -q -p no:randomly "$@"; fi  # a chosen subset, no lanes
  local reports; reports=$(mktemp -d)
  echo "==> lane lint"; cmd_lint
  local lane
  for lane in "${LANES[@]}"; do
    echo "==> lane ${lane%%:*}: ${lane#*:}"
    local spread=(-n "$TEST_WORKERS")
    case " $SERIAL_LANES " in *" ${lane%%:*} "*) spread=() ;; esac
    # shellcheck disable=SC2086  # the lane's paths are words
    "$PY" -m pytest -q -p no:randomly "${spread[@]}" --junitxml="$reports/${lane%%:*}.xml" ${lane#*:}
  done
  "$PY" -m tests.support.lanes_summary "$reports"
}

# Mutation testing (README «Mutation testing»): MODULE… (protocol/money.py or protocol.money) against the tests that
# cover them, or with none the mutation lane's modules; --lane samples 60 mutants and fails under 90 %.
cmd_mutate() {
  setup
  export QT_QPA_PLATFORM=offscreen
  exec nice -n 10 "$PY" -m tests.support.mutation "$@"
}

cmd_build() {
  setup
  exec "$PY" -m PyInstaller --noconfirm --clean packaging/pickup_desk.spec "$@"
}

# Signed tufup release (packaging/README.md «Updates»): ./dev.sh release VERSION --keys DIR --repo DIR [--bundle DIR]
# [--patch] [--out DIR]; ./dev.sh release init-keys --keys DIR; ./dev.sh release resign --keys DIR --repo DIR.
cmd_release() {
  setup
  exec "$PY" packaging/release.py "$@"
}

cmd_demo() {
  setup
  exec "$PY" -m desktop.demo.headless "$@"
}

cmd_bench() {
  setup
  for b in bench/*.py; do echo "==> $b"; "$PY" "$b"; done
}

# kill -9 of a counter process at random moments, 1,000 seeded trials (about 25 minutes on 2 busy cores):
# ./dev.sh soak [--trials N] [--seed S] [--minutes M]; the test lane runs a dozen (tests/soak/test_kill9.py).
cmd_soak() {
  setup
  exec "$PY" -m tests.soak.kill9 "$@"
}

cmd_screenshots() {
  setup
  exec "$PY" packaging/screenshots.py "$@"
}

case "${1:-}" in
  run) shift; cmd_run "$@" ;;
  test) shift; cmd_test "$@" ;;
  mutate) shift; cmd_mutate "$@" ;;
  build) shift; cmd_build "$@" ;;
  release) shift; cmd_release "$@" ;;
  bench) shift; cmd_bench "$@" ;;
  demo) shift; cmd_demo "$@" ;;
  soak) shift; cmd_soak "$@" ;;
  screenshots) shift; cmd_screenshots "$@" ;;
  lint) shift; setup; cmd_lint ;;
  *) echo "usage: ./dev.sh run|test|lint|mutate|build|release|bench|soak|screenshots|demo" >&2; exit 2 ;;
esac
