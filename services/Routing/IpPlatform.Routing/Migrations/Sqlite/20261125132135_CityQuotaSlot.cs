using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpPlatform.Routing.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CityQuotaSlot : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CityQuotaSlot",
                table: "Recommendations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Recommendations_CallId_TrackId_CityCode_CityQuotaSlot",
                table: "Recommendations",
                columns: new[] { "CallId", "TrackId", "CityCode", "CityQuotaSlot" },
                unique: true,
                filter: "[CityQuotaSlot] IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Recommendations_CallId_TrackId_CityCode_CityQuotaSlot",
                table: "Recommendations");

            migrationBuilder.DropColumn(
                name: "CityQuotaSlot",
                table: "Recommendations");
        }
    }
}
