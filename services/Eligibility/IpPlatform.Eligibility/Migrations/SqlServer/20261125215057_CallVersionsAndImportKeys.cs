using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpPlatform.Eligibility.Migrations.SqlServer
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

            migrationBuilder.AlterColumn<string>(
                name: "GiName",
                table: "Projects",
                type: "nvarchar(max)",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "nvarchar(450)",
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "GiNameKey",
                table: "Projects",
                type: "nvarchar(450)",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Calls",
                type: "int",
                nullable: false,
                defaultValue: 1); // calls stored before versions existed are their version 1

            migrationBuilder.AddColumn<int>(
                name: "CallVersion",
                table: "Assessments",
                type: "int",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CallVersions",
                columns: table => new
                {
                    CallId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false),
                    DocumentText = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    PublishedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    PublishedBy = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: true)
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

            migrationBuilder.AlterColumn<string>(
                name: "GiName",
                table: "Projects",
                type: "nvarchar(450)",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "nvarchar(max)",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Projects_GiName",
                table: "Projects",
                column: "GiName");
        }
    }
}
