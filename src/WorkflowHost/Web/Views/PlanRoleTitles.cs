using System.Collections.Concurrent;
using WorkflowHost.Engine.Assignments;
using WorkflowHost.Engine.Plans;
using WorkflowHost.Engine.Units;

namespace WorkflowHost.Web.Views;

/// <summary>
/// Each assignment's role as the plan words it (<see cref="AssignmentRoleTitles"/>): the task's stored parenthesis read
/// again with the directory, once per distinct text (a plan has some forty), so lists of thousands of shares parse nothing.
/// A text the directory no longer reads (a unit renamed since the import) falls back to the role's general title.
/// </summary>
public sealed class PlanRoleTitles(UnitDirectory directory)
{
    private readonly ConcurrentDictionary<(string Text, bool Regions), Responsibility?> _named = new();

    public string Of(string role, string unit, string responsibilityText, bool regions)
    {
        if (AssignmentRoleNames.FromWireName(role) is not { } known) return ChineseTerms.AssignmentRole(role);
        return _named.GetOrAdd((responsibilityText, regions), Read) is { } named
            ? AssignmentRoleTitles.Of(known, unit, named, directory)
            : AssignmentRoleTitles.Of(known);
    }

    private Responsibility? Read((string Text, bool Regions) key)
    {
        try
        {
            return ResponsibilityParser.Parse(key.Text, directory, key.Regions);
        }
        catch (ResponsibilityFormatException)
        {
            return null;
        }
    }
}
