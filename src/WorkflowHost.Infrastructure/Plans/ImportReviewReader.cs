using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using WorkflowHost.Engine.Plans;
using WorkflowHost.Engine.Units;

namespace WorkflowHost.Infrastructure.Plans;

/// <summary>
/// Reads an upload under review with the decisions so far applied — the directory with the mapped aliases and added
/// units, the deadlines set — through the same readers and the same one-pass validation as <c>plan validate</c>
/// (<see cref="PlanFiles.ParseList"/>, <see cref="PlanBuilder"/>). It changes nothing; it is run on every view.
/// </summary>
public static class ImportReviewReader
{
    public static ReviewedPlan Read(ImportReview review, UnitDirectory baseDirectory)
    {
        var directory = WithDecisions(baseDirectory, review);
        var metadata = Metadata(review);
        IReadOnlyList<RawPlanTask> raw;
        IReadOnlyList<PlanProblem> layout;
        try
        {
            (raw, layout) = PlanFiles.ParseList(review.File, review.FileName, metadata);
        }
        catch (PlanInvalidException e)
        {
            return new ReviewedPlan([], e.Problems, [], directory, null);
        }
        raw = raw.Select(t => review.Deadlines.TryGetValue(t.No, out var set) ? t with { DeadlineText = set } : t).ToList();

        Plan? plan = null;
        IReadOnlyList<PlanProblem> problems;
        try
        {
            plan = PlanBuilder.Build(metadata, raw, directory, review.FileName, SourceHash(review), layout);
            problems = [];
        }
        catch (PlanInvalidException e)
        {
            problems = e.Problems;
        }

        // The same regions rule the builder applies: every task after the one naming the phrase.
        var regionsFrom = raw.FirstOrDefault(t => t.ResponsibilityText.Contains(PlanBuilder.RegionsRulePhrase, StringComparison.Ordinal))?.No;
        var unknown = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var tasks = raw.OrderBy(t => t.No).Select(t =>
        {
            var (responsibility, names) = Responsibility(t, directory, regionsFrom is { } from && t.No > from);
            foreach (var name in names)
                (unknown.TryGetValue(name, out var list) ? list : unknown[name] = []).Add(t.No);
            return new ReviewedTask(t.No, t.Line, t.Action, t.Content, t.ResponsibilityText, t.DeadlineText,
                responsibility, Deadline(t, metadata), review.Deadlines.ContainsKey(t.No), problems.Where(p => p.TaskNo == t.No).ToList());
        }).ToList();
        var unknownNames = unknown.Select(u => new UnknownName(u.Key, u.Value.Distinct().ToList(), NameSuggestions.For(u.Key, directory))).ToList();
        return new ReviewedPlan(tasks, problems, unknownNames, directory, plan);
    }

    /// <summary>The facts as plan.json would hold them, with the upload as its source; reporting monthly (the document
    /// sets no cadence; per-task cadences stay configuration of a plan folder).</summary>
    public static PlanMetadata Metadata(ImportReview review) =>
        new(new PlanInfo(review.Facts.Year, review.Facts.Title, review.Facts.Issuer, review.Facts.IssuedOn), review.FileName, Cadence.Monthly, new Dictionary<int, Cadence>())
        {
            AnnexTitle = review.Facts.AnnexTitle,
            DefaultDeadline = review.Facts.DefaultDeadline,
        };

    /// <summary>The directory with the review's aliases on their units and groups and its new units: what the
    /// directory file will hold once the plan is imported. A decision the directory refuses throws
    /// <see cref="DirectoryFormatException"/>; the review checks each before keeping it.</summary>
    public static UnitDirectory WithDecisions(UnitDirectory directory, ImportReview review)
    {
        if (review.Aliases.Count == 0 && review.NewUnits.Count == 0) return directory;
        var aliasesOf = review.Aliases.GroupBy(a => a.Value, a => a.Key).ToDictionary(g => g.Key, g => g.ToArray());
        var units = directory.Units.Select(u => aliasesOf.TryGetValue(u.Name, out var more) ? u with { Aliases = [.. u.Aliases, .. more] } : u)
            .Concat(review.NewUnits.Select(n => new OrgUnit(n.Name, n.FullName, [], n.Kind, n.Email, InRegionsRule: false)));
        var groups = directory.Groups.Select(g => aliasesOf.TryGetValue(g.Name, out var more) ? g with { Aliases = [.. g.Aliases, .. more] } : g);
        return UnitDirectory.Create(units, groups, "单位名录");
    }

    /// <summary>Identifies what is imported — the file, its facts and the deadlines set — so a second import of the same
    /// review is recognised and changes nothing.</summary>
    private static string SourceHash(ImportReview review)
    {
        var decisions = JsonSerializer.Serialize(new { review.Facts, Deadlines = review.Deadlines.OrderBy(d => d.Key).ToArray() });
        return Convert.ToHexStringLower(SHA256.HashData([.. review.File, .. Encoding.UTF8.GetBytes(decisions)]));
    }

    private static Deadline? Deadline(RawPlanTask task, PlanMetadata metadata)
    {
        var text = task.DeadlineText.Length > 0 ? task.DeadlineText : metadata.DefaultDeadline;
        if (string.IsNullOrWhiteSpace(text)) return null;
        try { return DeadlineParser.Parse(text, metadata.Info.Year); }
        catch (PlanFormatException) { return null; }
    }

    private static (Responsibility?, IReadOnlyList<string> Unknown) Responsibility(RawPlanTask task, UnitDirectory directory, bool regions)
    {
        if (task.ResponsibilityText.Length is 0 or > PlanBuilder.MaxResponsibilityLength) return (null, []);
        try { return (ResponsibilityParser.Parse(task.ResponsibilityText, directory, regions), []); }
        catch (ResponsibilityFormatException e) { return (null, e.Issues.Select(i => i.UnknownName).OfType<string>().Distinct().ToList()); }
    }
}
