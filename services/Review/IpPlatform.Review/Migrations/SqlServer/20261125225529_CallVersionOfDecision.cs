using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpPlatform.Review.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class CallVersionOfDecision : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CallVersion",
                table: "TrackDivisions",
                type: "int",
                nullable: false,
                defaultValue: 1); // divisions kept before versions existed are of version 1

            migrationBuilder.AddColumn<int>(
                name: "CallVersion",
                table: "Applicants",
                type: "int",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CallVersion",
                table: "TrackDivisions");

            migrationBuilder.DropColumn(
                name: "CallVersion",
                table: "Applicants");
        }
    }
}
