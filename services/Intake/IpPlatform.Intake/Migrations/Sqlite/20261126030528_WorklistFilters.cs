using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpPlatform.Intake.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WorklistFilters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Applications_CallId_TrackId_CreatedAtUtc",
                table: "Applications",
                columns: new[] { "CallId", "TrackId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Applications_Stage_CreatedAtUtc",
                table: "Applications",
                columns: new[] { "Stage", "CreatedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Applications_CallId_TrackId_CreatedAtUtc",
                table: "Applications");

            migrationBuilder.DropIndex(
                name: "IX_Applications_Stage_CreatedAtUtc",
                table: "Applications");
        }
    }
}
