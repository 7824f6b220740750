using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpPlatform.Eligibility.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CallVersionsAndImportKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Projects_GiName",
                table: "Projects");

            migrationBuilder.AddColumn<string>(
                name: "GiNameKey",
                table: "Projects",
                type: "TEXT",
                nullable: true);

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

            migrationBuilder.CreateIndex(
                name: "IX_Projects_CreditCode_TrackId_CallYear",
                table: "Projects",
                columns: new[] { "CreditCode", "TrackId", "CallYear" });

            migrationBuilder.CreateIndex(
                name: "IX_Projects_GiNameKey",
                table: "Projects",
                column: "GiNameKey");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CallVersions");

            migrationBuilder.DropIndex(
                name: "IX_Projects_CreditCode_TrackId_CallYear",
                table: "Projects");

            migrationBuilder.DropIndex(
                name: "IX_Projects_GiNameKey",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "GiNameKey",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Calls");

            migrationBuilder.DropColumn(
                name: "CallVersion",
                table: "Assessments");

            migrationBuilder.CreateIndex(
                name: "IX_Projects_GiName",
                table: "Projects",
                column: "GiName");
        }
    }
}
