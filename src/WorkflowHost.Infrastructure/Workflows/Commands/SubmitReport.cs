using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Calendar;
using WorkflowHost.Engine.Plans;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Workflows;
using WorkflowHost.Infrastructure.Input;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Infrastructure.Workflows.Commands;

/// <summary>报送: a unit's progress report for one period (default: the period containing today), with text and
/// figures. It stops that period's reminders and resets the count of consecutive missed reports.</summary>
public sealed record SubmitReport(long AssignmentId, Actor Actor, string Text, IReadOnlyDictionary<string, decimal>? Figures = null, string? Period = null)
    : ICommand<CommandResult>;

public sealed class SubmitReportHandler(AssignmentCommandExecutor executor) : ICommandHandler<SubmitReport, CommandResult>
{
    public async ValueTask<CommandResult> Handle(SubmitReport command, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(command.Text)) return CommandResult.Refused(RefusalKind.Invalid, "报送内容不能为空 (the report text is empty)");
        if (FreeText.Problem("报送内容", "text", command.Text) is { } textProblem) return CommandResult.Refused(RefusalKind.Invalid, textProblem);
        if (ReportFigures.Problems(command.Figures) is { Count: > 0 } figureProblems) return CommandResult.Refused(RefusalKind.Invalid, string.Join(";", figureProblems));
        return await executor.RunAsync(command.AssignmentId, command.Actor, Actors.Unit, async (db, assignment, definition, now) =>
        {
            if (TimerRules.ReportingStopped(definition, assignment.State!))
                return CommandResult.Refused("该任务已销号,无需报送 (the assignment is closed; no more reports are due)");
            if (TimerRules.AwaitsExtensionDecision(definition, assignment.State!))
                return CommandResult.Refused($"{definition.State(assignment.State!).Refusal?.Zh ?? "已有延期申请待审核"},专班作出决定后再报送");

            var cadenceName = await db.PlanTasks.Where(t => t.Id == assignment.TaskId).Select(t => t.ReportingCadence).SingleAsync(cancellationToken);
            var cadence = CadenceNames.FromWireName(cadenceName) ?? Cadence.Monthly;
            var current = CadencePeriod.Containing(cadence, ChinaTime.DateOf(now));
            var period = command.Period is null ? current : CadencePeriod.Parse(cadence, command.Period);
            if (period is null)
                return CommandResult.Refused(RefusalKind.Invalid, $"报送期次 {command.Period} 无效:本任务{cadence.Title()}报送,期次写作如 {current.Key}({CadencePeriod.Words(current.Key)})");
            if (period.Start > current.Start)
                return CommandResult.Refused(RefusalKind.Invalid, $"报送期次 {period.Key} 尚未开始 (period {period.Key} has not begun)");

            var nowMs = UnixTime.Of(now);
            db.Reports.Add(new ReportRow
            {
                AssignmentId = assignment.Id,
                Period = period.Key,
                SubmittedAt = nowMs,
                SubmittedBy = command.Actor.Name,
                Text = command.Text,
                Figures = command.Figures is null ? null : JsonSerializer.Serialize(command.Figures),
            });
            assignment.MissedReports = 0;
            db.Journal.Add(new JournalRow
            {
                AssignmentId = assignment.Id,
                At = nowMs,
                Actor = command.Actor.Name,
                Event = EngineEvents.ReportSubmitted,
                FromState = assignment.State,
                ToState = assignment.State,
                Data = JsonSerializer.Serialize(new { period = period.Key }),
            });
            return CommandResult.Done(assignment.State);
        }, cancellationToken);
    }
}
