namespace WorkflowHost.Engine.Workflows;

/// <summary>
/// One timed step of an assignment's workflow. <paramref name="Name"/> is a stable key (<c>reminder-30d</c>, <c>letter</c>,
/// <c>report-missed:2024-03</c>): together with the assignment it identifies the timer and its effects, so recomputing a
/// schedule never sends the same reminder twice. <paramref name="Approval"/> is set for escalations only
/// (<see cref="Approvals"/>).
/// </summary>
public sealed record ScheduledStep(string Name, StepKind Kind, DateTimeOffset At, string? Approval);
