using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowHost.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Trees : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "parent_id",
                table: "units",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "parent_id",
                table: "assignments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "sign_offs",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    assignment_id = table.Column<long>(type: "INTEGER", nullable: false),
                    unit_id = table.Column<long>(type: "INTEGER", nullable: false),
                    action = table.Column<string>(type: "TEXT", nullable: false),
                    payload = table.Column<string>(type: "TEXT", nullable: false),
                    prepared_by = table.Column<string>(type: "TEXT", nullable: false),
                    prepared_at = table.Column<long>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", nullable: false),
                    decided_by = table.Column<string>(type: "TEXT", nullable: true),
                    decided_at = table.Column<long>(type: "INTEGER", nullable: true),
                    reason = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sign_offs", x => x.id);
                    table.ForeignKey(
                        name: "fk_sign_offs_assignments_assignment_id",
                        column: x => x.assignment_id,
                        principalTable: "assignments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_units_parent_id",
                table: "units",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_assignments_parent_id",
                table: "assignments",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_sign_offs_assignment_id_status",
                table: "sign_offs",
                columns: new[] { "assignment_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_sign_offs_unit_id_status",
                table: "sign_offs",
                columns: new[] { "unit_id", "status" });

            migrationBuilder.AddForeignKey(
                name: "fk_assignments_assignments_parent_id",
                table: "assignments",
                column: "parent_id",
                principalTable: "assignments",
                principalColumn: "id");

            migrationBuilder.AddForeignKey(
                name: "fk_units_units_parent_id",
                table: "units",
                column: "parent_id",
                principalTable: "units",
                principalColumn: "id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_assignments_assignments_parent_id",
                table: "assignments");

            migrationBuilder.DropForeignKey(
                name: "fk_units_units_parent_id",
                table: "units");

            migrationBuilder.DropTable(
                name: "sign_offs");

            migrationBuilder.DropIndex(
                name: "ix_units_parent_id",
                table: "units");

            migrationBuilder.DropIndex(
                name: "ix_assignments_parent_id",
                table: "assignments");

            migrationBuilder.DropColumn(
                name: "parent_id",
                table: "units");

            migrationBuilder.DropColumn(
                name: "parent_id",
                table: "assignments");
        }
    }
}
