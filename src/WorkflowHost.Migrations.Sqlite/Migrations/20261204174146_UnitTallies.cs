using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowHost.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// 晾晒's numbers per unit and plan, kept by triggers as the board's counts are (UnitTallies in the application says
    /// what each column means). The tables are plain SQL, not entities: only triggers write them and only one query reads
    /// them. Empty here: the application fills state_roles from its definitions at start and counts the tallies then.
    /// </summary>
    public partial class UnitTallies : Migration
    {
        private const string Measures = """
            assignments INTEGER NOT NULL DEFAULT 0, closed INTEGER NOT NULL DEFAULT 0, overdue INTEGER NOT NULL DEFAULT 0,
            dated_closed INTEGER NOT NULL DEFAULT 0, on_time INTEGER NOT NULL DEFAULT 0, open_dated_before INTEGER NOT NULL DEFAULT 0,
            reports_due INTEGER NOT NULL DEFAULT 0, reports_missed INTEGER NOT NULL DEFAULT 0,
            letters INTEGER NOT NULL DEFAULT 0, circulars INTEGER NOT NULL DEFAULT 0, summons INTEGER NOT NULL DEFAULT 0, exposures INTEGER NOT NULL DEFAULT 0
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                CREATE TABLE state_roles (definition_id TEXT NOT NULL, definition_version INTEGER NOT NULL, state TEXT NOT NULL,
                    closed INTEGER NOT NULL, overdue INTEGER NOT NULL, PRIMARY KEY (definition_id, definition_version, state)) WITHOUT ROWID;
                CREATE TABLE unit_tally_day (as_of TEXT NOT NULL);
                INSERT INTO unit_tally_day (as_of) VALUES ('0001-01-01');
                CREATE TABLE unit_tallies (unit_id INTEGER NOT NULL, plan_id INTEGER NOT NULL, {Measures}, PRIMARY KEY (unit_id, plan_id)) WITHOUT ROWID;
                CREATE TABLE unit_tally_changes (id INTEGER PRIMARY KEY, unit_id INTEGER NOT NULL, plan_id INTEGER NOT NULL, {Measures});
                """);
            foreach (var trigger in Triggers) migrationBuilder.Sql(trigger);
        }

        /// <summary>What assignment <paramref name="row"/> (OLD or NEW) adds to its unit's tally, counted <paramref name="sign"/>.</summary>
        private static string AssignmentChange(string row, int sign) => $"""
            INSERT INTO unit_tally_changes (unit_id, plan_id, assignments, closed, overdue, dated_closed, on_time, open_dated_before)
            SELECT {row}.unit_id, t.plan_id, {sign},
                   {sign} * (CASE WHEN COALESCE(r.closed, 0) THEN 1 ELSE 0 END),
                   {sign} * (CASE WHEN NOT COALESCE(r.closed, 0) AND ({row}.past_due OR COALESCE(r.overdue, 0)) THEN 1 ELSE 0 END),
                   {sign} * (CASE WHEN COALESCE(r.closed, 0) AND {row}.due_date IS NOT NULL THEN 1 ELSE 0 END),
                   {sign} * (CASE WHEN COALESCE(r.closed, 0) AND {row}.due_date IS NOT NULL AND {row}.closed_at IS NOT NULL
                        AND {row}.closed_at < (CAST(julianday({row}.due_date) - 2440587.5 AS INTEGER) + 1) * 86400000 - 28800000 THEN 1 ELSE 0 END),
                   {sign} * (CASE WHEN NOT COALESCE(r.closed, 0) AND {row}.due_date < (SELECT as_of FROM unit_tally_day) THEN 1 ELSE 0 END)
            FROM plan_tasks t LEFT JOIN state_roles r
              ON r.definition_id = COALESCE({row}.definition_id, '') AND r.definition_version = {row}.definition_version AND r.state = {row}.state
            WHERE t.id = {row}.task_id AND {row}.state IS NOT NULL;
            """;

        /// <summary>What report timer <paramref name="row"/> adds to its assignment's unit, counted <paramref name="sign"/>.</summary>
        private static string ReportChange(string row, int sign) => $"""
            INSERT INTO unit_tally_changes (unit_id, plan_id, reports_due, reports_missed)
            SELECT a.unit_id, t.plan_id, {sign}, {sign} * ({row}.status = 1)
            FROM assignments a JOIN plan_tasks t ON t.id = a.task_id
            WHERE a.id = {row}.assignment_id AND {row}.kind = 'ReportMissed' AND {row}.status IN (1, 2);
            """;

        /// <summary>What escalation <paramref name="row"/> adds to its assignment's unit, counted <paramref name="sign"/>.</summary>
        private static string EscalationChange(string row, int sign) => $"""
            INSERT INTO unit_tally_changes (unit_id, plan_id, letters, circulars, summons, exposures)
            SELECT a.unit_id, t.plan_id, {sign} * ({row}.step = 'letter'), {sign} * ({row}.step = 'circular'),
                   {sign} * ({row}.step = 'summons'), {sign} * ({row}.step = 'exposure')
            FROM assignments a JOIN plan_tasks t ON t.id = a.task_id
            WHERE a.id = {row}.assignment_id AND {row}.status = 'issued';
            """;

        /// <summary>An assignment moved to another unit or task takes its reports and escalations along. Like every
        /// trigger here it joins the task rather than failing the writer's statement: an assignment whose task is
        /// missing (a damaged row) is left out of the tallies, as a recount leaves it out.</summary>
        private static string FollowersChange(string row, int sign) => $"""
            INSERT INTO unit_tally_changes (unit_id, plan_id, reports_due, reports_missed, letters, circulars, summons, exposures)
            SELECT {row}.unit_id, t.plan_id,
                   {sign} * (SELECT COUNT(*) FROM timers WHERE assignment_id = NEW.id AND kind = 'ReportMissed' AND status IN (1, 2)),
                   {sign} * (SELECT COUNT(*) FROM timers WHERE assignment_id = NEW.id AND kind = 'ReportMissed' AND status = 1),
                   {sign} * (SELECT COUNT(*) FROM escalations WHERE assignment_id = NEW.id AND status = 'issued' AND step = 'letter'),
                   {sign} * (SELECT COUNT(*) FROM escalations WHERE assignment_id = NEW.id AND status = 'issued' AND step = 'circular'),
                   {sign} * (SELECT COUNT(*) FROM escalations WHERE assignment_id = NEW.id AND status = 'issued' AND step = 'summons'),
                   {sign} * (SELECT COUNT(*) FROM escalations WHERE assignment_id = NEW.id AND status = 'issued' AND step = 'exposure')
            FROM plan_tasks t WHERE t.id = {row}.task_id;
            """;

        // The assignment triggers step aside for a bulk writer that counts its rows itself (board_count_pause, as the
        // board's counts do); the others write a row only for a report timer or an issued escalation.
        private static readonly string[] Triggers =
        [
            $"""
            CREATE TRIGGER unit_tallies_assignment_inserted AFTER INSERT ON assignments
            WHEN NEW.state IS NOT NULL AND NOT EXISTS (SELECT 1 FROM board_count_pause)
            BEGIN {AssignmentChange("NEW", 1)} END;
            """,
            $"""
            CREATE TRIGGER unit_tallies_assignment_updated AFTER UPDATE ON assignments
            WHEN NOT EXISTS (SELECT 1 FROM board_count_pause) AND (OLD.task_id IS NOT NEW.task_id OR OLD.unit_id IS NOT NEW.unit_id
              OR OLD.definition_id IS NOT NEW.definition_id OR OLD.definition_version IS NOT NEW.definition_version OR OLD.state IS NOT NEW.state
              OR OLD.past_due IS NOT NEW.past_due OR OLD.due_date IS NOT NEW.due_date OR OLD.closed_at IS NOT NEW.closed_at)
            BEGIN {AssignmentChange("OLD", -1)} {AssignmentChange("NEW", 1)} END;
            """,
            $"""
            CREATE TRIGGER unit_tallies_assignment_deleted AFTER DELETE ON assignments WHEN OLD.state IS NOT NULL
            BEGIN {AssignmentChange("OLD", -1)} END;
            """,
            $"""
            CREATE TRIGGER unit_tallies_assignment_moved AFTER UPDATE OF unit_id, task_id ON assignments
            WHEN OLD.unit_id IS NOT NEW.unit_id OR OLD.task_id IS NOT NEW.task_id
            BEGIN {FollowersChange("OLD", -1)} {FollowersChange("NEW", 1)} END;
            """,
            $"""
            CREATE TRIGGER unit_tallies_report_inserted AFTER INSERT ON timers WHEN NEW.kind = 'ReportMissed' AND NEW.status IN (1, 2)
            BEGIN {ReportChange("NEW", 1)} END;
            """,
            $"""
            CREATE TRIGGER unit_tallies_report_updated AFTER UPDATE OF status, kind, assignment_id ON timers
            WHEN (OLD.kind = 'ReportMissed' OR NEW.kind = 'ReportMissed')
              AND (OLD.status IS NOT NEW.status OR OLD.kind IS NOT NEW.kind OR OLD.assignment_id IS NOT NEW.assignment_id)
            BEGIN {ReportChange("OLD", -1)} {ReportChange("NEW", 1)} END;
            """,
            $"""
            CREATE TRIGGER unit_tallies_report_deleted AFTER DELETE ON timers WHEN OLD.kind = 'ReportMissed' AND OLD.status IN (1, 2)
            BEGIN {ReportChange("OLD", -1)} END;
            """,
            $"""
            CREATE TRIGGER unit_tallies_escalation_inserted AFTER INSERT ON escalations WHEN NEW.status = 'issued'
            BEGIN {EscalationChange("NEW", 1)} END;
            """,
            $"""
            CREATE TRIGGER unit_tallies_escalation_updated AFTER UPDATE OF status, step, assignment_id ON escalations
            WHEN (OLD.status = 'issued' OR NEW.status = 'issued')
              AND (OLD.status IS NOT NEW.status OR OLD.step IS NOT NEW.step OR OLD.assignment_id IS NOT NEW.assignment_id)
            BEGIN {EscalationChange("OLD", -1)} {EscalationChange("NEW", 1)} END;
            """,
            $"""
            CREATE TRIGGER unit_tallies_escalation_deleted AFTER DELETE ON escalations WHEN OLD.status = 'issued'
            BEGIN {EscalationChange("OLD", -1)} END;
            """,
        ];

        private static readonly string[] TriggerNames =
        [
            "unit_tallies_assignment_inserted", "unit_tallies_assignment_updated", "unit_tallies_assignment_deleted", "unit_tallies_assignment_moved",
            "unit_tallies_report_inserted", "unit_tallies_report_updated", "unit_tallies_report_deleted",
            "unit_tallies_escalation_inserted", "unit_tallies_escalation_updated", "unit_tallies_escalation_deleted",
        ];

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in TriggerNames) migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {trigger};");
            migrationBuilder.Sql("""
                DROP TABLE IF EXISTS unit_tally_changes;
                DROP TABLE IF EXISTS unit_tallies;
                DROP TABLE IF EXISTS unit_tally_day;
                DROP TABLE IF EXISTS state_roles;
                """);
        }
    }
}
