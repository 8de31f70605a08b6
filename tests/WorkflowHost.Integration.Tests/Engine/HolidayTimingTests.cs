using WorkflowHost.Integration.Tests.Support;
using static WorkflowHost.Integration.Tests.Support.EngineHarness;

namespace WorkflowHost.Integration.Tests.Engine;

/// <summary>
/// Working-day steps around the Spring Festival, where the statutory calendar moves working days onto Sundays:
/// 2024-02-18 and 2025-01-26 are working Sundays, so a step due on the first working day after a holiday fires there.
/// </summary>
public sealed class HolidayTimingTests : IDisposable
{
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task A_letter_due_after_the_2024_spring_festival_fires_on_Sunday_2024_02_18()
    {
        // The same plan with task 3 due on Friday 2024-02-09, the eve of the holiday (02-10 … 02-17).
        var plan = _data.CopyOfPlan2024();
        var text = Path.Combine(plan, "plan.txt");
        File.WriteAllText(text, File.ReadAllText(text).Replace("(省安委会办公室;3月15日前完成)", "(省安委会办公室;2月9日前完成)"));
        await using var engine = await StartAsync(Path.Combine(_data.Path, "db"), China(2024, 2, 1, 9), plan);
        var task3 = await engine.AssignmentAsync(3, "省安委会办公室");

        await engine.AdvanceToAsync(China(2024, 2, 19, 12));

        // 7 days before: Friday 02-02; last working day before: Thursday 02-08; overdue on 02-10 00:00 though it is a
        // holiday (overdue counts calendar days); the letter on the first working day after: Sunday 02-18.
        Assert.Equal(
            [("started", China(2024, 2, 1, 9)), ("reminder", China(2024, 2, 2, 9)), ("reminder", China(2024, 2, 8, 9)),
             ("overdue", China(2024, 2, 10)), ("letter", China(2024, 2, 18, 9))],
            (await engine.JournalAsync(task3.Id)).Where(j => !j.Event.StartsWith("report")).ToList());
    }

    [Fact]
    public async Task A_letter_due_before_the_2025_spring_festival_fires_on_Sunday_2025_01_26()
    {
        await using var engine = await StartAsync(_data.Path, China(2024, 2, 25, 9));
        var task3 = await engine.AssignmentAsync(3, "省安委会办公室");
        await engine.Mediator.Send(new WorkflowHost.Infrastructure.Workflows.Commands.RequestExtension(task3.Id, task3.Clerk, new DateOnly(2025, 1, 24), "跨年度推进"));
        await engine.Mediator.Send(new WorkflowHost.Infrastructure.Workflows.Commands.ApproveExtension(task3.Id, Assigned.WorkingGroup));

        await engine.AdvanceToAsync(China(2025, 1, 27, 12));

        // Due Friday 2025-01-24; Saturday 01-25 is a rest day, Sunday 01-26 a make-up working day.
        var deadline = (await engine.JournalAsync(task3.Id)).Where(j => j.Event is "overdue" or "letter").ToList();
        Assert.Equal([("overdue", China(2025, 1, 25)), ("letter", China(2025, 1, 26, 9))], deadline);
    }
}
