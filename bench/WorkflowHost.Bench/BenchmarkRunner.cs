using System.Diagnostics;
using WorkflowHost.Engine.Calendar;
using WorkflowHost.Engine.Workflows;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Hosting;
using WorkflowHost.Infrastructure.Dashboard;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Plans;
using WorkflowHost.Infrastructure.Workflows;
using static WorkflowHost.Benchmarks.BenchTable;

using WorkflowHost.DataSets;

namespace WorkflowHost.Benchmarks;

/// <summary>What to run: the data set's size and the sample sizes. The full size is 23,000 units (≈ 1,000,000
/// assignments); CI runs a small size as a smoke check.
/// <paramref name="Only"/>: the measures to run (null: all), so one part can be measured again without the rest;
/// <paramref name="ImportOnly"/>: the import and 下达 alone, no storm.</summary>
public sealed record BenchOptions(int Units, int QuartzSample, int DashboardRounds, string? Postgres, bool HostStart, bool Keep, IReadOnlySet<string>? Only = null,
    bool ImportOnly = false, string? PublishedHost = null)
{
    public static readonly string[] Measures = ["start", "damaged", "board", "trees", "mail", "floor", "quartz", "workflow-core", "postgres"];

    public bool Runs(string measure) => Only is null || Only.Contains(measure);
}

/// <summary>
/// Builds the synthetic data set and runs every measure on it in one run, so the storm's three figures (engine, Quartz
/// one-trigger-per-timer, raw ADO.NET floor) come from the same rows on the same machine at the same time.
/// </summary>
public sealed class BenchmarkRunner(ProductSettings product, BenchOptions options, TextWriter log)
{
    private readonly BenchTable _table = new();

    public async Task<BenchTable> RunAsync(CancellationToken cancel)
    {
        // Imported when the plan was issued; the storm one minute later, when nothing else is due.
        var (plan, directory, importAt) = SyntheticPlan.Build(product, options.Units);
        var stormAt = importAt.AddMinutes(1);
        var root = Directory.CreateTempSubdirectory("workflowhost-bench-").FullName;
        log.WriteLine($"bench: {Count(options.Units)} units × {plan.Tasks.Count} tasks in {root}");
        var databases = new List<BenchDatabase>();
        try
        {
            var engine = BenchDatabase.Sqlite(product, Path.Combine(root, "engine"));
            databases.Add(engine);
            var (storm, assignments) = await ImportAsync(engine, plan, directory, importAt, "SQLite", cancel);
            if (options.ImportOnly)
            {
                if (options.Postgres is not { } importAdmin) return _table;
                databases.Add(await BenchDatabase.PostgresAsync(product, Path.Combine(root, "postgres"), importAdmin, cancel));
                await ImportAsync(databases[^1], plan, directory, importAt, "PostgreSQL", cancel);
                return _table;
            }

            var floor = engine.CopyTo(Path.Combine(root, "floor"));
            var quartz = engine.CopyTo(Path.Combine(root, "quartz"));
            var workflowCore = engine.CopyTo(Path.Combine(root, "workflow-core"));
            var failing = engine.CopyTo(Path.Combine(root, "failing"));
            databases.AddRange([floor, quartz, workflowCore, failing]);

            if (options.HostStart && options.Runs("start")) await HostStartAsync(engine, importAt, assignments, cancel);
            var engineRate = await StormAsync(engine, storm, "SQLite", cancel);
            if (options.Runs("damaged")) await FailingStormAsync(failing, storm, engineRate, cancel);
            if (options.Runs("board")) await DashboardAsync(engine, stormAt, assignments, cancel);
            if (options.Runs("trees")) await TreesAsync(engine, storm, assignments, cancel);
            if (options.Runs("mail")) await MailMorningAsync(engine, storm, cancel);
            if (options.Runs("floor"))
            {
                var floorRate = Floor(floor, storm);
                _table.Add("storm: raw floor ÷ engine", "same run", $"{floorRate / engineRate:F2}×", "≤ 1.25×", floorRate / engineRate <= 1.25);
            }
            if (options.Runs("quartz"))
            {
                var quartzRate = await QuartzAsync(quartz, storm, importAt, cancel);
                _table.Add("storm: engine ÷ Quartz one trigger per timer", "same run", $"{engineRate / quartzRate:F0}×", "≥ 100×", engineRate / quartzRate >= 100);
            }
            if (options.Runs("workflow-core"))
            {
                var workflowCoreRate = await WorkflowCoreAsync(workflowCore, storm, stormAt, cancel);
                _table.Add("storm: engine ÷ Workflow Core one workflow per assignment", "same run", $"{engineRate / workflowCoreRate:F0}×", "≥ 100×", engineRate / workflowCoreRate >= 100);
            }

            if (options.Postgres is { } admin && options.Runs("postgres"))
            {
                var postgres = await BenchDatabase.PostgresAsync(product, Path.Combine(root, "postgres"), admin, cancel);
                databases.Add(postgres);
                var (pgStorm, _) = await ImportAsync(postgres, plan, directory, importAt, "PostgreSQL", cancel);
                var pgFloor = await postgres.CopyToAsync(Path.Combine(root, "postgres-floor"), cancel);
                databases.Add(pgFloor);
                var pgRate = await StormAsync(postgres, pgStorm, "PostgreSQL", cancel);
                log.WriteLine("bench: raw PostgreSQL floor…");
                var pgFloorElapsed = await RawPostgresFloor.RunAsync(pgFloor.ConnectionString, pgStorm, new EngineOptions().BatchSize, cancel);
                var pgFloorRate = pgStorm.Timers / pgFloorElapsed.TotalSeconds;
                _table.Add("deadline storm, raw batched floor (PostgreSQL: unnest updates, binary COPY inserts)", $"{Count(pgStorm.Timers)} timers",
                    $"{Rate(pgFloorRate)} ({Seconds(pgFloorElapsed)})", "reference", null);
                _table.Add("storm: raw floor ÷ engine (PostgreSQL)", "same run", $"{pgFloorRate / pgRate:F2}×", "≤ 1.5×", pgFloorRate / pgRate <= 1.5);
            }
            return _table;
        }
        finally
        {
            if (!options.Keep)
            {
                foreach (var database in databases) await database.DropAsync();
                if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
            }
            else log.WriteLine($"bench: databases kept in {root}");
        }
    }

    private async Task<(StormShape Storm, long Assignments)> ImportAsync(BenchDatabase database, Engine.Plans.Plan plan, Engine.Units.UnitDirectory directory,
        DateTimeOffset importAt, string provider, CancellationToken cancel)
    {
        await using var services = database.Services(importAt);
        await services.PrepareDatabaseAsync(cancel);
        var runtime = services.GetRequiredService<WorkflowRuntime>();
        await using var db = await services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync(cancel);
        log.WriteLine($"bench: importing into {provider}…");
        var watch = Stopwatch.StartNew();
        var importer = new PlanImporter(db, runtime);
        var outcome = await importer.ImportAsync(plan, directory, cancel);
        watch.Stop();
        _table.Note($"- Import profile, {provider} ({Seconds(watch.Elapsed)}): {importer.Timings}.");
        var timers = await database.ScalarAsync(services, "SELECT COUNT(*) FROM timers WHERE status = 0", cancel);
        var rate = outcome.Assignments / watch.Elapsed.TotalSeconds;
        var importElapsed = watch.Elapsed;
        _table.Add($"plan import ({provider})", $"{plan.Tasks.Count} tasks: {Count(outcome.Assignments)} assignments (牵头 with their co-units below, every 市州), {Count(timers)} timers",
            $"{Rate(rate)} ({Seconds(watch.Elapsed)})", "≥ 50,000/s", provider == "SQLite" ? rate >= 50_000 : null);

        log.WriteLine($"bench: every 市州 hands its shares down to its 县区 in {provider}…");
        watch.Restart();
        var handDownTimings = new ImportTimings();
        var handedDown = await SyntheticHandDown.RunAsync(services, cancel, handDownTimings);
        watch.Stop();
        _table.Note($"- 下达 profile, {provider} ({Seconds(watch.Elapsed)}): {handDownTimings.Writes()}.");
        _table.Add($"下达: every 市州's shares to its 县区, bulk-written ({provider})", $"{Count(handedDown)} shares below {Count(outcome.Assignments)}",
            $"{Rate(handedDown / watch.Elapsed.TotalSeconds)} ({Seconds(watch.Elapsed)})", "reference", null);
        // Issue 17's measure: the whole tree data set (leads, co-units, 市州 and the 县区 shares handed down), per second of both.
        var tree = (outcome.Assignments + handedDown) / (importElapsed + watch.Elapsed).TotalSeconds;
        _table.Add($"import with the trees: the plan import and every 市州's 下达 ({provider})", $"{Count(outcome.Assignments + handedDown)} assignments",
            $"{Rate(tree)} ({Seconds(importElapsed + watch.Elapsed)})", "≥ 100,000/s", provider == "SQLite" ? tree >= 100_000 : null);

        log.WriteLine($"bench: shaping the storm in {provider}…");
        var storm = await StormShape.PrepareAsync(services, importAt.AddMinutes(1), cancel);
        var others = await StormShape.OthersDueAsync(services, storm, cancel);
        if (others > 0) _table.Note($"- {provider}: {others} other timers were due at the storm's instant and fired with it.");
        return (storm, outcome.Assignments + handedDown);
    }

    private async Task HostStartAsync(BenchDatabase database, DateTimeOffset clock, long assignments, CancellationToken cancel)
    {
        log.WriteLine("bench: starting the host…");
        var pending = 0L;
        await using (var services = database.Services(clock))
            pending = await database.ScalarAsync(services, "SELECT COUNT(*) FROM timers WHERE status = 0", cancel);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var result = await HostStartMeasure.RunAsync(product.Root, database, clock, options.PublishedHost, cancel);
        var build = options.PublishedHost is { } published ? $"published build {HostStartMeasure.HostAssembly(published)}" : "build output";
        _table.Add("host start to serving requests (GET /)", $"{Count(assignments)} assignments, {Count(pending)} pending timers; {build}",
            $"{Seconds(result.ToServing)} (CPU time used by then {Seconds(result.CpuToServing)})", "≤ 1 s",
            result.ToServing <= TimeSpan.FromSeconds(1));
        if (result.Timeline is { } timeline) _table.Note($"- Host start profile (measured from the process's start, as the host logs it): {timeline}.");
        _table.Add("first GET /api/status after start (counts all assignments)", $"{Count(assignments)} assignments", Seconds(result.Status), "—", null);
        _table.Add("resident memory, host idle", $"{Count(assignments)} assignments", ProcessMemory.Megabytes(result.IdleResident), "≤ 250 MB",
            result.IdleResident is { } idle ? idle <= 250L * 1024 * 1024 : null);
    }

    private async Task<double> StormAsync(BenchDatabase database, StormShape storm, string provider, CancellationToken cancel)
    {
        log.WriteLine($"bench: deadline storm on {provider} ({Count(storm.Timers)} timers)…");
        await using var services = database.Services(storm.At);
        var processor = services.GetRequiredService<TimerProcessor>();
        GC.Collect();
        ProcessMemory.ResetPeak(Environment.ProcessId);
        using var profile = new BatchProfile();
        var watch = Stopwatch.StartNew();
        var fired = await processor.RunDueAsync(cancel);
        watch.Stop();
        var peak = ProcessMemory.PeakBytes(Environment.ProcessId);
        var rate = fired / watch.Elapsed.TotalSeconds;
        var target = provider == "SQLite" ? 20_000 : 10_000;
        _table.Add($"deadline storm, engine ({provider})", $"{Count(fired)} timers due at one instant",
            $"{Rate(rate)} ({Seconds(watch.Elapsed)})", $"≥ {Count(target)}/s", rate >= target);
        if (provider == "SQLite")
            _table.Add("resident memory, during the storm (bench process peak)", $"{Count(fired)} firings", ProcessMemory.Megabytes(peak), "≤ 1 GB",
                peak is { } p ? p <= 1024L * 1024 * 1024 : null);
        _table.Note(ProfileNote($"Storm profile, {provider}", profile, watch.Elapsed, services.GetRequiredService<EngineOptions>().BatchSize));
        return rate;
    }

    private static string ProfileNote(string title, BatchProfile profile, TimeSpan elapsed, int batchSize)
    {
        var total = elapsed.TotalMilliseconds;
        string Share(TimeSpan span) => $"{span.TotalSeconds:F2} s ({100 * span.TotalMilliseconds / total:F0}%)";
        return $"- {title} ({profile.Batches} batches of ≤ {batchSize}, from the engine's metrics): " +
               $"claim {Share(profile.Of("claim"))}, read assignments/tasks/reports {Share(profile.Of("read"))}, decide (rules, next timer, JSON) {Share(profile.Of("decide"))}, " +
               $"write {Share(profile.Of("write"))}, commit {Share(profile.Of("commit"))}; a batch (the time it holds the write lock) takes {total / Math.Max(1, profile.Batches):F0} ms on average.";
    }

    /// <summary>Every hundredth timer of the storm damaged (a step kind no code knows): the engine sets each aside as an
    /// incident and fires the other 99 % in the same run. How fast, against the clean storm of the same rows.</summary>
    private async Task FailingStormAsync(BenchDatabase database, StormShape storm, double cleanRate, CancellationToken cancel)
    {
        log.WriteLine("bench: the storm with 1 % of its timers damaged…");
        await using var services = database.Services(storm.At);
        await database.ScalarAsync(services, $"UPDATE timers SET kind = 'Damaged' WHERE status = {TimerStatus.Pending} AND due_at = {UnixTime.Of(storm.At)} AND id % 100 = 0", cancel);
        var damaged = await database.ScalarAsync(services, "SELECT COUNT(*) FROM timers WHERE kind = 'Damaged'", cancel);
        var processor = services.GetRequiredService<TimerProcessor>();
        using var profile = new BatchProfile();
        var watch = Stopwatch.StartNew();
        await processor.RunDueAsync(cancel);
        watch.Stop();
        _table.Note(ProfileNote("Damaged storm's profile, SQLite", profile, watch.Elapsed, services.GetRequiredService<EngineOptions>().BatchSize));
        var fired = await database.ScalarAsync(services, $"SELECT COUNT(*) FROM timers WHERE due_at = {UnixTime.Of(storm.At)} AND status <> {TimerStatus.Pending} AND status <> {TimerStatus.Held}", cancel);
        var incidents = await database.ScalarAsync(services, "SELECT COUNT(*) FROM incidents", cancel);
        var rate = fired / watch.Elapsed.TotalSeconds;
        _table.Add("deadline storm with 1 % of its timers damaged (SQLite)", $"{Count(fired)} healthy timers fired, {Count(damaged)} damaged → {Count(incidents)} incidents",
            $"{Rate(rate)} ({Seconds(watch.Elapsed)}; {100 * rate / cleanRate:F0} % of the clean storm)", "≥ 90 % of the clean storm, every damaged timer an incident",
            rate >= 0.9 * cleanRate && incidents == damaged);
    }

    private async Task DashboardAsync(BenchDatabase database, DateTimeOffset clock, long assignments, CancellationToken cancel)
    {
        log.WriteLine("bench: dashboard queries…");
        await using var services = database.Services(clock);
        var contexts = services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        var runtime = services.GetRequiredService<WorkflowRuntime>();
        var board = new Web.Views.DashboardQueries(new Web.Views.AssignmentQueries(contexts, runtime), services.GetRequiredService<FilteredBoardQueries>(), runtime, contexts);
        // What the engine does after its run: the board then reads the counts, not every change.
        var today = ChinaTime.Today(runtime.Clock);
        var folding = Stopwatch.GetTimestamp();
        var folded = await services.GetRequiredService<BoardCounts>().FoldAsync(cancel);
        var foldedCounts = Stopwatch.GetElapsedTime(folding);
        folding = Stopwatch.GetTimestamp();
        var tallied = await services.GetRequiredService<UnitTallies>().FoldAsync(today, cancel);
        _table.Note($"- Folded before the board is timed (the engine does it after each run): the board's counts, {folded:N0} cells in {Seconds(foldedCounts)}; " +
                    $"the units' tallies, {tallied:N0} tallies in {Seconds(Stopwatch.GetElapsedTime(folding))}.");
        foreach (var timing in await DashboardMeasure.RunAsync(board, options.DashboardRounds, cancel))
            _table.Add($"dashboard: {timing.Query}", $"{Count(assignments)} assignments ({timing.Answer})",
                $"p95 {Ms(timing.P95)} (p50 {Ms(timing.P50)})", "p95 ≤ 50 ms", timing.P95 <= 50);
        var parts = await DashboardMeasure.PartsAsync(services.GetRequiredService<FilteredBoardQueries>(),
            runtime.Definitions.States.Named(StateRole.CompletionReview, StateRole.ExtensionReview), today, options.DashboardRounds, cancel);
        _table.Note($"- The unfiltered board's parts, p50: {string.Join(", ", parts.Select(p => $"{p.Query} {Ms(p.P50)}"))}.");
    }

    private async Task TreesAsync(BenchDatabase database, StormShape storm, long assignments, CancellationToken cancel)
    {
        log.WriteLine("bench: a parent's task page and 待确认…");
        await using var services = database.Services(storm.At);
        foreach (var timing in await TreeMeasure.RunAsync(services, storm, options.DashboardRounds, cancel))
            _table.Add($"tree: {timing.Query}", $"{Count(assignments)} assignments ({timing.Answer})",
                $"p95 {Ms(timing.P95)} (p50 {Ms(timing.P50)})", "p95 ≤ 50 ms", timing.P95 <= 50);
    }

    private async Task MailMorningAsync(BenchDatabase database, StormShape storm, CancellationToken cancel)
    {
        log.WriteLine("bench: the mail morning after the storm…");
        var r = await MailMorningMeasure.RunAsync(database, storm, cancel);
        var composing = r.Digesting + r.Bundling + r.Composing;
        var composed = r.Messages / composing.TotalSeconds;
        var delivered = r.Sent / r.Dispatching.TotalSeconds;
        var size = $"{Count(r.Messages)} messages: {Count(r.Digests)} digests, {Count(r.Letters)} 督办函 gathering {Count(r.LettersRaised)} 函告";
        _table.Add("mail morning: composed (digests written, 函告 gathered into letters, messages composed)", size,
            $"{Rate(composed)} ({Seconds(composing)}: digests {Seconds(r.Digesting)}, letters {Seconds(r.Bundling)}, messages {Seconds(r.Composing)} on {Environment.ProcessorCount} cores)", "≥ 2,000/s", composed >= 2000);
        _table.Add("mail morning: delivered to a local SMTP server (aiosmtpd), composing included", $"{size}; MaxPerRun {Count(r.MaxPerRun)}, {r.Runs} runs",
            $"{Rate(delivered)} ({Seconds(r.Dispatching)}; composing, handing over and committing overlap: handing over {Seconds(r.Sending)} summed over the connections, committing the outcomes {Seconds(r.Marking)}); received {Count(r.Received)}, {Count(r.Received - r.DistinctReceived)} twice",
            "≥ 500/s, within 60 runs, none twice", delivered >= 500 && r.Runs <= MailMorningMeasure.RunsPerMorning + 1 && r.Received == r.DistinctReceived && r.Received == r.Sent);
        _table.Add("resident memory, the mail morning (bench process peak)", size, ProcessMemory.Megabytes(r.PeakResident), "≤ 500 MB",
            r.PeakResident is { } p ? p <= 500L * 1024 * 1024 : null);
        _table.Note($"- Mail morning ({r.Morning:yyyy-MM-dd HH:mm}): the engine first fired {Count(r.LettersRaised)} timers in {Seconds(r.Raising)} — the storm's 函告 step" +
                    (r.OthersDue > 0 ? $" and {Count(r.OthersDue)} other timers due by then" : "") + ". Resident peak by phase: " +
                    string.Join(", ", r.Peaks.Select(p => $"{p.Phase} {ProcessMemory.Megabytes(p.Peak)}")) + ".");
    }

    private double Floor(BenchDatabase database, StormShape storm)
    {
        log.WriteLine("bench: raw ADO.NET floor…");
        var elapsed = RawFloor.Run(database.ConnectionString, storm, new EngineOptions().BatchSize);
        var rate = storm.Timers / elapsed.TotalSeconds;
        _table.Add("deadline storm, raw batched ADO.NET floor (SQLite)", $"{Count(storm.Timers)} timers", $"{Rate(rate)} ({Seconds(elapsed)})", "reference", null);
        return rate;
    }

    private async Task<double> WorkflowCoreAsync(BenchDatabase database, StormShape storm, DateTimeOffset clock, CancellationToken cancel)
    {
        var sample = Math.Min(options.QuartzSample, storm.Timers);
        log.WriteLine($"bench: Workflow Core, one workflow per assignment ({sample} sampled)…");
        var result = await WorkflowCoreBaseline.RunAsync(database.Settings(clock), storm, sample, cancel);
        var rate = result.Fired / result.Elapsed.TotalSeconds;
        _table.Add("deadline storm, Workflow Core 3.22 one workflow per assignment (delay step, then the same writes by EF Core; its in-memory provider) (SQLite)",
            $"sampled: {Count(result.Fired)} of {Count(storm.Timers)} timers", $"{Rate(rate)} ({Seconds(result.Elapsed)}, of which starting the workflows {Seconds(result.Starting)})", "reference", null);
        return rate;
    }

    private async Task<double> QuartzAsync(BenchDatabase database, StormShape storm, DateTimeOffset clock, CancellationToken cancel)
    {
        var sample = Math.Min(options.QuartzSample, storm.Timers);
        log.WriteLine($"bench: Quartz, one trigger per timer ({sample} sampled)…");
        var result = await QuartzBaseline.RunAsync(database.Settings(clock), storm, sample, cancel);
        var rate = result.Fired / result.Elapsed.TotalSeconds;
        _table.Add("deadline storm, Quartz one trigger per timer + EF Core (SQLite)", $"sampled: {Count(result.Fired)} of {Count(storm.Timers)} timers",
            $"{Rate(rate)} ({Seconds(result.Elapsed)}; scheduling them took {Seconds(result.Scheduling)} more)", "reference", null);
        return rate;
    }
}
