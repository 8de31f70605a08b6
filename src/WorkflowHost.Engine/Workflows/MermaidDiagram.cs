using System.Text;

namespace WorkflowHost.Engine.Workflows;

/// <summary>
/// Draws a definition as a Mermaid <c>stateDiagram-v2</c>. Written by hand rather than with Stateless's exporter
/// because people read the Chinese titles, not the keys, and the current state must stand out.
/// </summary>
internal static class MermaidDiagram
{
    public const string CurrentClass = "current";

    public static string Render(WorkflowDefinition def, string? currentState)
    {
        if (currentState is not null)
            _ = def.State(currentState);

        var ids = NodeIds(def);
        var text = new StringBuilder();
        text.AppendLine("stateDiagram-v2");
        foreach (var state in def.States)
            text.AppendLine($"    state \"{Label(state.Title)}\" as {ids[state.Name]}");

        text.AppendLine($"    [*] --> {ids[def.InitialState]}");
        foreach (var transition in def.Transitions)
        {
            foreach (var from in transition.From)
            {
                if (transition.ToWhenPastDue is { } whenPastDue && whenPastDue != transition.To)
                {
                    text.AppendLine($"    {ids[from]} --> {ids[transition.To]} : {Label(transition.Title)} (未逾期)");
                    text.AppendLine($"    {ids[from]} --> {ids[whenPastDue]} : {Label(transition.Title)} (已逾期)");
                }
                else
                {
                    text.AppendLine($"    {ids[from]} --> {ids[transition.To]} : {Label(transition.Title)}");
                }
            }
        }
        foreach (var state in def.States.Where(s => s.Final))
            text.AppendLine($"    {ids[state.Name]} --> [*]");

        if (currentState is not null)
        {
            text.AppendLine($"    classDef {CurrentClass} fill:#fde68a,stroke:#b45309,stroke-width:3px");
            text.AppendLine($"    class {ids[currentState]} {CurrentClass}");
        }
        return text.ToString();
    }

    /// <summary>Mermaid ids allow letters, digits and underscores only, so "in-progress" becomes "in_progress".</summary>
    public static IReadOnlyDictionary<string, string> NodeIds(WorkflowDefinition def)
    {
        var ids = new Dictionary<string, string>();
        var used = new HashSet<string>();
        foreach (var state in def.States)
        {
            var baseId = new string(state.Name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
            // "a-b" and "a_b" would both become a_b: the second one is numbered so the diagram keeps them apart.
            var id = baseId;
            for (var n = 2; !used.Add(id); n++)
                id = $"{baseId}_{n}";
            ids[state.Name] = id;
        }
        return ids;
    }

    // A quote would end the state label; a line break would end the statement.
    private static string Label(string title) => title.Replace("\"", "#quot;").ReplaceLineEndings(" ");
}
