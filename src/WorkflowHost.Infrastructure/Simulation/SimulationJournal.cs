using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows;

namespace WorkflowHost.Infrastructure.Simulation;

/// <summary>One journal entry with its task and unit: a line of <c>simulate --events</c>.</summary>
public sealed record JournalEntry(DateTimeOffset At, int? Task, string? Unit, string Event, string? State, string Actor, string? Reason, string? Data);

/// <summary>Reads the journal of a run and writes it out: JSON Lines for scripts, a summary table and a readable
/// timeline for people.</summary>
public static class SimulationJournal
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<IReadOnlyList<JournalEntry>> ReadAsync(WorkflowDbContext db, CancellationToken cancel = default)
    {
        var rows = await (
            from j in db.Journal
            join a in db.Assignments on j.AssignmentId equals a.Id into assignments
            from a in assignments.DefaultIfEmpty()
            join t in db.PlanTasks on a.TaskId equals t.Id into tasks
            from t in tasks.DefaultIfEmpty()
            join u in db.Units on a.UnitId equals u.Id into units
            from u in units.DefaultIfEmpty()
            orderby j.At, j.Id
            select new { j.At, No = (int?)t.No, Unit = u.Name, j.Event, j.ToState, j.Actor, j.Reason, j.Data }).AsNoTracking().ToListAsync(cancel);
        return rows.Select(r => new JournalEntry(UnixTime.ToChinaTime(r.At), r.No, r.Unit, r.Event, r.ToState, r.Actor, r.Reason, r.Data)).ToList();
    }

    /// <summary>One JSON object per line: at (ISO 8601, +08:00), task, unit, event, then state, actor (people only),
    /// reason and detail when present. Engine-wide events (the monthly briefing) have task and unit null.</summary>
    public static async Task WriteEventsAsync(IEnumerable<JournalEntry> entries, TextWriter writer)
    {
        foreach (var e in entries)
        {
            var line = new JsonObject
            {
                ["at"] = e.At.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                ["task"] = e.Task,
                ["unit"] = e.Unit,
                ["event"] = e.Event,
            };
            if (e.State is not null) line["state"] = e.State;
            if (e.Actor != Actor.Engine.Name) line["actor"] = e.Actor;
            if (e.Reason is not null) line["reason"] = e.Reason;
            if (e.Data is not null) line["detail"] = JsonNode.Parse(e.Data);
            await writer.WriteLineAsync(line.ToJsonString(Json));
        }
    }

    /// <summary>Events counted by name, in the order of the vocabulary.</summary>
    public static IReadOnlyList<(string Event, int Count)> Count(IEnumerable<JournalEntry> entries)
    {
        var order = EngineEvents.Titles.Keys.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i);
        return entries.GroupBy(e => e.Event).OrderBy(g => order.GetValueOrDefault(g.Key, int.MaxValue)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count())).ToList();
    }

    public static string SummaryTable(SimulationRun run, IReadOnlyList<(string Event, int Count)> counts)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"simulation {run.Profile}: {run.From.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm} → {run.To.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm} (+08:00)");
        text.AppendLine(CultureInfo.InvariantCulture, $"timers handled {run.TimersHandled}, actions done {run.ActionsSucceeded}, actions refused {run.ActionsRefused}");
        text.AppendLine();
        var width = Math.Max(20, counts.Select(c => c.Event.Length).DefaultIfEmpty(0).Max());
        text.AppendLine(CultureInfo.InvariantCulture, $"{"event".PadRight(width)}  {"title",-8}  {"count",8}");
        foreach (var (name, count) in counts)
            text.AppendLine(CultureInfo.InvariantCulture, $"{name.PadRight(width)}  {Pad(EngineEvents.TitleOf(name), 8)}  {count,8}");
        text.AppendLine(CultureInfo.InvariantCulture, $"{"total".PadRight(width)}  {Pad("", 8)}  {counts.Sum(c => c.Count),8}");
        return text.ToString();
    }

    /// <summary>A Markdown timeline, one section per day; what happened to many units at once (a deadline shared by
    /// every 市州) is one line listing them.</summary>
    public static async Task WriteTimelineAsync(SimulationRun run, IEnumerable<JournalEntry> entries, IReadOnlyList<(string Event, int Count)> counts, TextWriter writer)
    {
        await writer.WriteLineAsync($"# 模拟运行时间线({run.Profile})");
        await writer.WriteLineAsync();
        await writer.WriteLineAsync("```");
        await writer.WriteAsync(SummaryTable(run, counts));
        await writer.WriteLineAsync("```");
        DateOnly? day = null;
        foreach (var group in Consecutive(entries))
        {
            var e = group[0];
            var date = DateOnly.FromDateTime(e.At.DateTime);
            if (date != day)
            {
                day = date;
                await writer.WriteLineAsync();
                await writer.WriteLineAsync($"## {date:yyyy-MM-dd} {Weekday(date)}");
                await writer.WriteLineAsync();
            }
            var units = string.Join("、", group.Select(g => g.Unit));
            var who = e.Task is null ? "" : $" 任务{e.Task}:{units}";
            var actor = e.Actor == Actor.Engine.Name ? "" : $"({e.Actor})";
            var reason = e.Reason is null ? "" : $",理由:{e.Reason}";
            await writer.WriteLineAsync($"- {e.At:HH:mm} {EngineEvents.TitleOf(e.Event)}{who}{actor}{reason}");
        }
    }

    /// <summary>Runs of engine entries with the same instant, event and task; people's actions stay one per line.</summary>
    private static IEnumerable<List<JournalEntry>> Consecutive(IEnumerable<JournalEntry> entries)
    {
        List<JournalEntry>? run = null;
        foreach (var e in entries)
        {
            if (run is not null && e.Actor == Actor.Engine.Name && run[0].Actor == Actor.Engine.Name
                && (run[0].At, run[0].Event, run[0].Task) == (e.At, e.Event, e.Task))
            {
                run.Add(e);
                continue;
            }
            if (run is not null) yield return run;
            run = [e];
        }
        if (run is not null) yield return run;
    }

    private static string Weekday(DateOnly date) => "日一二三四五六"[(int)date.DayOfWeek] is var c ? $"星期{c}" : "";

    /// <summary>Pads text whose CJK characters take two columns.</summary>
    private static string Pad(string text, int columns) => text + new string(' ', Math.Max(0, columns - text.Sum(ch => ch > 0x2E80 ? 2 : 1)));
}
