using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowHost.Migrations.Sqlite.Migrations
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "board_count_changes",
                columns: table => new
                {
                    // A plain rowid, not AUTOINCREMENT: the triggers append two rows per changed assignment, and a fold
                    // empties the table, so ids may start again.
                    id = table.Column<long>(type: "INTEGER", nullable: false),
                    task_id = table.Column<long>(type: "INTEGER", nullable: false),
                    region = table.Column<bool>(type: "INTEGER", nullable: false),
                    definition_id = table.Column<string>(type: "TEXT", nullable: false),
                    definition_version = table.Column<int>(type: "INTEGER", nullable: false),
                    state = table.Column<string>(type: "TEXT", nullable: false),
                    past_due = table.Column<bool>(type: "INTEGER", nullable: false),
                    due_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    missed_reports = table.Column<bool>(type: "INTEGER", nullable: false),
                    open_escalation = table.Column<bool>(type: "INTEGER", nullable: false),
                    change = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_board_count_changes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "board_counts",
                columns: table => new
                {
                    task_id = table.Column<long>(type: "INTEGER", nullable: false),
                    region = table.Column<bool>(type: "INTEGER", nullable: false),
                    definition_id = table.Column<string>(type: "TEXT", nullable: false),
                    definition_version = table.Column<int>(type: "INTEGER", nullable: false),
                    state = table.Column<string>(type: "TEXT", nullable: false),
                    past_due = table.Column<bool>(type: "INTEGER", nullable: false),
                    due_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    missed_reports = table.Column<bool>(type: "INTEGER", nullable: false),
                    open_escalation = table.Column<bool>(type: "INTEGER", nullable: false),
                    count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_board_counts", x => new { x.task_id, x.region, x.definition_id, x.definition_version, x.state, x.past_due, x.due_date, x.missed_reports, x.open_escalation });
                });

            // What is already there, counted once; then the triggers keep it (BoardCountRow says why triggers).
            migrationBuilder.Sql(Backfill);
            // A row here, inside a bulk writer's own transaction, tells the assignment triggers to leave the counting to
            // the writer, which counts its rows by GROUP BY (SqliteBulkStore: the import's inserts, the engine's
            // batches): a trigger per row cost a national import a quarter of a second and the storm a twentieth of
            // its time. Never committed with a row in it.
            migrationBuilder.Sql("CREATE TABLE board_count_pause (paused INTEGER NOT NULL);");
            foreach (var trigger in Triggers) migrationBuilder.Sql(trigger);
        }

        private const string Open = "('issued', 'awaiting-approval')";

        private const string Backfill = $"""
            UPDATE assignments SET open_escalations =
                (SELECT COUNT(*) FROM escalations e WHERE e.assignment_id = assignments.id AND e.status IN {Open})
            WHERE id IN (SELECT assignment_id FROM escalations WHERE status IN {Open});
            INSERT INTO board_counts (task_id, region, definition_id, definition_version, state, past_due, due_date, missed_reports, open_escalation, count)
            SELECT a.task_id, COALESCE(u.kind = 'region', 0), COALESCE(a.definition_id, ''), a.definition_version, a.state, a.past_due,
                   COALESCE(a.due_date, '0001-01-01'), a.missed_reports > 0, a.open_escalations > 0, COUNT(*)
            FROM assignments a LEFT JOIN units u ON u.id = a.unit_id
            WHERE a.state IS NOT NULL
            GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
            """;

        /// <summary>A row of board_count_changes for assignment <paramref name="row"/> (OLD or NEW) counted <paramref name="change"/>.</summary>
        private static string Change(string row, int change) => $"""
            INSERT INTO board_count_changes (task_id, region, definition_id, definition_version, state, past_due, due_date, missed_reports, open_escalation, change)
            SELECT {row}.task_id, COALESCE((SELECT kind = 'region' FROM units WHERE id = {row}.unit_id), 0), COALESCE({row}.definition_id, ''),
                   {row}.definition_version, {row}.state, {row}.past_due, COALESCE({row}.due_date, '0001-01-01'), {row}.missed_reports > 0,
                   {row}.open_escalations > 0, {change}
            WHERE {row}.state IS NOT NULL;
            """;

        /// <summary>Every assignment of the unit, counted <paramref name="change"/> with the unit's kind as in <paramref name="row"/>.</summary>
        private static string UnitChange(string row, int change) => $"""
            INSERT INTO board_count_changes (task_id, region, definition_id, definition_version, state, past_due, due_date, missed_reports, open_escalation, change)
            SELECT a.task_id, {row}.kind = 'region', COALESCE(a.definition_id, ''), a.definition_version, a.state, a.past_due,
                   COALESCE(a.due_date, '0001-01-01'), a.missed_reports > 0, a.open_escalations > 0, {change}
            FROM assignments a WHERE a.unit_id = {row}.id AND a.state IS NOT NULL;
            """;

        private static readonly string[] Triggers =
        [
            $"""
            CREATE TRIGGER board_counts_assignment_inserted AFTER INSERT ON assignments
            WHEN NEW.state IS NOT NULL AND NOT EXISTS (SELECT 1 FROM board_count_pause)
            BEGIN {Change("NEW", 1)} END;
            """,
            // Only when a column of the cell changes: the engine rewrites state and flags of every row it touches.
            $"""
            CREATE TRIGGER board_counts_assignment_updated AFTER UPDATE ON assignments
            WHEN NOT EXISTS (SELECT 1 FROM board_count_pause) AND (OLD.task_id IS NOT NEW.task_id OR OLD.unit_id IS NOT NEW.unit_id OR OLD.definition_id IS NOT NEW.definition_id
              OR OLD.definition_version IS NOT NEW.definition_version OR OLD.state IS NOT NEW.state OR OLD.past_due IS NOT NEW.past_due
              OR OLD.due_date IS NOT NEW.due_date OR (OLD.missed_reports > 0) IS NOT (NEW.missed_reports > 0)
              OR (OLD.open_escalations > 0) IS NOT (NEW.open_escalations > 0))
            BEGIN {Change("OLD", -1)} {Change("NEW", 1)} END;
            """,
            $"""
            CREATE TRIGGER board_counts_assignment_deleted AFTER DELETE ON assignments WHEN OLD.state IS NOT NULL
            BEGIN {Change("OLD", -1)} END;
            """,
            $"""
            CREATE TRIGGER board_counts_unit_kind_changed AFTER UPDATE OF kind ON units
            WHEN (OLD.kind = 'region') IS NOT (NEW.kind = 'region')
            BEGIN {UnitChange("OLD", -1)} {UnitChange("NEW", 1)} END;
            """,
            $"""
            CREATE TRIGGER open_escalations_inserted AFTER INSERT ON escalations WHEN NEW.status IN {Open}
            BEGIN UPDATE assignments SET open_escalations = open_escalations + 1 WHERE id = NEW.assignment_id; END;
            """,
            $"""
            CREATE TRIGGER open_escalations_updated AFTER UPDATE OF status, assignment_id ON escalations
            WHEN (OLD.status IN {Open}) IS NOT (NEW.status IN {Open}) OR OLD.assignment_id IS NOT NEW.assignment_id
            BEGIN
                UPDATE assignments SET open_escalations = open_escalations - 1 WHERE id = OLD.assignment_id AND OLD.status IN {Open};
                UPDATE assignments SET open_escalations = open_escalations + 1 WHERE id = NEW.assignment_id AND NEW.status IN {Open};
            END;
            """,
            $"""
            CREATE TRIGGER open_escalations_deleted AFTER DELETE ON escalations WHEN OLD.status IN {Open}
            BEGIN UPDATE assignments SET open_escalations = open_escalations - 1 WHERE id = OLD.assignment_id; END;
            """,
        ];

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in new[] { "board_counts_assignment_inserted", "board_counts_assignment_updated", "board_counts_assignment_deleted",
                         "board_counts_unit_kind_changed", "open_escalations_inserted", "open_escalations_updated", "open_escalations_deleted" })
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {trigger};");
            migrationBuilder.Sql("DROP TABLE IF EXISTS board_count_pause;");
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
