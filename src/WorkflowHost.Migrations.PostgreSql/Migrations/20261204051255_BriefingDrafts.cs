using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowHost.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class BriefingDrafts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "summary",
                table: "briefings",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "summary",
                table: "briefings");
        }
    }
}
