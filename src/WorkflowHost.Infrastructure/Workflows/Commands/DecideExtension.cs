using Mediator;
using WorkflowHost.Engine.Calendar;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Infrastructure.Workflows.Commands;

/// <summary>批准延期: the due date moves to the date the unit asked for, and the deadline's timers are planned again
/// from it (reminders already past are skipped, as at any start).</summary>
public sealed record ApproveExtension(long AssignmentId, Actor Actor, string? Note = null, int? Version = null) : ICommand<CommandResult>;

/// <summary>不予延期: the due date stays; the unit is told why.</summary>
public sealed record RefuseExtension(long AssignmentId, Actor Actor, string Reason, int? Version = null) : ICommand<CommandResult>;

public sealed class ApproveExtensionHandler(AssignmentCommandExecutor executor, WorkflowRuntime runtime) : ICommandHandler<ApproveExtension, CommandResult>
{
    public async ValueTask<CommandResult> Handle(ApproveExtension command, CancellationToken cancellationToken) =>
        await executor.TransitionAsync(command.AssignmentId, command.Actor, "approve-extension", command.Note, null, (db, assignment, now) =>
        {
            var request = db.Journal.Where(j => j.AssignmentId == assignment.Id && j.Event == EngineEvents.ExtensionRequested)
                .OrderByDescending(j => j.Id).Select(j => j.Data).FirstOrDefault();
            if (request is null) return "没有待审批的延期申请 (no extension request is pending)";
            if (ExtensionRequestData.DateOf(request) is not { } newDue) return "延期申请记录中没有可识别的日期,请不予延期并请单位重新申请 (the request holds no date)";
            var task = db.PlanTasks.Single(t => t.Id == assignment.TaskId);
            var year = PlanYear.Of(db, assignment);
            // Asked for before today's rules, or before the calendar lost a year: refused here, never a failed approval.
            if ((ExtensionDate.Refusal(newDue, assignment.DueDate, year, runtime.Options.ExtensionHorizonYears, runtime.Planner.Calendar)
                    ?? AssignmentTree.BeyondParent(db, assignment, newDue)) is { } unusable)
                return $"申请延期至 {newDue:yyyy-MM-dd} 无法批准:{unusable};请不予延期并请单位重新申请";

            assignment.DueDate = newDue;
            assignment.PastDue = ChinaTime.DateOf(now) > newDue;
            AssignmentCommandExecutor.CancelTimers(db, assignment.Id, now, TimerChain.Deadline);
            var schedule = runtime.ScheduleOf(runtime.DefinitionOf(assignment), newDue, task.ReportingCadence, year);
            if (runtime.Planner.RestartDeadline(schedule, now) is { } first)
                db.Timers.Add(WorkflowRuntime.ToRow(assignment.Id, first));
            return null;
        }, cancellationToken, command.Version);
}

public sealed class RefuseExtensionHandler(AssignmentCommandExecutor executor) : ICommandHandler<RefuseExtension, CommandResult>
{
    public async ValueTask<CommandResult> Handle(RefuseExtension command, CancellationToken cancellationToken) =>
        await executor.TransitionAsync(command.AssignmentId, command.Actor, "refuse-extension", command.Reason, null, cancel: cancellationToken, expectedVersion: command.Version);
}
