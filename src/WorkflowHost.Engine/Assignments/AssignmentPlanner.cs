using WorkflowHost.Engine.Units;
using WorkflowHost.Engine.Plans;

namespace WorkflowHost.Engine.Assignments;

/// <summary>
/// Expands a task's responsibility into assignments, one per unit: named units, every member of each named group,
/// and each region where task 5's rule applies. A unit reached several ways is assigned once, with its strongest role.
/// Where the task names one lead (牵头), every other unit's share (分工负责, a named group's members) reports to it: the
/// lead is its parent, which confirms its completion. A region's share under task 5's rule has no province-level
/// parent; with several leads (分别牵头) the document does not say who reports to whom, so the shares report to the
/// working group unless <paramref name="leadOf"/> (configuration of the plan) names the lead of a unit.
/// Leads come first, so a parent is always written before its children.
/// </summary>
public static class AssignmentPlanner
{
    /// <param name="Parent">The unit whose share of the same task this one reports to, or null (the working group).</param>
    public sealed record PlannedAssignment(int TaskNo, string Unit, AssignmentRole Role, string? Parent = null);

    public static IReadOnlyList<PlannedAssignment> Expand(PlanTask task, UnitDirectory directory,
        IReadOnlyDictionary<string, string>? leadOf = null)
    {
        var roles = new Dictionary<string, AssignmentRole>(StringComparer.Ordinal);
        var order = new List<string>();
        void Assign(string unit, AssignmentRole role)
        {
            if (roles.TryGetValue(unit, out var existing))
            {
                if (role < existing) roles[unit] = role;
                return;
            }
            roles[unit] = role;
            order.Add(unit);
        }

        var leads = task.Responsibility.Leads.ToHashSet(StringComparer.Ordinal);
        foreach (var unit in task.Responsibility.Units)
            Assign(unit, leads.Contains(unit) ? AssignmentRole.Lead : AssignmentRole.Owner);
        foreach (var group in task.Responsibility.Groups)
            foreach (var member in directory.MembersOf(group))
                Assign(member.Name, AssignmentRole.GroupMember);
        if (task.Responsibility.Regions)
            foreach (var region in directory.Regions)
                Assign(region.Name, AssignmentRole.Region);

        var planned = order.Where(unit => roles[unit] == AssignmentRole.Lead)
            .Concat(order.Where(unit => roles[unit] != AssignmentRole.Lead)).ToList();
        var soleLead = planned.Count(unit => roles[unit] == AssignmentRole.Lead) == 1 ? planned[0] : null;
        string? ParentOf(string unit) => roles[unit] switch
        {
            AssignmentRole.Lead or AssignmentRole.Region => null,
            _ when leadOf?.GetValueOrDefault(unit) is { } configured && roles.GetValueOrDefault(configured) == AssignmentRole.Lead => configured,
            _ => soleLead,
        };
        return planned.Select(unit => new PlannedAssignment(task.No, unit, roles[unit], ParentOf(unit))).ToList();
    }
}
