using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanAuth.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <summary>
    /// Written by hand (ADR-016): the counts behind the admin lists' totals and the stats, kept by triggers in the
    /// transaction of each change, so that a total over a million rows is a look-up, not a scan. Outside the EF model.
    /// SQLite has one writer at a time: row-level triggers need no lock of their own.
    /// </summary>
    public partial class ListCounts : Migration
    {
        private const string AddToCount = "ON CONFLICT (name) DO UPDATE SET count = list_counts.count + excluded.count";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE TABLE list_counts (name TEXT NOT NULL PRIMARY KEY, count INTEGER NOT NULL);");
            migrationBuilder.Sql($"""
                CREATE TRIGGER list_counts_users_inserted AFTER INSERT ON users
                BEGIN
                    INSERT INTO list_counts (name, count)
                    VALUES ('users', 1), ('users:active', NEW.is_active), ('users:verified', NEW.email_verified) {AddToCount};
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER list_counts_users_updated AFTER UPDATE OF is_active, email_verified ON users
                WHEN OLD.is_active <> NEW.is_active OR OLD.email_verified <> NEW.email_verified
                BEGIN
                    INSERT INTO list_counts (name, count)
                    VALUES ('users:active', NEW.is_active - OLD.is_active), ('users:verified', NEW.email_verified - OLD.email_verified) {AddToCount};
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER list_counts_users_deleted AFTER DELETE ON users
                BEGIN
                    INSERT INTO list_counts (name, count)
                    VALUES ('users', -1), ('users:active', -OLD.is_active), ('users:verified', -OLD.email_verified) {AddToCount};
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER list_counts_user_roles_inserted AFTER INSERT ON user_roles
                BEGIN
                    INSERT INTO list_counts (name, count) VALUES ('role:' || NEW.role, 1) {AddToCount};
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER list_counts_user_roles_updated AFTER UPDATE OF role ON user_roles
                WHEN OLD.role <> NEW.role
                BEGIN
                    INSERT INTO list_counts (name, count) VALUES ('role:' || OLD.role, -1), ('role:' || NEW.role, 1) {AddToCount};
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER list_counts_user_roles_deleted AFTER DELETE ON user_roles
                BEGIN
                    INSERT INTO list_counts (name, count) VALUES ('role:' || OLD.role, -1) {AddToCount};
                END;
                """);

            // The audit log is append-only (its own triggers refuse UPDATE and DELETE): inserts are all.
            migrationBuilder.Sql($"""
                CREATE TRIGGER list_counts_audit_log_inserted AFTER INSERT ON audit_log
                BEGIN
                    INSERT INTO list_counts (name, count) VALUES ('audit:' || NEW.event_type, 1) {AddToCount};
                END;
                """);

            // The counts of what is already there.
            migrationBuilder.Sql("""
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
            foreach (var trigger in new[]
            {
                "list_counts_users_inserted", "list_counts_users_updated", "list_counts_users_deleted",
                "list_counts_user_roles_inserted", "list_counts_user_roles_updated", "list_counts_user_roles_deleted",
                "list_counts_audit_log_inserted",
            })
            {
                migrationBuilder.Sql($"DROP TRIGGER {trigger};");
            }

            migrationBuilder.Sql("DROP TABLE list_counts;");
        }
    }
}
