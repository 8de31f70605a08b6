namespace WorkflowHost.Engine.Plans;

/// <summary>
/// Labels that lists of other offices put before names: 「牵头单位:X」, 「责任单位:Y」, 「配合单位:Z」, 「协办单位:W」.
/// A label is never part of a name (「责任单位:区安委办」 names 区安委办). Colons are already half-width here (see Normalize).
/// </summary>
public static class ResponsibilityLabels
{
    // Roles map onto the parser's two: lead (Leads and Units) or a unit that shares the work (Units only).
    // 牵头单位/牵头部门 lead; 责任单位 carries the task without being called lead, like 「X负责」; 配合/协办/参与 share the work.
    private static readonly (string Label, bool Leads)[] Labels =
    [
        ("牵头单位", true),
        ("牵头部门", true),
        ("责任单位", false),
        ("责任部门", false),
        ("配合单位", false),
        ("配合部门", false),
        ("协办单位", false),
        ("参与单位", false),
    ];

    /// <summary>Every label, as written before its colon.</summary>
    public static IEnumerable<string> Names => Labels.Select(l => l.Label);

    /// <summary>The clause without its leading label, and the label's role; null role when the clause has no label.</summary>
    public static (string Remainder, bool? Leads) SplitOff(string clause)
    {
        foreach (var (label, leads) in Labels)
        {
            if (clause.StartsWith(label + ":", StringComparison.Ordinal))
            {
                return (clause[(label.Length + 1)..].Trim(), leads);
            }
        }

        return (clause, null);
    }

    /// <summary>Whether the text holds a label anywhere (a parenthesis such as 「(牵头单位:X;配合单位:Y)」 is content, not an aside).</summary>
    public static bool Contains(string text) => Labels.Any(l => text.Contains(l.Label + ":", StringComparison.Ordinal));
}
