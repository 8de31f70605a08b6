using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Assignments;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows;

namespace WorkflowHost.Web.Views;

/// <summary>The worst open light under a parent, and the share that gives it (「配合单位 省公安厅 已逾期」).</summary>
public sealed record TreeLight(TrafficLight Light, string Reason);

/// <summary>
/// A parent's light on its pages is the worst of its subtree: a lead whose co-unit is late, a city whose county missed
/// its internal deadline, is red, and says why. Only open shares count; the board still counts each share by its own
/// light, so nothing is counted twice.
/// </summary>
public static class TreeLights
{
    /// <summary>Trees go no deeper than province → city → county → department; a bound against a cycle, not an expectation.</summary>
    private const int MaxDepth = 6;

    /// <summary>Parents listed beyond this read every child row instead of naming them all in one query.</summary>
    private const int NamedParents = 500;

    public static async Task<Dictionary<long, TreeLight>> OfAsync(WorkflowDbContext db, WorkflowRuntime runtime, IReadOnlyCollection<long> ids, DateOnly today, CancellationToken cancel)
    {
        // Every descendant of the listed assignments, level by level.
        var nodes = new Dictionary<long, Node>();
        var found = new List<long>();
        var frontier = ids.ToList();
        for (var depth = 0; depth < MaxDepth && frontier.Count > 0; depth++)
        {
            var children = db.Assignments.AsNoTracking().Where(a => a.ParentId != null && a.State != null);
            if (frontier.Count <= NamedParents) children = children.Where(a => frontier.Contains(a.ParentId!.Value));
            var rows = await (
                from a in children
                join u in db.Units on a.UnitId equals u.Id
                select new { a, u.Name, Open = db.Escalations.Count(e => e.AssignmentId == a.Id && (e.Status == EscalationStatuses.Issued || e.Status == EscalationStatuses.AwaitingApproval)) })
                .ToListAsync(cancel);
            var wanted = frontier.ToHashSet();
            frontier = [];
            foreach (var r in rows.Where(r => wanted.Contains(r.a.ParentId!.Value) && !nodes.ContainsKey(r.a.Id)))
            {
                var final = runtime.DefinitionOf(r.a).State(r.a.State!).Final;
                var light = TrafficLights.Of(final, r.a.PastDue, r.a.DueDate, today, r.a.MissedReports, final ? 0 : r.Open);
                nodes[r.a.Id] = new Node(r.a.ParentId!.Value, light, Reason(r.a, r.Name, light, today));
                frontier.Add(r.a.Id);
                found.Add(r.a.Id);
            }
        }

        // The worst light under each node, children before parents (a deeper node is found later).
        var worst = new Dictionary<long, TreeLight>();
        foreach (var id in Enumerable.Reverse(found))
        {
            var node = nodes[id];
            var own = node.Light is TrafficLight.Closed ? null : new TreeLight(node.Light, node.Reason);
            var below = worst.GetValueOrDefault(id);
            var candidate = Worse(own, below);
            if (candidate is not null) worst[node.ParentId] = Worse(worst.GetValueOrDefault(node.ParentId), candidate)!;
        }
        return ids.Where(worst.ContainsKey).ToDictionary(id => id, id => worst[id]);
    }

    private static TreeLight? Worse(TreeLight? a, TreeLight? b) =>
        a is null ? b : b is null ? a : b.Light.Urgency() > a.Light.Urgency() ? b : a;

    /// <summary>The more urgent of two lights (red over yellow over green over closed).</summary>
    public static TrafficLight Worse(TrafficLight a, TrafficLight b) => b.Urgency() > a.Urgency() ? b : a;

    private static string Reason(AssignmentRow a, string unit, TrafficLight light, DateOnly today)
    {
        var who = a.Role == AssignmentRole.HandedDown.ToWireName() ? "下级单位" : "配合单位";
        var what = light switch
        {
            TrafficLight.Red when a.PastDue || a.DueDate < today => "已逾期",
            TrafficLight.Red => "已被督办",
            TrafficLight.Yellow when a.MissedReports > 0 => "未按期报送进展",
            TrafficLight.Yellow => "临近完成时限",
            _ => "正常推进",
        };
        return $"{who} {unit} {what}";
    }

    private sealed record Node(long ParentId, TrafficLight Light, string Reason);
}
