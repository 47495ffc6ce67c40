using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanAuth.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OutboxRecipientErasure : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Added by hand (ADR-005): a password-reset lookup queued before OutboxPayloadPerKind carried its address in
            // recipient (now only in its encrypted payload). Erase it from the lookups already handled or dead; a pending
            // one keeps it until handled (IssuePasswordResetHandler reads it from there when the payload is empty).
            // A migration of its own on SQLite: that one rebuilds the table, and SQL after a pending rebuild is unsafe.
            migrationBuilder.Sql("UPDATE outbox_messages SET recipient = NULL WHERE kind = 'work:issue-password-reset' AND (sent_at IS NOT NULL OR dead_at IS NOT NULL);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
