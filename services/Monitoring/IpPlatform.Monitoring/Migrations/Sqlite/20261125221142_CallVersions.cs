using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpPlatform.Monitoring.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CallVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CallVersion",
                table: "Tracks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1); // tracks kept before versions existed are of version 1
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CallVersion",
                table: "Tracks");
        }
    }
}
