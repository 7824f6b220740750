using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpPlatform.Eligibility.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CallVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Calls",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1); // calls stored before versions existed are their version 1

            migrationBuilder.AddColumn<int>(
                name: "CallVersion",
                table: "Assessments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CallVersions",
                columns: table => new
                {
                    CallId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    DocumentText = table.Column<string>(type: "TEXT", nullable: false),
                    PublishedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    PublishedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true)
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

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Calls");

            migrationBuilder.DropColumn(
                name: "CallVersion",
                table: "Assessments");
        }
    }
}
