using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpPlatform.Review.Migrations.Sqlite
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
                type: "TEXT",
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.AddColumn<string>(
                name: "CancellationReason",
                table: "Reviews",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "CancelledAtUtc",
                table: "Reviews",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CancelledBy",
                table: "Reviews",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "PanelClosedAtUtc",
                table: "Reviews",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "BonusPoints",
                table: "ExpertScores",
                type: "TEXT",
                precision: 9,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<string>(
                name: "Points",
                table: "ExpertScores",
                type: "TEXT",
                maxLength: 2000,
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.AddColumn<int>(
                name: "Revisions",
                table: "ExpertScores",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "CallId",
                table: "Applicants",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "PartnerCreditCodes",
                table: "Applicants",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "TrackId",
                table: "Applicants",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "Experts",
                columns: table => new
                {
                    AccountName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Tracks = table.Column<string>(type: "TEXT", nullable: false),
                    EmployerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    EmployerCreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    CityCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    DeclaredConflicts = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Experts", x => x.AccountName);
                });

            migrationBuilder.CreateTable(
                name: "PanelSeats",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Expert = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Round = table.Column<int>(type: "INTEGER", nullable: false),
                    Seed = table.Column<int>(type: "INTEGER", nullable: false),
                    DrawnAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DeclineReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    DeclinedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
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
        }
    }
}
