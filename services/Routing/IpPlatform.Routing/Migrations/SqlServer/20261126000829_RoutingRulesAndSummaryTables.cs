using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpPlatform.Routing.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class RoutingRulesAndSummaryTables : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CityOpinion",
                table: "Recommendations",
                type: "nvarchar(max)",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CityOpinionBy",
                table: "Recommendations",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "CityOffice");

            // Cases opened before the rules were data: protection-zone was the one track whose city opinion the city government gives.
            migrationBuilder.Sql("UPDATE Recommendations SET CityOpinionBy = 'CityGovernment' WHERE TrackId = 'protection-zone'");

            migrationBuilder.AddColumn<string>(
                name: "CountyOpinion",
                table: "Recommendations",
                type: "nvarchar(max)",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProjectName",
                table: "Recommendations",
                type: "nvarchar(300)",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<decimal>(
                name: "ProvincialFundsCny",
                table: "Recommendations",
                type: "decimal(18,2)",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CallText",
                table: "CallVersions",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "CallText",
                table: "Calls",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "SummaryTables",
                columns: table => new
                {
                    CallId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    CityCode = table.Column<string>(type: "nvarchar(6)", maxLength: 6, nullable: false),
                    TrackId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    OrderText = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    OrderedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    DeliveredAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    DeliveredByName = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: true),
                    DeliveredByRole = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    Fingerprint = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    DeliveredRowsText = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SummaryTables", x => new { x.CallId, x.CityCode, x.TrackId });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SummaryTables");

            migrationBuilder.DropColumn(
                name: "CityOpinion",
                table: "Recommendations");

            migrationBuilder.DropColumn(
                name: "CityOpinionBy",
                table: "Recommendations");

            migrationBuilder.DropColumn(
                name: "CountyOpinion",
                table: "Recommendations");

            migrationBuilder.DropColumn(
                name: "ProjectName",
                table: "Recommendations");

            migrationBuilder.DropColumn(
                name: "ProvincialFundsCny",
                table: "Recommendations");

            migrationBuilder.DropColumn(
                name: "CallText",
                table: "CallVersions");

            migrationBuilder.DropColumn(
                name: "CallText",
                table: "Calls");
        }
    }
}
