using System.Reflection;
using System.Text.RegularExpressions;
using WorkflowHost.Engine.Assignments;
using WorkflowHost.Engine.Plans;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Units;
using WorkflowHost.Engine.Workflows;
using WorkflowHost.Infrastructure.Documents;
using WorkflowHost.Infrastructure.Mail;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Integration.Tests.Support;
using WorkflowHost.Web.Security;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>
/// The code's wire names, which must never reach a screen (issue 15 part 4: 「monthly」, 「digest」, 「yjt-clerk」 were
/// found there): taken from the constants and enums the code uses, and the states and commands of the shipped workflow
/// definitions — not a hand list, so a new event or state is covered the day it is added. <see cref="Found"/> reads a
/// page's visible text for them, word by word (e-mail and web addresses, which are data, set aside).
/// </summary>
public static partial class CodeVocabulary
{
    public static IReadOnlySet<string> Words { get; } = Build();

    private static HashSet<string> Build()
    {
        var words = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        Type[] vocabularies = [typeof(EngineEvents), typeof(EscalationSteps), typeof(Triggers), typeof(Actors), typeof(Approvals), typeof(AppliesToValues),
            typeof(EscalationStatuses), typeof(ProposalStatuses), typeof(SignOffStatus), typeof(OutboxStatus), typeof(OutboxKinds), typeof(DocumentKinds), typeof(WebRoles)];
        foreach (var type in vocabularies)
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string)))
                words.Add((string)field.GetRawConstantValue()!);
        words.UnionWith(Enum.GetValues<Cadence>().Select(c => c.ToWireName()));
        words.UnionWith(Enum.GetValues<AssignmentRole>().Select(r => r.ToWireName()));
        words.UnionWith(UnitKindNames.All);
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "workflows"), "*.json"))
        {
            var definition = WorkflowDefinitionFile.Read(file);
            words.Add(definition.Id);
            words.UnionWith(definition.States.Select(s => s.Name));
            words.UnionWith(definition.Transitions.Select(t => t.Trigger));
        }
        // Claim names ("workflowhost:unit") are not words a page could show; everything else is.
        words.RemoveWhere(w => w.Contains(':', StringComparison.Ordinal));
        return words;
    }

    /// <summary>The wire names (and sign-in names of <paramref name="logins"/>) in <paramref name="visibleText"/>.</summary>
    public static IReadOnlyList<string> Found(string visibleText, params string[] logins)
    {
        var text = Address().Replace(visibleText, " ");
        var banned = new HashSet<string>(Words, StringComparer.OrdinalIgnoreCase);
        banned.UnionWith(logins);
        return LatinWord().Matches(text).Select(m => m.Value.Trim('-', '_')).Where(banned.Contains).Distinct().ToList();
    }

    [GeneratedRegex(@"\S+@\S+|https?://\S+")]
    private static partial Regex Address();

    [GeneratedRegex(@"[A-Za-z][A-Za-z0-9_-]*")]
    private static partial Regex LatinWord();
}
