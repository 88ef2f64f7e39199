#!/usr/bin/env bash
# Checks that need a built tree and no running showroom, run by .ci/run after `dotnet test` (issue 19):
#  1. a fresh clone: the README's `dotnet run --project src/ShowroomActors.Host` writes ./data/showroom.db where the
#     command runs, and the audit CLI finds it there with no extra flags;
#  2. a PostgreSQL test skip prints its reason in `dotnet test`'s normal output.
# Uses HTTP port 5259 and a free Akka port, so it does not collide with a showroom on the default ports.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "ci-checks: $*" >&2; exit 1; }

# --- 1. the README's commands and the audit CLI, from the repository root ------------------------------------
if [ -e data/showroom.db ]; then fail "data/showroom.db exists already; run this on a fresh clone"; fi
log=$(mktemp)
SHOWROOM_AKKA_PORT=0 setsid dotnet run --no-build --project src/ShowroomActors.Host -- --urls http://127.0.0.1:5259 >"$log" 2>&1 &
host=$!
ready=no
for _ in $(seq 1 90); do
  if curl -fsS http://127.0.0.1:5259/health/ready >/dev/null 2>&1 && curl -fsS http://127.0.0.1:5259/api/v1/slots/A-01 >/dev/null 2>&1; then ready=yes; break; fi
  sleep 1
done
kill -TERM -- "-$host" 2>/dev/null || true
wait "$host" 2>/dev/null || true
[ "$ready" = yes ] || { cat "$log"; fail "the host did not become ready with the demo showroom"; }
[ -e data/showroom.db ] || { cat "$log"; fail "dotnet run --project src/ShowroomActors.Host did not write ./data/showroom.db"; }
[ ! -e src/ShowroomActors.Host/data ] || fail "the host wrote src/ShowroomActors.Host/data instead of ./data"
dotnet run --no-build --project tools/ShowroomActors.Audit -- verify --all || fail "the audit CLI did not verify ./data/showroom.db"
rm -rf data "$log"
echo "ci-checks: the README's host command wrote ./data/showroom.db and the audit CLI verified it"

# --- 2. a PostgreSQL skip prints its reason -------------------------------------------------------------------
out=$(CI=false SHOWROOM_TEST_POSTGRES="Host=127.0.0.1;Port=1;Username=none;Password=none;Database=none;Timeout=2" \
  dotnet test tests/ShowroomActors.Actors.Tests --no-build --filter "FullyQualifiedName~PostgresPersistenceSpec" 2>&1) || true
grep -q "PostgreSQL tests skipped: PostgreSQL not reachable" <<<"$out" || { echo "$out"; fail "a PostgreSQL skip did not print its reason"; }
echo "ci-checks: a PostgreSQL skip prints its reason"
