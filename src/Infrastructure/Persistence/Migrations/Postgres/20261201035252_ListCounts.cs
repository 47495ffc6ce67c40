using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanAuth.Infrastructure.Persistence.Migrations.Postgres
{
    /// <summary>
    /// Written by hand (ADR-016): the counts behind the admin lists' totals and the stats, kept by triggers in the
    /// transaction of each change, so that a total over a million rows is a look-up, not a scan. Outside the EF model.
    /// </summary>
    public partial class ListCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE list_counts (
                    name  varchar(100) PRIMARY KEY,
                    count bigint NOT NULL
                );

                -- Adds each (name, delta) to its count. Every writer first takes one transaction-scoped advisory lock:
                -- the counts' rows are then always locked by one transaction at a time, whatever the order of its
                -- names, so two writers can never deadlock on them.
                CREATE FUNCTION list_counts_add(names text[], deltas bigint[]) RETURNS void LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_advisory_xact_lock(hashtext('list_counts'));
                    INSERT INTO list_counts (name, count)
                    SELECT d.name, sum(d.delta) FROM unnest(names, deltas) AS d(name, delta) GROUP BY d.name
                    ON CONFLICT (name) DO UPDATE SET count = list_counts.count + EXCLUDED.count;
                END
                $$;

                -- A transition table exists only for the operations that have one: each trigger has its own function.
                CREATE FUNCTION list_counts_users_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    total bigint;
                    active bigint;
                    verified bigint;
                BEGIN
                    SELECT count(*), count(*) FILTER (WHERE is_active), count(*) FILTER (WHERE email_verified)
                    INTO total, active, verified FROM new_rows;
                    IF total <> 0 THEN
                        PERFORM list_counts_add(ARRAY['users', 'users:active', 'users:verified'], ARRAY[total, active, verified]);
                    END IF;
                    RETURN NULL;
                END
                $$;
                CREATE FUNCTION list_counts_users_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    total bigint;
                    active bigint;
                    verified bigint;
                BEGIN
                    SELECT count(*), count(*) FILTER (WHERE is_active), count(*) FILTER (WHERE email_verified)
                    INTO total, active, verified FROM old_rows;
                    IF total <> 0 THEN
                        PERFORM list_counts_add(ARRAY['users', 'users:active', 'users:verified'], ARRAY[-total, -active, -verified]);
                    END IF;
                    RETURN NULL;
                END
                $$;
                CREATE FUNCTION list_counts_users_updated() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    active bigint;
                    verified bigint;
                BEGIN
                    SELECT (SELECT count(*) FILTER (WHERE is_active) FROM new_rows) - (SELECT count(*) FILTER (WHERE is_active) FROM old_rows),
                           (SELECT count(*) FILTER (WHERE email_verified) FROM new_rows) - (SELECT count(*) FILTER (WHERE email_verified) FROM old_rows)
                    INTO active, verified;
                    -- Most updates (a login's last_login_at, a profile change) change no count, and take no lock.
                    IF active <> 0 OR verified <> 0 THEN
                        PERFORM list_counts_add(ARRAY['users:active', 'users:verified'], ARRAY[active, verified]);
                    END IF;
                    RETURN NULL;
                END
                $$;
                CREATE TRIGGER list_counts_users_inserted AFTER INSERT ON users
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION list_counts_users_inserted();
                CREATE TRIGGER list_counts_users_updated AFTER UPDATE ON users
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION list_counts_users_updated();
                CREATE TRIGGER list_counts_users_deleted AFTER DELETE ON users
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION list_counts_users_deleted();
                """);

            migrationBuilder.Sql("""
                CREATE FUNCTION list_counts_user_roles_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    names text[];
                    deltas bigint[];
                BEGIN
                    SELECT array_agg('role:' || role), array_agg(n) INTO names, deltas
                    FROM (SELECT role, count(*) AS n FROM new_rows GROUP BY role) AS per_role;
                    IF names IS NOT NULL THEN
                        PERFORM list_counts_add(names, deltas);
                    END IF;
                    RETURN NULL;
                END
                $$;
                CREATE FUNCTION list_counts_user_roles_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    names text[];
                    deltas bigint[];
                BEGIN
                    SELECT array_agg('role:' || role), array_agg(-n) INTO names, deltas
                    FROM (SELECT role, count(*) AS n FROM old_rows GROUP BY role) AS per_role;
                    IF names IS NOT NULL THEN
                        PERFORM list_counts_add(names, deltas);
                    END IF;
                    RETURN NULL;
                END
                $$;
                CREATE FUNCTION list_counts_user_roles_updated() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    names text[];
                    deltas bigint[];
                BEGIN
                    SELECT array_agg('role:' || role), array_agg(n) INTO names, deltas
                    FROM (SELECT role, sum(delta) AS n
                          FROM (SELECT role, 1 AS delta FROM new_rows UNION ALL SELECT role, -1 FROM old_rows) AS changes
                          GROUP BY role) AS per_role
                    WHERE n <> 0;
                    IF names IS NOT NULL THEN
                        PERFORM list_counts_add(names, deltas);
                    END IF;
                    RETURN NULL;
                END
                $$;
                CREATE TRIGGER list_counts_user_roles_inserted AFTER INSERT ON user_roles
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION list_counts_user_roles_inserted();
                CREATE TRIGGER list_counts_user_roles_updated AFTER UPDATE ON user_roles
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION list_counts_user_roles_updated();
                CREATE TRIGGER list_counts_user_roles_deleted AFTER DELETE ON user_roles
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION list_counts_user_roles_deleted();

                -- The audit log is append-only (its own triggers refuse UPDATE, DELETE and TRUNCATE): inserts are all.
                CREATE FUNCTION list_counts_audit_log_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    names text[];
                    deltas bigint[];
                BEGIN
                    SELECT array_agg('audit:' || event_type), array_agg(n) INTO names, deltas
                    FROM (SELECT event_type, count(*) AS n FROM new_rows GROUP BY event_type) AS per_type;
                    IF names IS NOT NULL THEN
                        PERFORM list_counts_add(names, deltas);
                    END IF;
                    RETURN NULL;
                END
                $$;
                CREATE TRIGGER list_counts_audit_log_inserted AFTER INSERT ON audit_log
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION list_counts_audit_log_inserted();

                -- TRUNCATE skips row-level bookkeeping: start the counts again from the table (no transition table).
                CREATE FUNCTION list_counts_users_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_advisory_xact_lock(hashtext('list_counts'));
                    DELETE FROM list_counts WHERE name LIKE 'users%' OR name LIKE 'role:%';
                    RETURN NULL;
                END
                $$;
                CREATE TRIGGER list_counts_users_truncated AFTER TRUNCATE ON users
                    FOR EACH STATEMENT EXECUTE FUNCTION list_counts_users_truncated();
                CREATE TRIGGER list_counts_user_roles_truncated AFTER TRUNCATE ON user_roles
                    FOR EACH STATEMENT EXECUTE FUNCTION list_counts_users_truncated();

                -- The counts of what is already there.
                INSERT INTO list_counts (name, count)
                SELECT 'users', count(*) FROM users
                UNION ALL SELECT 'users:active', count(*) FILTER (WHERE is_active) FROM users
                UNION ALL SELECT 'users:verified', count(*) FILTER (WHERE email_verified) FROM users
                UNION ALL SELECT 'role:' || role, count(*) FROM user_roles GROUP BY role
                UNION ALL SELECT 'audit:' || event_type, count(*) FROM audit_log GROUP BY event_type;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER list_counts_users_inserted ON users;
                DROP TRIGGER list_counts_users_updated ON users;
                DROP TRIGGER list_counts_users_deleted ON users;
                DROP TRIGGER list_counts_users_truncated ON users;
                DROP TRIGGER list_counts_user_roles_inserted ON user_roles;
                DROP TRIGGER list_counts_user_roles_updated ON user_roles;
                DROP TRIGGER list_counts_user_roles_deleted ON user_roles;
                DROP TRIGGER list_counts_user_roles_truncated ON user_roles;
                DROP TRIGGER list_counts_audit_log_inserted ON audit_log;
                DROP FUNCTION list_counts_users_inserted();
                DROP FUNCTION list_counts_users_updated();
                DROP FUNCTION list_counts_users_deleted();
                DROP FUNCTION list_counts_user_roles_inserted();
                DROP FUNCTION list_counts_user_roles_updated();
                DROP FUNCTION list_counts_user_roles_deleted();
                DROP FUNCTION list_counts_audit_log_inserted();
                DROP FUNCTION list_counts_users_truncated();
                DROP FUNCTION list_counts_add(text[], bigint[]);
                DROP TABLE list_counts;
                """);
        }
    }
}
