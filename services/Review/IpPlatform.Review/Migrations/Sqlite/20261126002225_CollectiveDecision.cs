using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpPlatform.Review.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CollectiveDecision : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "LedgerVersion",
                table: "TrackDivisions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "DecisionId",
                table: "Reviews",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProjectName",
                table: "Applicants",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "RequestedCny",
                table: "Applicants",
                type: "TEXT",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CollectiveDecisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CallId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TrackId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CallVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    MeetingDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Participants = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    PublicityDays = table.Column<int>(type: "INTEGER", nullable: false),
                    PublicityEndsAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    FinalisedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinalisedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CollectiveDecisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DecisionItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DecisionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AmountCny = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Withdrawn = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DecisionItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DecisionItems_CollectiveDecisions_DecisionId",
                        column: x => x.DecisionId,
                        principalTable: "CollectiveDecisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DecisionObjections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DecisionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Objector = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Grounds = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Resolution = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ResolvedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    ResolvedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DecisionObjections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DecisionObjections_CollectiveDecisions_DecisionId",
                        column: x => x.DecisionId,
                        principalTable: "CollectiveDecisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Reviews_DecisionId",
                table: "Reviews",
                column: "DecisionId");

            migrationBuilder.CreateIndex(
                name: "IX_CollectiveDecisions_CallId_TrackId_Status",
                table: "CollectiveDecisions",
                columns: new[] { "CallId", "TrackId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_DecisionItems_ApplicationId",
                table: "DecisionItems",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_DecisionItems_DecisionId_ApplicationId",
                table: "DecisionItems",
                columns: new[] { "DecisionId", "ApplicationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DecisionObjections_DecisionId",
                table: "DecisionObjections",
                column: "DecisionId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DecisionItems");

            migrationBuilder.DropTable(
                name: "DecisionObjections");

            migrationBuilder.DropTable(
                name: "CollectiveDecisions");

            migrationBuilder.DropIndex(
                name: "IX_Reviews_DecisionId",
                table: "Reviews");

            migrationBuilder.DropColumn(
                name: "LedgerVersion",
                table: "TrackDivisions");

            migrationBuilder.DropColumn(
                name: "DecisionId",
                table: "Reviews");

            migrationBuilder.DropColumn(
                name: "ProjectName",
                table: "Applicants");

            migrationBuilder.DropColumn(
                name: "RequestedCny",
                table: "Applicants");
        }
    }
}
