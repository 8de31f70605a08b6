using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Engine;

/// <summary>
/// The host is down from Friday 2024-09-13 18:00 until the make-up working day Saturday 2024-10-12 10:00: across the
/// Mid-Autumn holiday (09-15…17, with the make-up Saturday 09-14), the make-up Sunday 09-29 and the National Day
/// holiday (10-01…07). On restart each missed step fires once, in due order, for the due instants the statutory
/// calendar gives — the same steps an uninterrupted run fires — except reminders whose next step is already due,
/// which are skipped rather than sent late (a unit gets the newest notice, not a stack of stale ones).
/// </summary>
public sealed class HolidayDowntimeTests : IDisposable
{
    private readonly TempFolder _down = new();
    private readonly TempFolder _straight = new();

    public void Dispose()
    {
        _down.Dispose();
        _straight.Dispose();
    }

    private const string Stop = "2024-09-13T18:00:00+08:00";
    private const string Restart = "2024-10-12T10:00:00+08:00";
    private static readonly long RestartMs = DateTimeOffset.Parse(Restart).ToUnixTimeMilliseconds();

    private static Dictionary<string, string> At(string start) => new()
    {
        ["WorkflowHost__Clock__Start"] = start,
        ["WorkflowHost__Clock__Speed"] = "0",
        ["WorkflowHost__Engine__PollSeconds"] = "1",
        // Small batches: the catch-up is many transactions, each short, as in a real restart after a long stop.
        ["WorkflowHost__Engine__BatchSize"] = "100",
    };

    /// <summary>Every handled timer due by the restart: (assignment, timer, due instant, status).</summary>
    private const string HandledTimers =
        "select coalesce(assignment_id, 0), name, due_at, status from timers where status <> 0 and due_at <= {0} order by 1, 3, 2";

    /// <summary>What each handled timer did: (assignment, timer, due instant, event).</summary>
    private const string EffectsByTimer =
        "select coalesce(j.assignment_id, 0), t.name, t.due_at, j.event from journal j join timers t on t.id = j.timer_id " +
        "where t.due_at <= {0} order by 1, 3, 2, 4";

    [Fact]
    public async Task After_downtime_across_the_holidays_each_missed_step_fires_once_in_order_at_its_calendar_time()
    {
        var down = new SqliteFile(_down.Path);
        await using (var host = await RunningHost.StartAsync(_down.Path, At(Stop)))
            await host.WaitUntilAsync(() => Pending(down, DateTimeOffset.Parse(Stop).ToUnixTimeMilliseconds()) == 0, TimeSpan.FromMinutes(2));
        var beforeRestart = down.Count("select max(id) from journal");
        await using (var host = await RunningHost.StartAsync(_down.Path, At(Restart)))
            await host.WaitUntilAsync(() => Pending(down, RestartMs) == 0, TimeSpan.FromMinutes(2));

        var straight = new SqliteFile(_straight.Path);
        var run = await ProductProcess.RunAsync(_straight.Path, At(Stop), "clock", "advance", "--to", Restart);
        Assert.True(run.ExitCode == 0, run.Stderr);

        // Every step due by the restart was handled once, in both runs.
        var handledDown = down.Lines(string.Format(HandledTimers, RestartMs));
        var handledStraight = straight.Lines(string.Format(HandledTimers, RestartMs));
        Assert.Equal(Keys(handledStraight), Keys(handledDown));
        Assert.Equal(0, Pending(straight, RestartMs));

        // Handled differently only where the downtime run skipped a reminder the uninterrupted run sent: a reminder
        // whose later step was already due by the restart.
        var differing = handledDown.Except(handledStraight).ToList();
        Assert.NotEmpty(differing);
        Assert.All(differing, l => Assert.EndsWith("|2", l));
        var skipped = differing.Select(Key).ToHashSet();
        Assert.All(skipped, k => Assert.Contains("reminder", k.Split('|')[1]));

        // Each fired step did exactly what it did in the uninterrupted run; the skipped reminders did nothing.
        var effectsDown = down.Lines(string.Format(EffectsByTimer, RestartMs));
        var effectsStraight = straight.Lines(string.Format(EffectsByTimer, RestartMs)).Where(l => !skipped.Contains(Key(l))).ToList();
        Assert.Equal(effectsStraight, effectsDown);
        Assert.Equal(effectsDown.Count, effectsDown.Distinct().Count());

        // The catch-up worked in due order: per assignment, the journal's order follows the timers' due instants.
        var caughtUp = down.Lines(
            $"select coalesce(j.assignment_id, 0), t.due_at from journal j join timers t on t.id = j.timer_id where j.id > {beforeRestart} order by j.id");
        Assert.True(caughtUp.Count > 100, $"only {caughtUp.Count} steps caught up");
        foreach (var perAssignment in caughtUp.Select(l => l.Split('|')).GroupBy(c => c[0]))
        {
            var dues = perAssignment.Select(c => long.Parse(c[1])).ToList();
            Assert.Equal(dues.Order(), dues);
        }

        // The calendar held during the catch-up: steps due on Sunday 09-29 (a make-up working day), none due on a
        // holiday.
        var dueDays = caughtUp.Select(l => DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(l.Split('|')[1])).ToOffset(TimeSpan.FromHours(8)).DateTime)).ToHashSet();
        Assert.Contains(new DateOnly(2024, 9, 29), dueDays);
        Assert.DoesNotContain(dueDays, d => d >= new DateOnly(2024, 10, 1) && d <= new DateOnly(2024, 10, 7));
        Assert.DoesNotContain(dueDays, d => d >= new DateOnly(2024, 9, 15) && d <= new DateOnly(2024, 9, 17));
    }

    private static long Pending(SqliteFile file, long dueBy) => file.Count($"select count(*) from timers where status = 0 and due_at <= {dueBy}");

    private static string Key(string line) => string.Join('|', line.Split('|')[..3]);

    private static List<string> Keys(IEnumerable<string> lines) => lines.Select(Key).ToList();
}
