using System.Globalization;
using System.Text.Json;
using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Engine;

/// <summary>
/// <c>simulate</c> run as a user runs it. The idle run is checked against an oracle written here from the rules as the
/// issue states them and the State Council's holiday notices, independently of the engine's own calendar and schedule
/// code: for every dated assignment, exactly the reminders and escalation steps the rules define, at their instants.
/// </summary>
public sealed class SimulateTests : IDisposable
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly DateTimeOffset Start = new(2024, 2, 25, 9, 0, 0, China);
    private static readonly DateTimeOffset End = new(2025, 3, 31, 0, 0, 0, China);
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    private sealed record Line(DateTimeOffset At, int? Task, string? Unit, string Event);

    private async Task<List<Line>> SimulateAsync(params string[] args)
    {
        var events = _data.File($"events-{Guid.NewGuid():N}.jsonl");
        var result = await ProductProcess.RunAsync(_data.Path, ["simulate", .. args, "--events", events]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return File.ReadLines(events).Select(line =>
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            return new Line(
                DateTimeOffset.ParseExact(root.GetProperty("at").GetString()!, "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                root.GetProperty("task").ValueKind == JsonValueKind.Null ? null : root.GetProperty("task").GetInt32(),
                root.GetProperty("unit").GetString(),
                root.GetProperty("event").GetString()!);
        }).ToList();
    }

    [Fact]
    public async Task Idle_run_gives_every_dated_assignment_exactly_the_steps_the_rules_define()
    {
        var lines = await SimulateAsync("--from", "2024-02-25T09:00", "--to", "2025-03-31", "--profile", "idle");
        var dueDates = await DueDatesAsync();
        var deadlineEvents = new HashSet<string> { "reminder", "overdue", "letter", "circular", "summons", "exposure" };

        var assignments = lines.Where(l => l.Event == "started").Select(l => (Task: l.Task!.Value, Unit: l.Unit!)).ToList();
        var dated = assignments.Where(a => dueDates.ContainsKey(a.Task)).ToList();
        Assert.True(dated.Count > 800, $"{dated.Count} dated assignments");
        var actual = lines.Where(l => deadlineEvents.Contains(l.Event)).ToLookup(l => (l.Task!.Value, l.Unit!));
        foreach (var assignment in dated)
        {
            var expected = ExpectedSteps(dueDates[assignment.Task]);
            var got = actual[assignment].Select(l => (l.Event, l.At)).ToList();
            Assert.True(expected.SequenceEqual(got),
                $"task {assignment.Task} {assignment.Unit}: expected [{string.Join(", ", expected)}] but got [{string.Join(", ", got)}]");
        }
        // Ongoing assignments never get deadline reminders or an overdue.
        Assert.DoesNotContain(lines, l => l.Event is "reminder" or "overdue" && !dueDates.ContainsKey(l.Task!.Value));
    }

    [Fact]
    public async Task Realistic_run_is_reproducible_and_people_act()
    {
        string[] args = ["--from", "2024-02-25T09:00", "--to", "2024-05-31", "--profile", "realistic", "--seed", "7"];
        var first = await SimulateAsync(args);
        var second = await SimulateAsync(args);

        Assert.Equal(first, second);
        foreach (var name in new[] { "report-submitted", "applied", "closed", "rejected", "extension-requested" })
            Assert.Contains(first, l => l.Event == name);
        var other = await SimulateAsync("--from", "2024-02-25T09:00", "--to", "2024-05-31", "--profile", "realistic", "--seed", "8");
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task Report_folder_holds_a_readable_timeline()
    {
        var report = Path.Combine(_data.Path, "report");
        var result = await ProductProcess.RunAsync(_data.Path, "simulate", "--to", "2024-03-20", "--report", report);

        Assert.Equal(0, result.ExitCode);
        var timeline = File.ReadAllText(Path.Combine(report, "timeline.md"));
        Assert.Contains("## 2024-03-18 星期一", timeline);
        Assert.Contains("- 09:00 函告 任务3:省安委会办公室", timeline);
        Assert.Contains("letter", File.ReadAllText(Path.Combine(report, "summary.txt")));
        Assert.Contains("letter", result.Stdout);
    }

    [Fact]
    public async Task Outbox_holds_the_runs_mail_by_the_digest_rules()
    {
        var outbox = Path.Combine(_data.Path, "outbox");
        var lines = await SimulateAsync("--to", "2024-04-30", "--outbox", outbox);

        var mails = Directory.GetFiles(outbox, "*.eml").Select(f => MimeKit.MimeMessage.Load(f)).ToList();
        var digests = mails.Where(m => (m.Subject ?? "").StartsWith("【每日督办提醒】")).ToList();
        var groupDigests = mails.Where(m => (m.Subject ?? "").StartsWith("【专班日报】")).ToList();
        var letters = mails.Where(m => (m.Subject ?? "").StartsWith("【督办函】")).ToList();
        var briefings = mails.Where(m => (m.Subject ?? "").StartsWith("【工作简报】")).ToList();

        Assert.Equal(mails.Count, digests.Count + groupDigests.Count + letters.Count + briefings.Count);
        // A unit's 函告 of a day go out as one letter with the document attached; the office the working group sits in
        // gets none from itself.
        var letterDays = lines.Where(l => l.Event == "letter" && l.Unit != "省安委会办公室")
            .Select(l => (l.Unit, Day: DateOnly.FromDateTime(l.At.ToOffset(China).DateTime))).Distinct().ToList();
        Assert.True(letterDays.Count < lines.Count(l => l.Event == "letter"), "no unit had two 函告 on one day");
        Assert.Equal(letterDays.Count, letters.Count);
        Assert.All(letters, l => Assert.Contains(l.Attachments, a => a.ContentType.MediaSubtype.Contains("wordprocessingml")));
        Assert.Equal(lines.Count(l => l.Event == "briefing"), briefings.Count);
        // At most one digest per unit per day, and only on working days at 09:00; one for the working group per day.
        var perUnitDay = digests.Select(d => (To: d.To.Mailboxes.Single().Address, Day: DateOnly.FromDateTime(d.Date.ToOffset(China).DateTime))).ToList();
        Assert.Equal(perUnitDay.Count, perUnitDay.Distinct().Count());
        Assert.All(digests.Concat(groupDigests), d =>
        {
            var at = d.Date.ToOffset(China);
            Assert.True(IsWorkday(DateOnly.FromDateTime(at.DateTime)) && at.TimeOfDay == new TimeSpan(9, 0, 0), $"{d.Subject} dated {at}");
        });
        var groupDays = groupDigests.Select(d => d.Date.ToOffset(China).Date).ToList();
        Assert.Equal(groupDays.Count, groupDays.Distinct().Count());
        Assert.True(digests.Count > 100 && groupDigests.Count > 30, $"{digests.Count} unit digests, {groupDigests.Count} working-group digests");
        Assert.All(mails, m => Assert.EndsWith("@gansu.example", m.To.Mailboxes.Single().Address));
    }

    [Theory]
    [InlineData("--to", "2024-02-30", "--to '2024-02-30' is not a date")]
    [InlineData("--from", "2024-03-01", "is before --from")]
    [InlineData("--to", "2030-01-01", "calendar covers 2024–2026")]
    [InlineData("--profile", "lazy", "lazy")]
    public async Task Bad_arguments_are_refused_with_a_reason(string option, string value, string message)
    {
        string[] args = option == "--from" ? ["simulate", "--from", value, "--to", "2024-02-28"] : ["simulate", option, value];
        var result = await ProductProcess.RunAsync(_data.Path, args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr);
    }

    private async Task<Dictionary<int, DateOnly>> DueDatesAsync()
    {
        var shown = await ProductProcess.RunAsync(_data.Path, "plan", "show", "--json");
        using var json = JsonDocument.Parse(shown.Stdout);
        return json.RootElement.EnumerateArray()
            .Where(t => t.GetProperty("deadline").GetProperty("kind").GetString() == "due")
            .ToDictionary(t => t.GetProperty("no").GetInt32(), t => DateOnly.Parse(t.GetProperty("deadline").GetProperty("date").GetString()!, CultureInfo.InvariantCulture));
    }

    /// <summary>The issue's rules: reminders at 09:00 30 and 7 calendar days before (moved back to a working day) and
    /// on the last working day before; reminders already past at the start are skipped. Overdue at 00:00 the day after.
    /// 函告/通报/约谈 at 09:00 on the 1st/10th/20th working day after. Steps after the end of the run do not happen.</summary>
    private static List<(string, DateTimeOffset)> ExpectedSteps(DateOnly due)
    {
        var steps = new List<(string, DateTimeOffset)>();
        foreach (var day in new[] { OnOrBeforeWorkday(due.AddDays(-30)), OnOrBeforeWorkday(due.AddDays(-7)), WorkdaysFrom(due, -1) })
            if (At(day, 9) >= Start) steps.Add(("reminder", At(day, 9)));
        steps.Add(("overdue", At(due.AddDays(1), 0)));
        steps.Add(("letter", At(WorkdaysFrom(due, 1), 9)));
        steps.Add(("circular", At(WorkdaysFrom(due, 10), 9)));
        steps.Add(("summons", At(WorkdaysFrom(due, 20), 9)));
        return steps.Where(s => s.Item2 <= End).ToList();
    }

    private static DateTimeOffset At(DateOnly day, int hour) => new(day.ToDateTime(new TimeOnly(hour, 0)), China);

    private static DateOnly OnOrBeforeWorkday(DateOnly day) => IsWorkday(day) ? day : WorkdaysFrom(day, -1);

    private static DateOnly WorkdaysFrom(DateOnly day, int n)
    {
        var step = Math.Sign(n);
        for (var left = Math.Abs(n); left > 0;)
        {
            day = day.AddDays(step);
            if (IsWorkday(day)) left--;
        }
        return day;
    }

    // 国务院办公厅关于2024年、2025年部分节假日安排的通知 (through March 2025, the end of the run).
    private static readonly HashSet<string> Holidays =
    [
        "2024-01-01", "2024-02-10", "2024-02-11", "2024-02-12", "2024-02-13", "2024-02-14", "2024-02-15", "2024-02-16", "2024-02-17",
        "2024-04-04", "2024-04-05", "2024-04-06", "2024-05-01", "2024-05-02", "2024-05-03", "2024-05-04", "2024-05-05", "2024-06-10",
        "2024-09-15", "2024-09-16", "2024-09-17", "2024-10-01", "2024-10-02", "2024-10-03", "2024-10-04", "2024-10-05", "2024-10-06", "2024-10-07",
        "2025-01-01", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-02-01", "2025-02-02", "2025-02-03", "2025-02-04",
    ];

    private static readonly HashSet<string> MakeUpDays =
    [
        "2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14", "2024-09-29", "2024-10-12",
        "2025-01-26", "2025-02-08",
    ];

    private static bool IsWorkday(DateOnly day)
    {
        var key = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (MakeUpDays.Contains(key)) return true;
        return !Holidays.Contains(key) && day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }
}
