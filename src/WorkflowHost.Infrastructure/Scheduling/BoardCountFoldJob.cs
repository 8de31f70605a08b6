using Microsoft.Extensions.Logging;
using Quartz;
using WorkflowHost.Infrastructure.Dashboard;

namespace WorkflowHost.Infrastructure.Scheduling;

/// <summary>
/// Folds the board's count changes into its counts every few seconds (<see cref="BoardCounts.FoldAsync"/>). The board is
/// exact without it — a read adds the changes not yet folded — but after a storm those are hundreds of thousands of rows;
/// folded, a read adds a few thousand. On the cluster's scheduler, so one node folds at a time.
/// </summary>
[DisallowConcurrentExecution]
public sealed class BoardCountFoldJob(BoardCounts counts, ILogger<BoardCountFoldJob> log) : IJob
{
    public static readonly JobKey Key = new("board-count-fold", "workflowhost");
    public static readonly TriggerKey Trigger = new("board-count-fold-poll", "workflowhost");
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var cells = await counts.FoldAsync(cancellationToken);
        if (cells > 0) log.LogDebug("board counts: {Cells} cells folded", cells);
    }
}

public static class BoardCountJobs
{
    public static void AddBoardCountFold(this IQuartzBuilder quartz)
    {
        quartz.AddJob<BoardCountFoldJob>(job => job.WithIdentity(BoardCountFoldJob.Key).StoreDurably());
        quartz.AddTrigger(trigger => trigger.ForJob(BoardCountFoldJob.Key).WithIdentity(BoardCountFoldJob.Trigger).StartNow()
            .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(BoardCountFoldJob.Interval).RepeatForever()));
    }
}
