using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpPlatform.Intake.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CallVersionsKept : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CallVersions",
                columns: table => new
                {
                    CallId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    DocumentText = table.Column<string>(type: "TEXT", nullable: false),
                    PublishedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CallVersions", x => new { x.CallId, x.Version });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CallVersions");
        }
    }
}
