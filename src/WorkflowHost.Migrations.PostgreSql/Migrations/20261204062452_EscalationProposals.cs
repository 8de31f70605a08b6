using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace WorkflowHost.Migrations.PostgreSql.Migrations
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
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "escalation_proposals",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    task_id = table.Column<long>(type: "bigint", nullable: false),
                    step = table.Column<string>(type: "text", nullable: false),
                    issuing_parent_id = table.Column<long>(type: "bigint", nullable: true),
                    day = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<long>(type: "bigint", nullable: false),
                    decided_by = table.Column<string>(type: "text", nullable: true),
                    decided_at = table.Column<long>(type: "bigint", nullable: true),
                    reason = table.Column<string>(type: "text", nullable: true),
                    document_id = table.Column<long>(type: "bigint", nullable: true)
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
