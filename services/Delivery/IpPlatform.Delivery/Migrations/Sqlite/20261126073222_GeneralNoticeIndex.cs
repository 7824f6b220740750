using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpPlatform.Delivery.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GeneralNoticeIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Notifications_ApplicationId_Kind",
                table: "Notifications",
                columns: new[] { "ApplicationId", "Kind" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Notifications_ApplicationId_Kind",
                table: "Notifications");
        }
    }
}
