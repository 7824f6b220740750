using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpPlatform.Review.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ExpertReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Rules",
                table: "TrackDivisions",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.AddColumn<string>(
                name: "CancellationReason",
                table: "Reviews",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "CancelledAtUtc",
                table: "Reviews",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CancelledBy",
                table: "Reviews",
                type: "nvarchar(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "PanelClosedAtUtc",
                table: "Reviews",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AlterColumn<decimal>(
                name: "Score",
                table: "ExpertScores",
                type: "decimal(9,2)",
                precision: 9,
                scale: 2,
                nullable: false,
                oldClrType: typeof(decimal),
                oldType: "decimal(5,2)",
                oldPrecision: 5,
                oldScale: 2);

            migrationBuilder.AddColumn<decimal>(
                name: "BonusPoints",
                table: "ExpertScores",
                type: "decimal(9,2)",
                precision: 9,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<string>(
                name: "Points",
                table: "ExpertScores",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.AddColumn<int>(
                name: "Revisions",
                table: "ExpertScores",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "CallId",
                table: "Applicants",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "PartnerCreditCodes",
                table: "Applicants",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "TrackId",
                table: "Applicants",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "Experts",
                columns: table => new
                {
                    AccountName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    DisplayName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Tracks = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    EmployerName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    EmployerCreditCode = table.Column<string>(type: "nvarchar(18)", maxLength: 18, nullable: false),
                    CityCode = table.Column<string>(type: "nvarchar(6)", maxLength: 6, nullable: false),
                    Active = table.Column<bool>(type: "bit", nullable: false),
                    DeclaredConflicts = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Experts", x => x.AccountName);
                });

            migrationBuilder.CreateTable(
                name: "PanelSeats",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ApplicationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Expert = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Round = table.Column<int>(type: "int", nullable: false),
                    Seed = table.Column<int>(type: "int", nullable: false),
                    DrawnAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    DeclineReason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    DeclinedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PanelSeats", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PanelSeats_Reviews_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Reviews",
                        principalColumn: "ApplicationId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Applicants_CallId_TrackId",
                table: "Applicants",
                columns: new[] { "CallId", "TrackId" });

            migrationBuilder.CreateIndex(
                name: "IX_PanelSeats_ApplicationId_Expert",
                table: "PanelSeats",
                columns: new[] { "ApplicationId", "Expert" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Experts");

            migrationBuilder.DropTable(
                name: "PanelSeats");

            migrationBuilder.DropIndex(
                name: "IX_Applicants_CallId_TrackId",
                table: "Applicants");

            migrationBuilder.DropColumn(
                name: "Rules",
                table: "TrackDivisions");

            migrationBuilder.DropColumn(
                name: "CancellationReason",
                table: "Reviews");

            migrationBuilder.DropColumn(
                name: "CancelledAtUtc",
                table: "Reviews");

            migrationBuilder.DropColumn(
                name: "CancelledBy",
                table: "Reviews");

            migrationBuilder.DropColumn(
                name: "PanelClosedAtUtc",
                table: "Reviews");

            migrationBuilder.DropColumn(
                name: "BonusPoints",
                table: "ExpertScores");

            migrationBuilder.DropColumn(
                name: "Points",
                table: "ExpertScores");

            migrationBuilder.DropColumn(
                name: "Revisions",
                table: "ExpertScores");

            migrationBuilder.DropColumn(
                name: "CallId",
                table: "Applicants");

            migrationBuilder.DropColumn(
                name: "PartnerCreditCodes",
                table: "Applicants");

            migrationBuilder.DropColumn(
                name: "TrackId",
                table: "Applicants");

            migrationBuilder.AlterColumn<decimal>(
                name: "Score",
                table: "ExpertScores",
                type: "decimal(5,2)",
                precision: 5,
                scale: 2,
                nullable: false,
                oldClrType: typeof(decimal),
                oldType: "decimal(9,2)",
                oldPrecision: 9,
                oldScale: 2);
        }
    }
}
