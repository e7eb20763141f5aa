#!/usr/bin/env bash
# The demo: start a sandbox Hub seeded with demo/hub, then plan (an inspect-ai evaluation shows as
# "known after eval"), run the evaluation, plan, apply, and plan again ("No changes").
# Everything stays on 127.0.0.1; the sandbox's state lives in .sandbox/ and is reset each run.
set -euo pipefail
cd "$(dirname "$0")/.."

port="${HFEVAL_DEMO_PORT:-8765}"
state=".sandbox"
rm -rf "$state" .hfeval
mkdir -p "$state"

export HF_ENDPOINT="http://127.0.0.1:${port}"
export HF_HOME="$PWD/$state/hf-home"
export HF_TOKEN="hf_demo_sandbox_token"          # the sandbox accepts any token
export HF_HUB_DISABLE_TELEMETRY=1 HF_HUB_DISABLE_UPDATE_CHECK=1
export AA_API_URL="${HF_ENDPOINT}/aa/api/v2"      # the sandbox also serves Artificial Analysis
export AA_API_KEY="demo-key"
export HFEVAL_CACHE_DIR="$PWD/$state/cache"

hfeval sandbox --data "$state/data" --seed demo/hub --port "$port" --org acme \
  > "$state/sandbox.log" 2>&1 &
sandbox_pid=$!
trap 'kill "$sandbox_pid" 2>/dev/null || true' EXIT

python3 - "$port" "$state/sandbox.log" <<'PY'
import socket, sys, time
deadline = time.time() + 20
while time.time() < deadline:
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=0.5).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.1)
sys.exit(f"the sandbox did not start; see {sys.argv[2]}")
PY

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }

# A plan with changes exits 2 under --detailed-exitcode; anything else stops the demo.
plan_with_changes() {
  step hfeval plan specs/
  set +e
  hfeval plan specs/ --detailed-exitcode
  code=$?
  set -e
  [ "$code" -eq 2 ] || { echo "expected changes (exit 2) $1, got $code" >&2; exit 1; }
}

plan_with_changes "from the first plan"   # the inspect run shows as (known after eval)

step hfeval eval specs/
hfeval eval specs/

plan_with_changes "after the evaluation"

step hfeval apply
hfeval apply

step hfeval plan specs/
hfeval plan specs/ --detailed-exitcode
