using Mediator;
using WorkflowHost.Engine.Calendar;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Infrastructure.Workflows.Commands;

namespace WorkflowHost.Infrastructure.Simulation;

/// <summary>
/// Most units report on time and finish, some late, some never; some applications are sent back once; a few ask for
/// an extension; whoever reviews a share (its lead's or city's unit, else the working group) decides within days, and
/// the working group approves raised escalations. A lead applies once its co-units are confirmed (an early attempt is
/// refused, as in life); a city hands a third of its dated tasks down to two of its 县区 five working days ahead, and
/// one of them lets the internal deadline pass. Seeded, so a run repeats exactly.
/// </summary>
public sealed class RealisticProfile(int seed) : ISimulationProfile
{
    private readonly Random _random = new(seed);
    private static readonly Actor WorkingGroup = new("专班审核员", ActorRole.WorkingGroup);

    public string Name => "realistic";

    public IEnumerable<SimulatedAction> Plan(IReadOnlyList<SimulatedAssignment> assignments, DateTimeOffset from, DateTimeOffset to)
    {
        var firstDay = ChinaTime.DateOf(from).AddDays(1);
        foreach (var assignment in assignments)
        {
            var clerk = new Actor($"{assignment.Unit}联络员", ActorRole.UnitClerk, assignment.UnitId);
            if (assignment is { DueDate: not null, SubUnits.Count: >= 2 } && _random.NextDouble() < 0.33)
                yield return HandDown(assignment, clerk, firstDay);
            // A dated task's fate: 5% ask for an extension, 5% never apply, 75% apply before the due date, 15% after.
            DateOnly? applyOn = null;
            var extend = false;
            if (assignment.DueDate is { } dueDate)
            {
                var fate = _random.NextDouble();
                extend = fate < 0.05;
                if (fate >= 0.10)
                    applyOn = Later(fate < 0.85 ? dueDate.AddDays(-_random.Next(3, 20)) : dueDate.AddDays(_random.Next(3, 15)), firstDay);
                // A lead consolidates after its co-units: the first attempt may still find one open and be refused.
                if (assignment.HasChildren && applyOn is { } planned) applyOn = planned.AddDays(_random.Next(5, 15));
                if (extend)
                {
                    var askOn = Later(dueDate.AddDays(-10), firstDay);
                    yield return Extension(assignment, clerk, askOn, dueDate.AddDays(30), approve: _random.NextDouble() < 0.8);
                }
                else if (applyOn is { } day)
                {
                    yield return Apply(assignment, clerk, day, rejectOnce: _random.NextDouble() < 0.12);
                }
            }
            foreach (var (key, due) in assignment.ReportPeriods)
            {
                var roll = _random.NextDouble();
                if (roll < 0.05) continue; // misses this period
                var day = roll < 0.85 ? due.AddDays(-_random.Next(0, 8)) : due.AddDays(_random.Next(2, 10));
                if (day >= applyOn) break; // a unit that has applied to close stops reporting
                var figures = new Dictionary<string, decimal> { ["检查企业数"] = _random.Next(5, 60), ["整改隐患数"] = _random.Next(0, 30) };
                yield return At(day, 10, $"{assignment.Unit} reports task {assignment.TaskNo} for {key}",
                    m => m.Send(new SubmitReport(assignment.Id, clerk, $"{key} 任务{assignment.TaskNo}推进情况:按计划推进。", figures, key)));
            }
        }
    }

    private static DateOnly Later(DateOnly day, DateOnly notBefore) => day < notBefore ? notBefore : day;

    /// <summary>The unit asks for a month more; the working group decides three days later; an approved unit applies a
    /// week before its new date.</summary>
    /// <summary>Who decides a share's applications: its parent's unit, or the working group for a top-level one.</summary>
    private static Actor ReviewerOf(SimulatedAssignment assignment) => assignment.ParentUnit is { } parent
        ? new Actor($"{parent.Unit}联络员", ActorRole.UnitClerk, parent.UnitId)
        : WorkingGroup;

    /// <summary>下达: the city hands the task to two of its 县区 five working days ahead of its own deadline; the first
    /// county applies in time and its city confirms it, the second lets the internal deadline pass.</summary>
    private SimulatedAction HandDown(SimulatedAssignment assignment, Actor clerk, DateOnly on)
    {
        var counties = assignment.SubUnits!.OrderBy(_ => _random.Next()).Take(2).ToList();
        return At(on, 10, $"{assignment.Unit} hands task {assignment.TaskNo} down to {string.Join(", ", counties.Select(c => c.Name))}",
            m => m.Send(new HandDown(assignment.Id, clerk, counties.Select(c => c.Id).ToList(), null, 5, "请于内部时限前办结并报送")),
            (now, result) => result.Created.Count == 0 ? [] :
            [
                At(Later(assignment.DueDate!.Value.AddDays(-14), ChinaTime.DateOf(now).AddDays(1)), 15, $"{counties[0].Name} applies to close task {assignment.TaskNo}",
                    m => m.Send(new ApplyForCompletion(result.Created[0], new Actor($"{counties[0].Name}联络员", ActorRole.UnitClerk, counties[0].Id), "已完成")),
                    (later, _) => [At(ChinaTime.DateOf(later).AddDays(2), 16, $"{assignment.Unit} confirms {counties[0].Name} on task {assignment.TaskNo}",
                        m => m.Send(new ApproveCompletion(result.Created[0], clerk)))]),
            ]);
    }

    private SimulatedAction Extension(SimulatedAssignment assignment, Actor clerk, DateOnly on, DateOnly newDue, bool approve) =>
        At(on, 11, $"{assignment.Unit} asks to extend task {assignment.TaskNo}",
            m => m.Send(new RequestExtension(assignment.Id, clerk, newDue, "受客观条件影响,申请延期一个月")),
            (now, _) => approve
                ? [At(ChinaTime.DateOf(now).AddDays(3), 16, $"{ReviewerOf(assignment).Name} extends task {assignment.TaskNo} of {assignment.Unit}",
                    m => m.Send(new ApproveExtension(assignment.Id, ReviewerOf(assignment))),
                    (later, _) => [Apply(assignment, clerk, Later(newDue.AddDays(-7), ChinaTime.DateOf(later).AddDays(1)), rejectOnce: false)])]
                : [At(ChinaTime.DateOf(now).AddDays(3), 16, $"{ReviewerOf(assignment).Name} refuses to extend task {assignment.TaskNo} of {assignment.Unit}",
                    m => m.Send(new RefuseExtension(assignment.Id, ReviewerOf(assignment), "时限不变,请加快推进")))]);

    /// <summary>The unit applies; the working group answers two working days or so later (rejecting once if so drawn),
    /// and a rejected unit applies again within a week.</summary>
    private SimulatedAction Apply(SimulatedAssignment assignment, Actor clerk, DateOnly on, bool rejectOnce) =>
        At(on, 15, $"{assignment.Unit} applies to close task {assignment.TaskNo}",
            m => m.Send(new ApplyForCompletion(assignment.Id, clerk, "佐证材料已上传")),
            (now, _) =>
            [
                rejectOnce
                    ? At(ChinaTime.DateOf(now).AddDays(2), 16, $"{ReviewerOf(assignment).Name} sends task {assignment.TaskNo} back to {assignment.Unit}",
                        m => m.Send(new RejectCompletion(assignment.Id, ReviewerOf(assignment), "佐证材料不完整,请补充整改台账")),
                        (later, _) => [Apply(assignment, clerk, ChinaTime.DateOf(later).AddDays(5), rejectOnce: false)])
                    : At(ChinaTime.DateOf(now).AddDays(2), 16, $"{ReviewerOf(assignment).Name} closes task {assignment.TaskNo} of {assignment.Unit}",
                        m => m.Send(new ApproveCompletion(assignment.Id, ReviewerOf(assignment)))),
            ]);

    private static SimulatedAction At(DateOnly day, int hour, string description, Func<IMediator, ValueTask<CommandResult>> run,
        Func<DateTimeOffset, CommandResult, IEnumerable<SimulatedAction>>? then = null) =>
        new(ChinaTime.At(day, new TimeOnly(hour, 0)), description, run, then);

    private static async Task<bool> Ok(ValueTask<CommandResult> sent) => (await sent).Succeeded;
}
