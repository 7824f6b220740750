using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpPlatform.Intake.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PaperCopy_Level",
                table: "Applications",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "PaperCopy_Matches",
                table: "Applications",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PaperCopy_OfficeCode",
                table: "Applications",
                type: "TEXT",
                maxLength: 6,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PaperCopy_Reason",
                table: "Applications",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PaperCopy_ReceivedOn",
                table: "Applications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "PaperCopy_RecordedAtUtc",
                table: "Applications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PaperCopy_RecordedBy",
                table: "Applications",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SubmissionFingerprint",
                table: "Applications",
                type: "TEXT",
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
