using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpPlatform.Monitoring.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Accountability : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "FiledBy",
                table: "Reports",
                type: "nvarchar(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AcceptedBy",
                table: "Projects",
                type: "nvarchar(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CityCode",
                table: "Projects",
                type: "nvarchar(6)",
                maxLength: 6,
                nullable: false,
                defaultValue: "");

            // Projects opened before the city was kept: every code of the region table lies in the city named by its
            // first four digits (GB/T 2260), which is what Regions.CityOf answers for them.
            migrationBuilder.Sql("UPDATE [Projects] SET [CityCode] = LEFT([RegionCode], 4) + '00' WHERE LEN([RegionCode]) = 6");

            migrationBuilder.AddColumn<string>(
                name: "RecordedBy",
                table: "Evaluations",
                type: "nvarchar(128)",
                maxLength: 128,
                nullable: true);

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
                name: "IX_Projects_CityCode",
                table: "Projects",
                column: "CityCode");

            migrationBuilder.CreateIndex(
                name: "IX_Projects_CreditCode",
                table: "Projects",
                column: "CreditCode");

            migrationBuilder.CreateIndex(
                name: "IX_Projects_RegionCode",
                table: "Projects",
                column: "RegionCode");

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
                name: "IX_Projects_CityCode",
                table: "Projects");

            migrationBuilder.DropIndex(
                name: "IX_Projects_CreditCode",
                table: "Projects");

            migrationBuilder.DropIndex(
                name: "IX_Projects_RegionCode",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "FiledBy",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "AcceptedBy",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "CityCode",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "RecordedBy",
                table: "Evaluations");
        }
    }
}
