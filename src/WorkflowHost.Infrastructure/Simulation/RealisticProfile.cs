using Mediator;
using WorkflowHost.Engine.Calendar;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Infrastructure.Workflows.Commands;

namespace WorkflowHost.Infrastructure.Simulation;

/// <summary>
/// Most units report on time and finish, some late, some never; some applications are sent back once; a few ask for
/// an extension; the working group reviews within days and approves raised escalations. Seeded, so a run repeats
/// exactly.
/// </summary>
public sealed class RealisticProfile(int seed) : ISimulationProfile
{
    private readonly Random _random = new(seed);
    private static readonly Actor WorkingGroup = new("专班审核员", ActorRole.WorkingGroup);

    public string Name => "realistic";

    public IEnumerable<SimulatedAction> Plan(IReadOnlyList<SimulatedAssignment> assignments, DateTimeOffset from, DateTimeOffset to)
    {
        foreach (var assignment in assignments)
        {
            var clerk = new Actor($"{assignment.Unit}联络员", ActorRole.UnitClerk, assignment.UnitId);
            foreach (var (key, due) in assignment.ReportPeriods)
            {
                var roll = _random.NextDouble();
                if (roll < 0.05) continue; // never reports this period
                var day = roll < 0.85 ? due.AddDays(-_random.Next(0, 8)) : due.AddDays(_random.Next(2, 10));
                yield return At(day, 10, $"{assignment.Unit} reports task {assignment.TaskNo} for {key}",
                    m => Ok(m.Send(new SubmitReport(assignment.Id, clerk, $"{key} 任务{assignment.TaskNo}推进情况:按计划推进。", new Dictionary<string, decimal> { ["检查企业数"] = _random.Next(5, 60) }, key))));
            }
            if (assignment.DueDate is not { } dueDate) continue;

            var plan = _random.NextDouble();
            if (plan < 0.05)
            {
                yield return At(dueDate.AddDays(-10), 11, $"{assignment.Unit} asks to extend task {assignment.TaskNo}",
                    m => Ok(m.Send(new RequestExtension(assignment.Id, clerk, dueDate.AddDays(30), "受客观条件影响,申请延期一个月"))));
                continue;
            }
            if (plan < 0.10) continue; // never applies
            var applyOn = plan < 0.85 ? dueDate.AddDays(-_random.Next(3, 20)) : dueDate.AddDays(_random.Next(3, 15));
            yield return Apply(assignment, clerk, applyOn, rejectOnce: _random.NextDouble() < 0.12);
        }
    }

    /// <summary>The unit applies; the working group answers two working days or so later (rejecting once if so drawn),
    /// and a rejected unit applies again within a week.</summary>
    private SimulatedAction Apply(SimulatedAssignment assignment, Actor clerk, DateOnly on, bool rejectOnce) =>
        At(on, 15, $"{assignment.Unit} applies to close task {assignment.TaskNo}",
            m => Ok(m.Send(new ApplyForCompletion(assignment.Id, clerk, "佐证材料已上传"))),
            now =>
            [
                rejectOnce
                    ? At(ChinaTime.DateOf(now).AddDays(2), 16, $"working group sends task {assignment.TaskNo} back to {assignment.Unit}",
                        m => Ok(m.Send(new RejectCompletion(assignment.Id, WorkingGroup, "佐证材料不完整,请补充整改台账"))),
                        later => [Apply(assignment, clerk, ChinaTime.DateOf(later).AddDays(5), rejectOnce: false)])
                    : At(ChinaTime.DateOf(now).AddDays(2), 16, $"working group closes task {assignment.TaskNo} of {assignment.Unit}",
                        m => Ok(m.Send(new ApproveCompletion(assignment.Id, WorkingGroup)))),
            ]);

    private static SimulatedAction At(DateOnly day, int hour, string description, Func<IMediator, Task<bool>> run,
        Func<DateTimeOffset, IEnumerable<SimulatedAction>>? then = null) =>
        new(ChinaTime.At(day, new TimeOnly(hour, 0)), description, run, then);

    private static async Task<bool> Ok(ValueTask<CommandResult> sent) => (await sent).Succeeded;
}
