using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowHost.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DocumentRegister : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "document_id",
                table: "escalations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "document_id",
                table: "briefings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "documents",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    kind = table.Column<string>(type: "TEXT", nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    issuer = table.Column<string>(type: "TEXT", nullable: false),
                    seq = table.Column<int>(type: "INTEGER", nullable: false),
                    number = table.Column<string>(type: "TEXT", nullable: false),
                    title = table.Column<string>(type: "TEXT", nullable: false),
                    recipients = table.Column<string>(type: "TEXT", nullable: false),
                    assignment_ids = table.Column<string>(type: "TEXT", nullable: false),
                    issued_at = table.Column<long>(type: "INTEGER", nullable: false),
                    approved_by = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_documents", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_escalations_document_id",
                table: "escalations",
                column: "document_id");

            migrationBuilder.CreateIndex(
                name: "ix_briefings_document_id",
                table: "briefings",
                column: "document_id");

            migrationBuilder.CreateIndex(
                name: "ix_documents_kind_year_issuer_seq",
                table: "documents",
                columns: new[] { "kind", "year", "issuer", "seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_documents_year_kind",
                table: "documents",
                columns: new[] { "year", "kind" });

            migrationBuilder.AddForeignKey(
                name: "fk_briefings_documents_document_id",
                table: "briefings",
                column: "document_id",
                principalTable: "documents",
                principalColumn: "id");

            migrationBuilder.AddForeignKey(
                name: "fk_escalations_documents_document_id",
                table: "escalations",
                column: "document_id",
                principalTable: "documents",
                principalColumn: "id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_briefings_documents_document_id",
                table: "briefings");

            migrationBuilder.DropForeignKey(
                name: "fk_escalations_documents_document_id",
                table: "escalations");

            migrationBuilder.DropTable(
                name: "documents");

            migrationBuilder.DropIndex(
                name: "ix_escalations_document_id",
                table: "escalations");

            migrationBuilder.DropIndex(
                name: "ix_briefings_document_id",
                table: "briefings");

            migrationBuilder.DropColumn(
                name: "document_id",
                table: "escalations");

            migrationBuilder.DropColumn(
                name: "document_id",
                table: "briefings");
        }
    }
}
