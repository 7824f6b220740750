using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpPlatform.Intake.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Accountability : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ByName",
                table: "ApplicationTimeline",
                type: "nvarchar(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ByOffice",
                table: "ApplicationTimeline",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ByRole",
                table: "ApplicationTimeline",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CityCode",
                table: "Applications",
                type: "nvarchar(6)",
                maxLength: 6,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "OwnerCreditCode",
                table: "Applications",
                type: "nvarchar(18)",
                maxLength: 18,
                nullable: false,
                defaultValue: "");

            // Drafts made before accounts existed: the organisation the document names owns them; the city
            // follows from the region (the table's cities are the codes' first four digits).
            migrationBuilder.Sql("UPDATE [Applications] SET [OwnerCreditCode] = [CreditCode], [CityCode] = CASE WHEN LEN([RegionCode]) = 6 THEN LEFT([RegionCode], 4) + '00' ELSE '' END;");

            migrationBuilder.CreateTable(
                name: "AuditLog",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ActorId = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    ActorName = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    ActorRole = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    ActorOffice = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: true),
                    Action = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Subject = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    Details = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    PreviousHash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditLog", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Applications_CityCode_CreatedAtUtc",
                table: "Applications",
                columns: new[] { "CityCode", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Applications_CreatedAtUtc",
                table: "Applications",
                column: "CreatedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_OwnerCreditCode_CreatedAtUtc",
                table: "Applications",
                columns: new[] { "OwnerCreditCode", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Applications_RegionCode_CreatedAtUtc",
                table: "Applications",
                columns: new[] { "RegionCode", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditLog_Sequence",
                table: "AuditLog",
                column: "Sequence",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditLog_Subject",
                table: "AuditLog",
                column: "Subject");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditLog");

            migrationBuilder.DropIndex(
                name: "IX_Applications_CityCode_CreatedAtUtc",
                table: "Applications");

            migrationBuilder.DropIndex(
                name: "IX_Applications_CreatedAtUtc",
                table: "Applications");

            migrationBuilder.DropIndex(
                name: "IX_Applications_OwnerCreditCode_CreatedAtUtc",
                table: "Applications");

            migrationBuilder.DropIndex(
                name: "IX_Applications_RegionCode_CreatedAtUtc",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "ByName",
                table: "ApplicationTimeline");

            migrationBuilder.DropColumn(
                name: "ByOffice",
                table: "ApplicationTimeline");

            migrationBuilder.DropColumn(
                name: "ByRole",
                table: "ApplicationTimeline");

            migrationBuilder.DropColumn(
                name: "CityCode",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "OwnerCreditCode",
                table: "Applications");
        }
    }
}
