# The database half of a restore, in the server's own postgres image (its pg_restore and psql are
# that major): the public schema becomes exactly what the dump holds, in one transaction; a failure
# half-way leaves the database as it was. The app's restore-fetch has checked the dump's sha256.
set -eu
work=/backup-work
pg_restore --clean --if-exists --no-owner --no-privileges --file="$work/restore.sql" "$work/database.dump"
printf 'DROP SCHEMA IF EXISTS public CASCADE;\nCREATE SCHEMA public;\n' > "$work/empty-public-schema.sql"
exec psql --no-psqlrc --quiet --single-transaction --set=ON_ERROR_STOP=1 --dbname="$DATABASE_URL" \
  --file="$work/empty-public-schema.sql" --file="$work/restore.sql"
