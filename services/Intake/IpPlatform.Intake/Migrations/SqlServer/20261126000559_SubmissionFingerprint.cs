using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpPlatform.Intake.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class SubmissionFingerprint : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PaperCopy_Copies",
                table: "Applications",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PaperCopy_Level",
                table: "Applications",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "PaperCopy_Matches",
                table: "Applications",
                type: "bit",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PaperCopy_OfficeCode",
                table: "Applications",
                type: "nvarchar(6)",
                maxLength: 6,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PaperCopy_Reason",
                table: "Applications",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PaperCopy_ReceivedOn",
                table: "Applications",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "PaperCopy_RecordedAtUtc",
                table: "Applications",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PaperCopy_RecordedBy",
                table: "Applications",
                type: "nvarchar(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SubmissionFingerprint",
                table: "Applications",
                type: "nchar(64)",
                fixedLength: true,
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Applications_SubmissionFingerprint",
                table: "Applications",
                column: "SubmissionFingerprint");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Applications_SubmissionFingerprint",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "PaperCopy_Copies",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "PaperCopy_Level",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "PaperCopy_Matches",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "PaperCopy_OfficeCode",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "PaperCopy_Reason",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "PaperCopy_ReceivedOn",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "PaperCopy_RecordedAtUtc",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "PaperCopy_RecordedBy",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "SubmissionFingerprint",
                table: "Applications");
        }
    }
}
