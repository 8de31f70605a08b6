using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowHost.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class EscalationProposals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "proposal_id",
                table: "escalations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "escalation_proposals",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    task_id = table.Column<long>(type: "INTEGER", nullable: false),
                    step = table.Column<string>(type: "TEXT", nullable: false),
                    issuing_parent_id = table.Column<long>(type: "INTEGER", nullable: true),
                    day = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    decided_by = table.Column<string>(type: "TEXT", nullable: true),
                    decided_at = table.Column<long>(type: "INTEGER", nullable: true),
                    reason = table.Column<string>(type: "TEXT", nullable: true),
                    document_id = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_escalation_proposals", x => x.id);
                    table.ForeignKey(
                        name: "fk_escalation_proposals_documents_document_id",
                        column: x => x.document_id,
                        principalTable: "documents",
                        principalColumn: "id");
                });

            migrationBuilder.CreateIndex(
                name: "ix_escalations_proposal_id",
                table: "escalations",
                column: "proposal_id");

            migrationBuilder.CreateIndex(
                name: "ix_escalation_proposals_document_id",
                table: "escalation_proposals",
                column: "document_id");

            migrationBuilder.CreateIndex(
                name: "ix_escalation_proposals_status_task_id_step_day",
                table: "escalation_proposals",
                columns: new[] { "status", "task_id", "step", "day" });

            migrationBuilder.AddForeignKey(
                name: "fk_escalations_escalation_proposals_proposal_id",
                table: "escalations",
                column: "proposal_id",
                principalTable: "escalation_proposals",
                principalColumn: "id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_escalations_escalation_proposals_proposal_id",
                table: "escalations");

            migrationBuilder.DropTable(
                name: "escalation_proposals");

            migrationBuilder.DropIndex(
                name: "ix_escalations_proposal_id",
                table: "escalations");

            migrationBuilder.DropColumn(
                name: "proposal_id",
                table: "escalations");
        }
    }
}
