# Sourced by .ci/run: makes sure a PostgreSQL server answers on
# 127.0.0.1:5432 (starts the installed cluster, or installs one with
# apt-get), creates a fresh database and exports PARALLAX_TEST_DATABASE_URL.
pg_ready() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
if ! command -v pg_isready >/dev/null; then
  echo "ci: installing postgresql"
  apt_install postgresql
fi
if ! pg_ready; then
  echo "ci: starting postgresql"
  for v in $(ls /etc/postgresql 2>/dev/null); do
    pg_ctlcluster --skip-systemctl-redirect "$v" main start || true
  done
  for _ in $(seq 1 30); do pg_ready && break; sleep 1; done
fi
pg_ready || { echo "ci: PostgreSQL is not answering on 127.0.0.1:5432"; exit 1; }
pg_admin() { psql -v ON_ERROR_STOP=1 -q -h 127.0.0.1 -U postgres -d postgres "$@" 2>/dev/null || su postgres -c "psql -v ON_ERROR_STOP=1 -q -d postgres $(printf '%q ' "$@")"; }
ci_db="parallax_ci_$$"
pg_admin -c "DROP DATABASE IF EXISTS $ci_db" -c "CREATE DATABASE $ci_db"
export PARALLAX_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:5432/$ci_db?sslmode=disable"
trap 'pg_admin -c "DROP DATABASE IF EXISTS $ci_db" >/dev/null 2>&1 || true' EXIT
