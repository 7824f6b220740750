using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpPlatform.Intake.Migrations.Sqlite
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
                defaultValue: 1); // calls known before versions existed are their version 1

            migrationBuilder.AddColumn<int>(
                name: "CallVersion",
                table: "Applications",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Version",
                table: "Calls");

            migrationBuilder.DropColumn(
                name: "CallVersion",
                table: "Applications");
        }
    }
}
