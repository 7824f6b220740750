using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpPlatform.Eligibility.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class HistoryQueries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "GiNameKey",
                table: "SubmittedApplications",
                type: "TEXT",
                maxLength: 256,
                nullable: true);


            // The submissions stored before: their GI's comparison key in SQL (projects get theirs from ProjectKeysSeeder).
            // Normalization.NameKey removes every Unicode
            // white space and upper-cases invariantly; here the spaces that occur in GI names (ASCII, tab, line
            // breaks, the ideographic space) and, on SQLite, ASCII letters only. GI names are Chinese.
            foreach (var table in new[] { "SubmittedApplications" })
                migrationBuilder.Sql($"UPDATE {table} SET GiNameKey = UPPER(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(GiName, ' ', ''), char(9), ''), char(10), ''), char(13), ''), char(12288), '')) WHERE GiName IS NOT NULL;");

            migrationBuilder.CreateIndex(
                name: "IX_SubmittedApplications_CallId_TrackId_GiNameKey",
                table: "SubmittedApplications",
                columns: new[] { "CallId", "TrackId", "GiNameKey" });

            migrationBuilder.CreateIndex(
                name: "IX_Projects_TrackId_GiNameKey_Status",
                table: "Projects",
                columns: new[] { "TrackId", "GiNameKey", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Projects_TrackId_RegionCode_Kind",
                table: "Projects",
                columns: new[] { "TrackId", "RegionCode", "Kind" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SubmittedApplications_CallId_TrackId_GiNameKey",
                table: "SubmittedApplications");

            migrationBuilder.DropIndex(
                name: "IX_Projects_TrackId_GiNameKey_Status",
                table: "Projects");

            migrationBuilder.DropIndex(
                name: "IX_Projects_TrackId_RegionCode_Kind",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "GiNameKey",
                table: "SubmittedApplications");

        }
    }
}
