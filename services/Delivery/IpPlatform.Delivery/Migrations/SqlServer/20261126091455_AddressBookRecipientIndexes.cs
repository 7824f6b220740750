using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpPlatform.Delivery.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddressBookRecipientIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AddressBook_Role",
                table: "AddressBook");

            migrationBuilder.CreateIndex(
                name: "IX_AddressBook_Role_OfficeCode",
                table: "AddressBook",
                columns: new[] { "Role", "OfficeCode" });

            migrationBuilder.CreateIndex(
                name: "IX_AddressBook_Role_UserName",
                table: "AddressBook",
                columns: new[] { "Role", "UserName" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AddressBook_Role_OfficeCode",
                table: "AddressBook");

            migrationBuilder.DropIndex(
                name: "IX_AddressBook_Role_UserName",
                table: "AddressBook");

            migrationBuilder.CreateIndex(
                name: "IX_AddressBook_Role",
                table: "AddressBook",
                column: "Role");
        }
    }
}
