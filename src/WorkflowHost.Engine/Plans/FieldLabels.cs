using System.Text.RegularExpressions;

namespace WorkflowHost.Engine.Plans;

/// <summary>
/// A labelled field written on its own line or inside a task's parenthesis: 「牵头单位:X」, 「配合单位:Y」 (responsibility,
/// see <see cref="ResponsibilityLabels"/>) or 「完成时限:6月底前」 (deadline). Either colon width, spaces around it.
/// </summary>
internal static partial class FieldLabels
{
    public enum Kind
    {
        Responsibility,
        Deadline,
    }

    public sealed record Field(Kind Kind, string Label, string Value);

    private static readonly string[] DeadlineLabels = ["完成时限", "时间节点", "时限要求", "完成时间", "时限"];

    public static Field? Match(string text)
    {
        var m = Labelled().Match(text.Trim());
        if (!m.Success) return null;
        var label = m.Groups["label"].Value;
        var value = m.Groups["value"].Value.Trim();
        if (DeadlineLabels.Contains(label)) return new(Kind.Deadline, label, value);
        return ResponsibilityLabels.Names.Contains(label) ? new(Kind.Responsibility, label, value) : null;
    }

    /// <summary>The clause as the responsibility parser reads it: label, half-width colon, names.</summary>
    public static string AsClause(Field field) => $"{field.Label}:{field.Value}";

    [GeneratedRegex(@"^(?<label>[\u4e00-\u9fff]{2,4})\s*[::]\s*(?<value>.*)$")]
    private static partial Regex Labelled();
}
