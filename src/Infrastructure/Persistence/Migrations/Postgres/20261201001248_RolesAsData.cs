using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace CleanAuth.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RolesAsData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "roles",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_roles", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "role_permissions",
                columns: table => new
                {
                    role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    permission = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_role_permissions", x => new { x.role, x.permission });
                    table.ForeignKey(
                        name: "fk_role_permissions_roles_role",
                        column: x => x.role,
                        principalTable: "roles",
                        principalColumn: "name",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "roles",
                column: "name",
                values: new object[]
                {
                    "admin",
                    "guest",
                    "user"
                });

            migrationBuilder.InsertData(
                table: "role_permissions",
                columns: new[] { "permission", "role" },
                values: new object[,]
                {
                    { "account:manage_self", "admin" },
                    { "account:read_self", "admin" },
                    { "audit:read", "admin" },
                    { "invitations:create", "admin" },
                    { "roles:assign", "admin" },
                    { "roles:read", "admin" },
                    { "sessions:revoke", "admin" },
                    { "stats:read", "admin" },
                    { "users:delete", "admin" },
                    { "users:read", "admin" },
                    { "users:write", "admin" },
                    { "account:read_self", "guest" },
                    { "account:manage_self", "user" },
                    { "account:read_self", "user" }
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "role_permissions");

            migrationBuilder.DropTable(
                name: "roles");
        }
    }
}
