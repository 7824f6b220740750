using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpPlatform.Monitoring.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CallVersionOfDecision : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_Tracks",
                table: "Tracks");

            migrationBuilder.AddPrimaryKey(
                name: "PK_Tracks",
                table: "Tracks",
                columns: new[] { "CallId", "TrackId", "CallVersion" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_Tracks",
                table: "Tracks");

            migrationBuilder.AddPrimaryKey(
                name: "PK_Tracks",
                table: "Tracks",
                columns: new[] { "CallId", "TrackId" });
        }
    }
}
