using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Calendar;
using WorkflowHost.Cli;
using WorkflowHost.Hosting;
using WorkflowHost.Infrastructure.Mail;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Infrastructure.Workflows;

using WorkflowHost.DataSets;

namespace WorkflowHost.Benchmarks;

/// <summary>
/// The morning after the storm, as the product lives it: at 09:00 of the next working day the 函告 step comes due for
/// every assignment the storm made late (its timers, which the engine planned for the 函告's own date, are moved to that
/// morning, as the storm's were moved to its instant), every unit's digest is written, each unit's 函告 are gathered
/// into its one 督办函 of the day, and the dispatcher hands everything to a real SMTP server (Debian's aiosmtpd, the
/// tests' sink) in runs of <c>MaxPerRun</c> sized so the morning leaves in 60 runs — 15 minutes at the 15 s poll.
/// Nothing is waited for between runs: the rate is the mail path's, not the poll's.
/// </summary>
public static class MailMorningMeasure
{
    /// <summary>Runs a 15-minute morning is allowed: 15 minutes at the default 15 s poll.</summary>
    public const int RunsPerMorning = 60;

    public sealed record Result(
        DateTimeOffset Morning, int OthersDue, int LettersRaised, TimeSpan Raising, int Digests, TimeSpan Digesting, int Letters, TimeSpan Bundling,
        int Messages, int MaxPerRun, int Runs, int Sent, TimeSpan Dispatching, TimeSpan Composing, TimeSpan Sending, TimeSpan Marking,
        int Received, int DistinctReceived, IReadOnlyList<(string Phase, long? Peak)> Peaks)
    {
        /// <summary>The morning's peak: the largest of its phases' own peaks.</summary>
        public long? PeakResident => Peaks.Max(p => p.Peak);
    }

    public static async Task<Result> RunAsync(BenchDatabase database, StormShape storm, CancellationToken cancel)
    {
        DateTimeOffset morning;
        int others;
        await using (var shaping = database.Services(storm.At))
        {
            var calendar = shaping.GetRequiredService<WorkflowRuntime>().Planner.Calendar;
            morning = ChinaTime.At(calendar.AddWorkdaysOrWeekdays(ChinaTime.DateOf(storm.At), 1), new MailOptions().DigestAt);
            await database.ScalarAsync(shaping, $"UPDATE timers SET due_at = {UnixTime.Of(morning)} WHERE status = {TimerStatus.Pending} AND name = '{storm.Letter.Name}' AND due_at = {UnixTime.Of(storm.Letter.At)}", cancel);
            others = (int)await database.ScalarAsync(shaping, $"SELECT COUNT(*) FROM timers WHERE status = {TimerStatus.Pending} AND due_at <= {UnixTime.Of(morning)} AND name <> '{storm.Letter.Name}'", cancel);
        }
        var folder = Path.Combine(database.Folder, "smtp");
        await using var sink = await SmtpSink.StartAsync(folder);
        var smtp = new Dictionary<string, string?>
        {
            ["WorkflowHost:Mail:Smtp:Host"] = "127.0.0.1",
            ["WorkflowHost:Mail:Smtp:Port"] = sink.Port.ToString(),
            ["WorkflowHost:Mail:Smtp:Security"] = "None",
        };
        GC.Collect();
        ProcessMemory.ResetPeak(Environment.ProcessId);
        var settings = database.Settings(morning, smtp);
        await using var services = EngineServiceProvider.Create(settings, s => s.AddMail(settings));
        var watch = Stopwatch.StartNew();
        var raised = await services.GetRequiredService<TimerProcessor>().RunDueAsync(cancel);
        var raising = watch.Elapsed;
        var peaks = new List<(string, long?)> { PeakOf("the engine raising the 函告") };
        watch.Restart();
        var digests = await services.GetRequiredService<DailyDigestComposer>().RunAsync(morning, cancel);
        var digesting = watch.Elapsed;
        peaks.Add(PeakOf("writing the digests"));
        watch.Restart();
        // The bundler reads a bounded number of task rows per run (the dispatcher calls it at the start of each); the
        // morning's are all gathered here first, so the count below is the whole morning.
        var letters = 0;
        for (long waiting = long.MaxValue, now; (now = await TaskLettersWaitingAsync(database, services, cancel)) > 0 && now < waiting; waiting = now)
            letters += await services.GetRequiredService<LetterBundler>().BundleAsync(morning, cancel);
        var bundling = watch.Elapsed;
        peaks.Add(PeakOf("gathering the letters"));
        var (messages, composing) = await ComposeAllAsync(services, morning, cancel);
        peaks.Add(PeakOf("composing"));

        // What `MaxPerRun` must be for the morning to leave in 15 minutes; each run is given that limit, as the host would.
        var maxPerRun = Math.Max(1, (messages + RunsPerMorning - 1) / RunsPerMorning);
        var dispatcher = services.GetRequiredService<OutboxDispatcher>();
        int runs = 0, sent = 0;
        using var profile = BatchProfile.Mail();
        watch.Restart();
        OutboxDispatcher.Outcome outcome;
        do
        {
            outcome = await dispatcher.RunAsync(morning, maxPerRun, cancel);
            sent += outcome.Sent;
            runs++;
        } while (outcome.LimitReached);
        var dispatching = watch.Elapsed;
        peaks.Add(PeakOf("dispatching"));
        var ids = sink.Files().Select(MessageIdOf).ToList();
        return new Result(morning, others, raised, raising, digests, digesting, letters, bundling, messages, maxPerRun, runs, sent, dispatching,
            composing, profile.Of("send"), profile.Of("mark"), ids.Count, ids.Distinct(StringComparer.Ordinal).Count(), peaks);
    }

    /// <summary>The resident peak of the phase that just ended, with its managed heap before and after a full collection
    /// (what it let go of, and what it kept); the peak is then reset so the next phase's is its own.</summary>
    private static (string, long?) PeakOf(string phase)
    {
        var peak = ProcessMemory.PeakBytes(Environment.ProcessId);
        var heap = GC.GetGCMemoryInfo().HeapSizeBytes;
        var kept = GC.GetTotalMemory(forceFullCollection: true);
        ProcessMemory.ResetPeak(Environment.ProcessId);
        return ($"{phase} (managed heap at its end {ProcessMemory.Megabytes(heap)}, after a full collection {ProcessMemory.Megabytes(kept)})", peak);
    }

    /// <summary>Composes every message the dispatcher will send this morning (<see cref="OutboxDispatcher.Due"/>) once,
    /// on every core with the batch's facts read ahead as the dispatcher does, and drops it: how many, and the composing time alone, in wall time (in the
    /// dispatcher it overlaps with handing over). Read a batch at a time as the dispatcher reads them: a national
    /// morning's rows carry about half a gigabyte of digest payloads. Composing has no side effects for digests and
    /// letters, the morning's only kinds.</summary>
    private static async Task<(int Messages, TimeSpan Composing)> ComposeAllAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancel)
    {
        var contexts = services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        var composer = services.GetRequiredService<MessageComposer>();
        var batch = services.GetRequiredService<MailOptions>().BatchSize;
        var composing = TimeSpan.Zero;
        var count = 0;
        for (long after = 0; ; )
        {
            List<OutboxRow> rows;
            await using (var db = await contexts.CreateDbContextAsync(cancel))
                rows = await OutboxDispatcher.Due(db.Outbox, now).Where(o => o.Id > after).OrderBy(o => o.Id).Take(batch).AsNoTracking().ToListAsync(cancel);
            if (rows.Count == 0) return (count, composing);
            var started = Stopwatch.GetTimestamp();
            var batchRead = await composer.ReadAheadAsync(rows, cancel);
            await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancel },
                async (row, token) => await composer.ComposeAsync(row, batchRead, token));
            composing += Stopwatch.GetElapsedTime(started);
            count += rows.Count;
            after = rows[^1].Id;
        }
    }

    private static Task<long> TaskLettersWaitingAsync(BenchDatabase database, ServiceProvider services, CancellationToken cancel) =>
        database.ScalarAsync(services, "SELECT COUNT(*) FROM outbox WHERE kind = 'letter' AND assignment_id IS NOT NULL AND status = 'pending'", cancel);

    /// <summary>A received message's Message-ID, read from its header block only (the product derives it from the outbox
    /// row, so a message sent twice arrives twice with the same one).</summary>
    private static string MessageIdOf(string file)
    {
        foreach (var line in File.ReadLines(file))
        {
            if (line.Length == 0) break;
            if (line.StartsWith("Message-Id:", StringComparison.OrdinalIgnoreCase)) return line[11..].Trim();
        }
        return file;
    }
}
