using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpPlatform.Funding.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class CallVersionOfDecision : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_Plans",
                table: "Plans");

            migrationBuilder.AddPrimaryKey(
                name: "PK_Plans",
                table: "Plans",
                columns: new[] { "CallId", "TrackId", "CallVersion" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_Plans",
                table: "Plans");

            migrationBuilder.AddPrimaryKey(
                name: "PK_Plans",
                table: "Plans",
                columns: new[] { "CallId", "TrackId" });
        }
    }
}
