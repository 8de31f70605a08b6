using WorkflowHost.Engine.Units;
using WorkflowHost.Engine.Plans;

namespace WorkflowHost.Engine.Assignments;

/// <summary>
/// Expands a task's responsibility into assignments, one per unit: named units, every member of each named group,
/// and each region where task 5's rule applies. A unit reached several ways is assigned once, with its strongest role.
/// </summary>
public static class AssignmentPlanner
{
    public sealed record PlannedAssignment(int TaskNo, string Unit, AssignmentRole Role);

    public static IReadOnlyList<PlannedAssignment> Expand(PlanTask task, UnitDirectory directory)
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

        return order.Select(unit => new PlannedAssignment(task.No, unit, roles[unit])).ToList();
    }
}
