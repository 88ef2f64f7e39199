#!/usr/bin/env bash
# A three-node ShowroomActors cluster on this machine, sharing a local PostgreSQL journal. For demos and
# manual tests, not production.
#   tools/cluster.sh up       build, start PostgreSQL if needed (tools/postgres-local.sh), start 3 nodes
#   tools/cluster.sh status   each node's PID, readiness and the cluster as node 1 sees it
#   tools/cluster.sh down     SIGTERM every node (graceful leave) and wait for them to exit
# Node N: HTTP http://127.0.0.1:508N, Akka port 406N, log and pid in $CLUSTER_DIR (default ./data/cluster).
set -euo pipefail
cd "$(dirname "$0")/.."

CLUSTER_DIR="${CLUSTER_DIR:-$PWD/data/cluster}"
POSTGRES="${SHOWROOM_POSTGRES:-Host=127.0.0.1;Port=5432;Username=showroom;Password=showroom;Database=showroom}"
OPERATOR_KEY="${SHOWROOM_OPERATOR_KEY:-demo-operator-key}"
HOST_DLL="src/ShowroomActors.Host/bin/Release/net10.0/ShowroomActors.Host.dll"
SEEDS="akka.tcp://showroom@127.0.0.1:4061"

up() {
  if [[ $EUID -eq 0 ]]; then bash tools/postgres-local.sh; fi
  dotnet build src/ShowroomActors.Host -c Release -v quiet -nologo
  mkdir -p "$CLUSTER_DIR"
  for n in 1 2 3; do
    if is_running "$n"; then echo "node $n already running (pid $(cat "$CLUSTER_DIR/node$n.pid"))"; continue; fi
    local demo=off
    [[ $n -eq 1 ]] && demo=on
    SHOWROOM_POSTGRES="$POSTGRES" SHOWROOM_AKKA_PORT="406$n" SHOWROOM_SEEDS="$SEEDS" SHOWROOM_DEMO="$demo" \
      SHOWROOM_DATA_DIR="$CLUSTER_DIR/node$n" SHOWROOM_OPERATOR_KEY="$OPERATOR_KEY" \
      nohup dotnet "$HOST_DLL" --urls "http://127.0.0.1:508$n" >"$CLUSTER_DIR/node$n.log" 2>&1 &
    echo $! >"$CLUSTER_DIR/node$n.pid"
    echo "node $n starting: http://127.0.0.1:508$n (log $CLUSTER_DIR/node$n.log)"
  done
  for n in 1 2 3; do
    for _ in $(seq 1 60); do
      curl -fs "http://127.0.0.1:508$n/health/ready" >/dev/null 2>&1 && break
      sleep 1
    done
  done
  status
}

is_running() {
  [[ -f "$CLUSTER_DIR/node$1.pid" ]] && kill -0 "$(cat "$CLUSTER_DIR/node$1.pid")" 2>/dev/null
}

status() {
  for n in 1 2 3; do
    if is_running "$n"; then
      ready=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:508$n/health/ready" || true)
      echo "node $n: pid $(cat "$CLUSTER_DIR/node$n.pid"), http://127.0.0.1:508$n, ready=$ready"
    else
      echo "node $n: not running"
    fi
  done
  if is_running 1; then
    curl -s -H "Authorization: Bearer $OPERATOR_KEY" http://127.0.0.1:5081/api/v1/cluster; echo
  fi
}

down() {
  for n in 1 2 3; do
    if is_running "$n"; then kill -TERM "$(cat "$CLUSTER_DIR/node$n.pid")"; echo "node $n: SIGTERM sent"; fi
  done
  for n in 1 2 3; do
    for _ in $(seq 1 30); do is_running "$n" || break; sleep 1; done
    if is_running "$n"; then echo "node $n did not stop; killing"; kill -KILL "$(cat "$CLUSTER_DIR/node$n.pid")"; fi
    rm -f "$CLUSTER_DIR/node$n.pid"
  done
  echo "cluster down"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: tools/cluster.sh up|down|status" >&2; exit 2 ;;
esac
