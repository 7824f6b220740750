using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpPlatform.Review.Migrations.SqlServer
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
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "DecisionId",
                table: "Reviews",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProjectName",
                table: "Applicants",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "RequestedCny",
                table: "Applicants",
                type: "decimal(18,2)",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CollectiveDecisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CallId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    TrackId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    CallVersion = table.Column<int>(type: "int", nullable: false),
                    MeetingDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Participants = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    RecordedBy = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    PublicityDays = table.Column<int>(type: "int", nullable: false),
                    PublicityEndsAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    FinalisedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    FinalisedBy = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CollectiveDecisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DecisionItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    DecisionId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Outcome = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    AmountCny = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: true),
                    Reason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    Withdrawn = table.Column<bool>(type: "bit", nullable: false)
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
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    DecisionId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Objector = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Grounds = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    RecordedBy = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Outcome = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Resolution = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    ResolvedBy = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: true),
                    ResolvedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true)
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
