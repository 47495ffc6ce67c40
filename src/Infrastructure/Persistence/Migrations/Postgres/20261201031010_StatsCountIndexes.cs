using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanAuth.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StatsCountIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_users_is_active_email_verified",
                table: "users",
                columns: new[] { "is_active", "email_verified" });

            migrationBuilder.CreateIndex(
                name: "ix_sessions_live_expiry",
                table: "sessions",
                columns: new[] { "expires_at", "idle_expires_at" },
                filter: "revoked_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_users_is_active_email_verified",
                table: "users");

            migrationBuilder.DropIndex(
                name: "ix_sessions_live_expiry",
                table: "sessions");
        }
    }
}
