using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpPlatform.Eligibility.Migrations.SqlServer
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
