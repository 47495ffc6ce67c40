using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanAuth.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditLogAndAdminColumns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "last_login_at",
                table: "users",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "roles_changed_at",
                table: "users",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "audit_log",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    occurred_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    event_type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    actor_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    ip_address = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    user_agent = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    trace_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    details = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_log", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_users_created_at_id",
                table: "users",
                columns: new[] { "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_users_last_login_at_id",
                table: "users",
                columns: new[] { "last_login_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_users_roles_changed_at",
                table: "users",
                column: "roles_changed_at");

            migrationBuilder.CreateIndex(
                name: "ix_user_roles_role_user_id",
                table: "user_roles",
                columns: new[] { "role", "user_id" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_actor_id_occurred_at_id",
                table: "audit_log",
                columns: new[] { "actor_id", "occurred_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_event_type_occurred_at_id",
                table: "audit_log",
                columns: new[] { "event_type", "occurred_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_occurred_at_id",
                table: "audit_log",
                columns: new[] { "occurred_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_user_id_occurred_at_id",
                table: "audit_log",
                columns: new[] { "user_id", "occurred_at", "id" });

            // Added by hand (ADR-005): the audit log is append-only. Rows can be added, never changed or removed.
            migrationBuilder.Sql("""
                CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: DELETE refused'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_log");

            migrationBuilder.DropIndex(
                name: "ix_users_created_at_id",
                table: "users");

            migrationBuilder.DropIndex(
                name: "ix_users_last_login_at_id",
                table: "users");

            migrationBuilder.DropIndex(
                name: "ix_users_roles_changed_at",
                table: "users");

            migrationBuilder.DropIndex(
                name: "ix_user_roles_role_user_id",
                table: "user_roles");

            migrationBuilder.DropColumn(
                name: "last_login_at",
                table: "users");

            migrationBuilder.DropColumn(
                name: "roles_changed_at",
                table: "users");
        }
    }
}
