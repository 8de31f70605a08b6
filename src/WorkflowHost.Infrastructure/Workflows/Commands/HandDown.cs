using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Assignments;
using WorkflowHost.Engine.Calendar;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Workflows;
using WorkflowHost.Infrastructure.Input;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Infrastructure.Workflows.Commands;

/// <summary>
/// 下达 (任务分解): a unit hands its share of a task down to some of its own sub-units (its 县区, its departments), with
/// an internal deadline on or before its own — a date, or <paramref name="WorkdaysBefore"/> working days before it —
/// and a note. Each sub-unit gets a child assignment running the same workflow (reminders, overdue, escalation,
/// reporting) towards the internal deadline; the parent reviews it. A 长期坚持 task hands down without a date.
/// </summary>
public sealed record HandDown(long AssignmentId, Actor Actor, IReadOnlyList<long> UnitIds, DateOnly? Due, int? WorkdaysBefore, string? Note)
    : ICommand<CommandResult>;

public sealed class HandDownHandler(AssignmentCommandExecutor executor, WorkflowRuntime runtime) : ICommandHandler<HandDown, CommandResult>
{
    public async ValueTask<CommandResult> Handle(HandDown command, CancellationToken cancellationToken) =>
        await executor.RunAsync(command.AssignmentId, command.Actor, Actors.Unit, async (db, parent, definition, now) =>
        {
            if (Invalid(command) is { } invalid) return CommandResult.Refused(RefusalKind.Invalid, invalid);
            var state = definition.State(parent.State!);
            if (!state.Role.UnitActs())
                return CommandResult.Refused($"任务当前为「{state.Title}」,不能再下达");

            var subUnits = await db.Units.Where(u => u.ParentId == parent.UnitId).ToDictionaryAsync(u => u.Id, cancellationToken);
            var strangers = command.UnitIds.Where(id => !subUnits.ContainsKey(id)).ToList();
            if (strangers.Count > 0)
            {
                var names = await db.Units.Where(u => strangers.Contains(u.Id)).Select(u => u.Name).ToListAsync(cancellationToken);
                return CommandResult.Refused(RefusalKind.Invalid, names.Count == strangers.Count
                    ? $"{string.Join("、", names)}不是本单位的下级单位,不能下达"
                    : $"下达单位编号 {string.Join("、", strangers)} 不是本单位的下级单位");
            }
            var already = await db.Assignments.Where(a => a.TaskId == parent.TaskId && command.UnitIds.Contains(a.UnitId))
                .Select(a => a.UnitId).ToListAsync(cancellationToken);
            if (already.Count > 0)
                return CommandResult.Refused($"本任务已下达给{string.Join("、", already.Select(id => subUnits[id].Name))},不能重复下达");

            var task = await db.PlanTasks.SingleAsync(t => t.Id == parent.TaskId, cancellationToken);
            var year = PlanYear.Of(db, parent);
            var (due, dueProblem) = InternalDeadline(command, parent, ChinaTime.DateOf(now));
            if (dueProblem is not null) return CommandResult.Refused(RefusalKind.Invalid, dueProblem);

            var start = WorkflowStart.For(runtime, task.DeadlineKind, due, task.ReportingCadence, year, now);
            var nowMs = UnixTime.Of(now);
            var children = command.UnitIds.Select(unitId => new AssignmentRow
            {
                TaskId = parent.TaskId, UnitId = unitId, Role = AssignmentRole.HandedDown.ToWireName(), ParentId = parent.Id,
                DefinitionId = start.Definition.Id, DefinitionVersion = start.Definition.Version, State = start.Definition.InitialState,
                DueDate = due, StartedAt = nowMs, Version = 1,
            }).ToList();
            db.Assignments.AddRange(children);
            await db.SaveChangesAsync(cancellationToken); // the children's ids, for their timers, journal and mail

            var data = JsonSerializer.Serialize(new
            {
                units = command.UnitIds.Select(id => subUnits[id].Name),
                due = due?.ToString("yyyy-MM-dd"),
                note = command.Note,
            });
            db.Journal.Add(new JournalRow
            {
                AssignmentId = parent.Id, At = nowMs, Actor = command.Actor.Name, Event = EngineEvents.HandedDown,
                FromState = parent.State, ToState = parent.State, Reason = command.Note, Data = data,
            });
            foreach (var child in children)
            {
                db.Timers.AddRange(start.Timers.Select(t => WorkflowRuntime.ToRow(child.Id, t)));
                db.Journal.Add(new JournalRow
                {
                    AssignmentId = child.Id, At = nowMs, Actor = command.Actor.Name, Event = EngineEvents.Started,
                    ToState = child.State, Reason = command.Note,
                    Data = JsonSerializer.Serialize(new { definition = start.Definition.Key, parent = parent.Id }),
                });
                db.Outbox.Add(new OutboxRow
                {
                    Key = $"handed-down:{child.Id}", Kind = EngineEvents.HandedDown, AssignmentId = child.Id, UnitId = child.UnitId,
                    CreatedAt = nowMs, Status = "pending", Payload = data,
                });
            }
            return CommandResult.Done(parent.State) with { Created = children.Select(c => c.Id).ToList() };
        }, cancellationToken);

    private static string? Invalid(HandDown command)
    {
        if (command.UnitIds.Count == 0) return "请选择下达的单位 (unitIds is empty)";
        if (command.UnitIds.Count > InputLimits.HandDownUnits)
            return $"一次最多下达 {InputLimits.HandDownUnits} 个单位 (unitIds has {command.UnitIds.Count})";
        if (command.UnitIds.GroupBy(id => id).FirstOrDefault(g => g.Count() > 1) is { } twice)
            return $"下达单位编号 {twice.Key} 重复 (unitIds names {twice.Key} twice)";
        if (command.Due is not null && command.WorkdaysBefore is not null)
            return "内部时限请填日期或提前的工作日数,二者选一 (give due or workdaysBefore, not both)";
        if (command.WorkdaysBefore is < 0 or > InputLimits.HandDownWorkdaysBefore)
            return $"提前的工作日数须在 0 到 {InputLimits.HandDownWorkdaysBefore} 之间 (workdaysBefore is {command.WorkdaysBefore})";
        return FreeText.Problem("下达说明", "note", command.Note);
    }

    /// <summary>The children's due date: on or before the parent's, not before today, counted on the statutory calendar;
    /// none for a 长期坚持 task (the parent has no due date either).</summary>
    private (DateOnly? Due, string? Problem) InternalDeadline(HandDown command, AssignmentRow parent, DateOnly today)
    {
        if (parent.DueDate is not { } own)
            return command.Due is null && command.WorkdaysBefore is null
                ? (null, null)
                : (null, "本任务为长期坚持,下达不设内部时限 (this task has no deadline; leave due empty)");
        var calendar = runtime.Planner.Calendar;
        DateOnly due;
        if (command.WorkdaysBefore is { } n)
        {
            if (!calendar.Years.Contains(own.Year)) return (null, $"法定工作日历尚未载入 {own.Year} 年,请填写日期");
            due = n == 0 ? own : calendar.AddWorkdays(calendar.OnOrBeforeWorkday(own), -n);
        }
        else if (command.Due is { } date) due = date;
        else return (null, "请填写内部完成时限 (due is missing)");

        if (!calendar.Years.Contains(due.Year)) return (null, $"法定工作日历尚未载入 {due.Year} 年,不能以 {due:yyyy-MM-dd} 为时限");
        if (due > own) return (null, $"内部时限 {due:yyyy-MM-dd} 晚于本单位的完成时限 {own:yyyy-MM-dd}");
        if (due < today) return (null, $"内部时限 {due:yyyy-MM-dd} 早于今天 {today:yyyy-MM-dd}");
        return (due, null);
    }
}
