using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpPlatform.Intake.Migrations.SqlServer
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
                    CallId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false),
                    DocumentText = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    PublishedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
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
