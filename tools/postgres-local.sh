#!/usr/bin/env bash
# Installs (from Debian's packages, if missing) and starts a local PostgreSQL on 127.0.0.1:5432 with a
# `showroom` login (password `showroom`). Used by .ci/run, by tools/cluster.sh and by developers:
#   sudo bash tools/postgres-local.sh
# Idempotent: safe to run again when everything is already in place.
set -euo pipefail

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  echo "Installing PostgreSQL from Debian packages..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q postgresql
fi

version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$version main"; then
  pg_createcluster "$version" main
fi
if ! pg_lsclusters -h | awk '$1=="'"$version"'" && $2=="main" {print $4}' | grep -qx online; then
  pg_ctlcluster "$version" main start
fi
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 1
done
pg_isready -h 127.0.0.1 -p 5432

cd /tmp
if ! su postgres -c "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='showroom'\"" | grep -qx 1; then
  su postgres -c "psql -q -c \"CREATE ROLE showroom LOGIN CREATEDB PASSWORD 'showroom'\""
fi
if ! su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='showroom'\"" | grep -qx 1; then
  su postgres -c "psql -q -c \"CREATE DATABASE showroom OWNER showroom\""
fi
echo "PostgreSQL $version is up on 127.0.0.1:5432 (user showroom, database showroom)."
