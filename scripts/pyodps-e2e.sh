#!/usr/bin/env bash
# Runs PyODPS, from its source, against a fresh `serve` emulator and prints `N passed, M failed`.
# Developer check only: not part of `./mvnw verify` (which must stay self-contained). See docs/emulator.md.
#
#   PYODPS_SRC=/path/to/aliyun-odps-python-sdk scripts/pyodps-e2e.sh
#
# PYODPS_SRC: a checkout of PyODPS's source (the directory holding the `odps` package); default /tmp/pyodps.
# PYTHON: the interpreter (needs `requests`); default /usr/bin/python3 when present, else python3. With `pyarrow`
#   (and `pandas`, which PyODPS needs for TIMESTAMP values) it also checks head(use_legacy=False), the tunnel's Arrow
#   preview; without pyarrow that check is reported as skipped. E.g. a venv:
#   python3 -m venv --system-site-packages /tmp/e2e-venv && /tmp/e2e-venv/bin/pip install pyarrow pandas
# The emulator jar is target/odps-explorer.jar (built with `./mvnw -B package -DskipTests` when missing).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
src="${PYODPS_SRC:-/tmp/pyodps}"
python="${PYTHON:-}"
if [[ -z "$python" ]]; then
  if [[ -x /usr/bin/python3 ]]; then python=/usr/bin/python3; else python=python3; fi
fi
if [[ ! -d "$src/odps" ]]; then
  echo "pyodps-e2e: no PyODPS source at $src (set PYODPS_SRC to the directory holding the odps package)" >&2
  exit 2
fi
jar="$root/target/odps-explorer.jar"
if [[ ! -f "$jar" ]]; then
  (cd "$root" && ./mvnw -B -q package -DskipTests)
fi

data="$(mktemp -d)"
log="$data/serve.log"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid"
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$data"
}
trap cleanup EXIT

java -jar "$jar" serve --host 127.0.0.1 --port 0 --data "$data/emu" --project e2e >"$log" 2>&1 &
server_pid=$!
endpoint=""
for _ in $(seq 1 300); do
  endpoint="$(sed -n 's/^ODPS Explorer emulator listening on //p' "$log" | head -n 1)"
  [[ -n "$endpoint" ]] && break
  if ! kill -0 "$server_pid" 2>/dev/null; then
    cat "$log" >&2
    exit 1
  fi
  sleep 0.1
done
if [[ -z "$endpoint" ]]; then
  echo "pyodps-e2e: the emulator did not start" >&2
  cat "$log" >&2
  exit 1
fi

echo "emulator at $endpoint, PyODPS from $src, $($python --version 2>&1)"
set +e
ODPS_ENDPOINT="$endpoint" ODPS_PROJECT=e2e PYTHONPATH="$src${PYTHONPATH:+:$PYTHONPATH}" \
  "$python" "$root/scripts/pyodps_e2e.py"
status=$?
set -e
exit $status
