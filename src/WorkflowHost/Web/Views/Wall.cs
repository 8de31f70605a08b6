using WorkflowHost.Web.Graphics;

namespace WorkflowHost.Web.Views;

/// <summary>挂图作战: the dated tasks as timeline lines, and the ongoing (长期坚持) tasks with how many units missed a report.</summary>
public sealed record Wall(IReadOnlyList<TaskTimelineSvg.TaskLine> Dated, IReadOnlyList<OngoingTask> Ongoing);

/// <summary>An ongoing task's line: the worst light among its open assignments, units that missed a report, all units.</summary>
public sealed record OngoingTask(int TaskNo, string Content, TrafficLight Worst, int MissedReports, int Total);
