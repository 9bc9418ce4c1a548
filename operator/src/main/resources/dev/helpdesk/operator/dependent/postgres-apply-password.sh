# Runs before PostgreSQL accepts network clients (an init container, DESIGN §4.7): sets the role's
# password to the one in the Secret over the local socket, so the Secret stays the truth after a
# rotation or a regenerated Secret. A new data directory is left to the image's own initialisation.
set -eu
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  echo "apply-password: new data directory; the server initialises it with the Secret's password"
  exit 0
fi
sockets="${PGSOCKETS:-/var/run/postgresql}"
pg_ctl -D "$PGDATA" -w -t 300 -o "-c listen_addresses='' -k $sockets" start
# the password goes in as a psql variable, quoted by psql: no shell or SQL escaping of its characters
printf '%s\n' "ALTER ROLE CURRENT_USER PASSWORD :'password';" \
  | psql -X -q -v ON_ERROR_STOP=1 -h "$sockets" -U "$POSTGRES_USER" -d postgres -v password="$POSTGRES_PASSWORD" \
  || { pg_ctl -D "$PGDATA" -w -m fast stop; exit 1; }
pg_ctl -D "$PGDATA" -w -m fast stop
echo "apply-password: role $POSTGRES_USER has the password from the Secret"
