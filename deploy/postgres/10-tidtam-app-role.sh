#!/bin/sh
# Run once, by the postgres image on its first start (docker-entrypoint-initdb.d), or by
# hand on a database server of your own (docs/MANY-AGENCIES.md, "What runs once"):
# the role Tidtam's web, worker and scheduler processes connect as. It owns nothing, so
# PostgreSQL's row-level security binds it (migration 0010's policies): a unit of work
# sees and writes only its agency's rows. The tables' owner ($POSTGRES_USER) runs
# `python bot.py db upgrade` and nothing else.
set -eu
: "${TIDTAM_APP_PASSWORD:?set TIDTAM_APP_PASSWORD}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v app_password="$TIDTAM_APP_PASSWORD" -v owner="$POSTGRES_USER" -v db="$POSTGRES_DB" <<'SQL'
CREATE ROLE tidtam_app LOGIN PASSWORD :'app_password' NOSUPERUSER NOBYPASSRLS;
GRANT CONNECT ON DATABASE :"db" TO tidtam_app;
GRANT USAGE ON SCHEMA public TO tidtam_app;
-- what exists already (a database upgraded before the role was made) ...
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO tidtam_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO tidtam_app;
-- ... and every table and sequence the owner's migrations create from now on
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO tidtam_app;
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO tidtam_app;
SQL
