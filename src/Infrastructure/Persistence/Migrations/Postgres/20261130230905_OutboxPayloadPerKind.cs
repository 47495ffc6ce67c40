using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanAuth.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OutboxPayloadPerKind : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "recipient",
                table: "outbox_messages",
                type: "character varying(254)",
                maxLength: 254,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(254)",
                oldMaxLength: 254);

            // Added by hand (ADR-005): a password-reset lookup queued before this migration carried its address in
            // recipient (now only in its encrypted payload). Erase it from the lookups already handled or dead; a pending
            // one keeps it until handled (IssuePasswordResetHandler reads it from there when the payload is empty).
            migrationBuilder.Sql("UPDATE outbox_messages SET recipient = NULL WHERE kind = 'work:issue-password-reset' AND (sent_at IS NOT NULL OR dead_at IS NOT NULL);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "recipient",
                table: "outbox_messages",
                type: "character varying(254)",
                maxLength: 254,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(254)",
                oldMaxLength: 254,
                oldNullable: true);
        }
    }
}
