using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace WorkflowHost.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class BoardCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "open_escalations",
                table: "assignments",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "board_count_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    task_id = table.Column<long>(type: "bigint", nullable: false),
                    region = table.Column<bool>(type: "boolean", nullable: false),
                    definition_id = table.Column<string>(type: "text", nullable: false),
                    definition_version = table.Column<int>(type: "integer", nullable: false),
                    state = table.Column<string>(type: "text", nullable: false),
                    past_due = table.Column<bool>(type: "boolean", nullable: false),
                    due_date = table.Column<DateOnly>(type: "date", nullable: false),
                    missed_reports = table.Column<bool>(type: "boolean", nullable: false),
                    open_escalation = table.Column<bool>(type: "boolean", nullable: false),
                    change = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_board_count_changes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "board_counts",
                columns: table => new
                {
                    task_id = table.Column<long>(type: "bigint", nullable: false),
                    region = table.Column<bool>(type: "boolean", nullable: false),
                    definition_id = table.Column<string>(type: "text", nullable: false),
                    definition_version = table.Column<int>(type: "integer", nullable: false),
                    state = table.Column<string>(type: "text", nullable: false),
                    past_due = table.Column<bool>(type: "boolean", nullable: false),
                    due_date = table.Column<DateOnly>(type: "date", nullable: false),
                    missed_reports = table.Column<bool>(type: "boolean", nullable: false),
                    open_escalation = table.Column<bool>(type: "boolean", nullable: false),
                    count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_board_counts", x => new { x.task_id, x.region, x.definition_id, x.definition_version, x.state, x.past_due, x.due_date, x.missed_reports, x.open_escalation });
                });

            // What is already there, counted once; then the triggers keep it (BoardCountRow says why triggers).
            migrationBuilder.Sql(Backfill);
            migrationBuilder.Sql(Functions);
            foreach (var trigger in Triggers) migrationBuilder.Sql(trigger);
        }

        private const string Open = "('issued', 'awaiting-approval')";

        private const string Backfill = $"""
            UPDATE assignments a SET open_escalations = e.open_count
            FROM (SELECT assignment_id, COUNT(*) AS open_count FROM escalations WHERE status IN {Open} GROUP BY assignment_id) e
            WHERE a.id = e.assignment_id;
            INSERT INTO board_counts (task_id, region, definition_id, definition_version, state, past_due, due_date, missed_reports, open_escalation, count)
            SELECT a.task_id, COALESCE(u.kind = 'region', false), COALESCE(a.definition_id, ''), a.definition_version, a.state, a.past_due,
                   COALESCE(a.due_date, DATE '0001-01-01'), a.missed_reports > 0, a.open_escalations > 0, COUNT(*)
            FROM assignments a LEFT JOIN units u ON u.id = a.unit_id
            WHERE a.state IS NOT NULL
            GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
            """;

        /// <summary>The cells of the assignments in transition table <paramref name="rows"/>, each counted <paramref name="change"/>.</summary>
        private static string Cells(string rows, int change) => $"""
            SELECT r.task_id, COALESCE(u.kind = 'region', false) AS region, COALESCE(r.definition_id, '') AS definition_id, r.definition_version,
                   r.state, r.past_due, COALESCE(r.due_date, DATE '0001-01-01') AS due_date, r.missed_reports > 0 AS missed_reports,
                   r.open_escalations > 0 AS open_escalation, {change} AS change
            FROM {rows} r LEFT JOIN units u ON u.id = r.unit_id WHERE r.state IS NOT NULL
            """;

        private const string Columns = "task_id, region, definition_id, definition_version, state, past_due, due_date, missed_reports, open_escalation";

        // Statement-level triggers with transition tables: one aggregated insert per statement, however many rows the
        // engine's bulk statement (or COPY) changed. Rows whose cell did not change cancel out (HAVING).
        private static readonly string Functions = $"""
            CREATE FUNCTION board_counts_assignments_changed() RETURNS trigger LANGUAGE plpgsql AS $body$
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    INSERT INTO board_count_changes ({Columns}, change)
                    SELECT {Columns}, SUM(change) FROM ({Cells("new_rows", 1)}) c GROUP BY {Columns};
                ELSIF TG_OP = 'UPDATE' THEN
                    INSERT INTO board_count_changes ({Columns}, change)
                    SELECT {Columns}, SUM(change) FROM ({Cells("old_rows", -1)} UNION ALL {Cells("new_rows", 1)}) c
                    GROUP BY {Columns} HAVING SUM(change) <> 0;
                ELSE
                    INSERT INTO board_count_changes ({Columns}, change)
                    SELECT {Columns}, SUM(change) FROM ({Cells("old_rows", -1)}) c GROUP BY {Columns};
                END IF;
                RETURN NULL;
            END $body$;

            CREATE FUNCTION board_counts_unit_kind_changed() RETURNS trigger LANGUAGE plpgsql AS $body$
            BEGIN
                IF (OLD.kind = 'region') IS DISTINCT FROM (NEW.kind = 'region') THEN
                    INSERT INTO board_count_changes ({Columns}, change)
                    SELECT a.task_id, k.region, COALESCE(a.definition_id, ''), a.definition_version, a.state, a.past_due,
                           COALESCE(a.due_date, DATE '0001-01-01'), a.missed_reports > 0, a.open_escalations > 0, k.change
                    FROM assignments a CROSS JOIN (VALUES (OLD.kind = 'region', -1), (NEW.kind = 'region', 1)) AS k(region, change)
                    WHERE a.unit_id = NEW.id AND a.state IS NOT NULL;
                END IF;
                RETURN NULL;
            END $body$;

            CREATE FUNCTION open_escalations_changed() RETURNS trigger LANGUAGE plpgsql AS $body$
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    UPDATE assignments a SET open_escalations = a.open_escalations + d.change
                    FROM (SELECT assignment_id, COUNT(*) AS change FROM new_rows WHERE status IN {Open} GROUP BY assignment_id) d
                    WHERE a.id = d.assignment_id;
                ELSIF TG_OP = 'UPDATE' THEN
                    UPDATE assignments a SET open_escalations = a.open_escalations + d.change
                    FROM (SELECT assignment_id, SUM(change) AS change FROM (
                              SELECT assignment_id, -1 AS change FROM old_rows WHERE status IN {Open}
                              UNION ALL SELECT assignment_id, 1 FROM new_rows WHERE status IN {Open}) c
                          GROUP BY assignment_id HAVING SUM(change) <> 0) d
                    WHERE a.id = d.assignment_id;
                ELSE
                    UPDATE assignments a SET open_escalations = a.open_escalations - d.change
                    FROM (SELECT assignment_id, COUNT(*) AS change FROM old_rows WHERE status IN {Open} GROUP BY assignment_id) d
                    WHERE a.id = d.assignment_id;
                END IF;
                RETURN NULL;
            END $body$;
            """;

        private static readonly string[] Triggers =
        [
            "CREATE TRIGGER board_counts_assignments_inserted AFTER INSERT ON assignments REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION board_counts_assignments_changed();",
            "CREATE TRIGGER board_counts_assignments_updated AFTER UPDATE ON assignments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION board_counts_assignments_changed();",
            "CREATE TRIGGER board_counts_assignments_deleted AFTER DELETE ON assignments REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION board_counts_assignments_changed();",
            "CREATE TRIGGER board_counts_unit_kind_changed AFTER UPDATE OF kind ON units FOR EACH ROW EXECUTE FUNCTION board_counts_unit_kind_changed();",
            "CREATE TRIGGER open_escalations_inserted AFTER INSERT ON escalations REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION open_escalations_changed();",
            "CREATE TRIGGER open_escalations_updated AFTER UPDATE ON escalations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION open_escalations_changed();",
            "CREATE TRIGGER open_escalations_deleted AFTER DELETE ON escalations REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION open_escalations_changed();",
        ];

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS board_counts_assignments_inserted ON assignments;
                DROP TRIGGER IF EXISTS board_counts_assignments_updated ON assignments;
                DROP TRIGGER IF EXISTS board_counts_assignments_deleted ON assignments;
                DROP TRIGGER IF EXISTS board_counts_unit_kind_changed ON units;
                DROP TRIGGER IF EXISTS open_escalations_inserted ON escalations;
                DROP TRIGGER IF EXISTS open_escalations_updated ON escalations;
                DROP TRIGGER IF EXISTS open_escalations_deleted ON escalations;
                DROP FUNCTION IF EXISTS board_counts_assignments_changed();
                DROP FUNCTION IF EXISTS board_counts_unit_kind_changed();
                DROP FUNCTION IF EXISTS open_escalations_changed();
                """);
            migrationBuilder.DropTable(
                name: "board_count_changes");

            migrationBuilder.DropTable(
                name: "board_counts");

            migrationBuilder.DropColumn(
                name: "open_escalations",
                table: "assignments");
        }
    }
}
