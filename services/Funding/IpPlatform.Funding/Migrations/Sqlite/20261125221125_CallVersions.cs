using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpPlatform.Funding.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CallVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CallVersion",
                table: "Plans",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1); // plans kept before versions existed are of version 1
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CallVersion",
                table: "Plans");
        }
    }
}
