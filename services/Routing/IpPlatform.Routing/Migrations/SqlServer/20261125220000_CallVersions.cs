using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpPlatform.Routing.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class CallVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CallVersion",
                table: "Recommendations",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Calls",
                type: "int",
                nullable: false,
                defaultValue: 1); // calls known before versions existed are their version 1

            migrationBuilder.CreateTable(
                name: "CallVersions",
                columns: table => new
                {
                    CallId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false),
                    QuotasText = table.Column<string>(type: "nvarchar(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CallVersions", x => new { x.CallId, x.Version });
                });

            // Each call known before versions existed is its version 1, with the quotas routing holds.
            migrationBuilder.Sql("INSERT INTO CallVersions (CallId, Version, QuotasText) SELECT Id, 1, QuotasText FROM Calls");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CallVersions");

            migrationBuilder.DropColumn(
                name: "CallVersion",
                table: "Recommendations");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Calls");
        }
    }
}
