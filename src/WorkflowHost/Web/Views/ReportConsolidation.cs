using System.Globalization;
using System.Text;
using System.Text.Json;

namespace WorkflowHost.Web.Views;

/// <summary>One share's report of a period, as a parent consolidates it (no text: it has not reported).</summary>
public sealed record ShareReport(string Unit, string? Text, string? Figures);

/// <summary>A parent's report started from its shares' reports of the period: the text and figure lines to put in the
/// report form, which the parent edits and sends as its own.</summary>
public sealed record ConsolidatedReport(string Text, string Figures, int Reported, int Total);

/// <summary>
/// 汇总: a lead or a city writes its period report from what its shares below reported — each unit's text under its
/// name, the figures summed by name (a figure only some units gave is summed over those), and the units that have not
/// reported named at the end, so nothing is silently left out.
/// </summary>
public static class ReportConsolidation
{
    public static ConsolidatedReport Of(IReadOnlyList<ShareReport> shares, string periodWords)
    {
        var reported = shares.Where(s => s.Text is not null).ToList();
        var text = new StringBuilder($"{periodWords}各单位报送汇总({reported.Count}/{shares.Count}个单位已报送):");
        foreach (var share in reported) text.Append('\n').Append(share.Unit).Append(':').Append(share.Text!.Trim());
        var missing = shares.Where(s => s.Text is null).Select(s => s.Unit).ToList();
        if (missing.Count > 0) text.Append("\n尚未报送:").Append(string.Join("、", missing));

        // Summed in decimal, in the order names first appear; a sum the report form would refuse (over its limit) is
        // left for the parent to see and correct, not hidden.
        var sums = new Dictionary<string, decimal>();
        var order = new List<string>();
        foreach (var share in reported)
            foreach (var (name, value) in Figures(share.Figures))
            {
                if (!sums.ContainsKey(name)) order.Add(name);
                try { sums[name] = checked(sums.GetValueOrDefault(name) + value); }
                catch (OverflowException) { sums[name] = decimal.MaxValue; }
            }
        var figures = string.Join("\n", order.Select(name => $"{name}: {sums[name].ToString(CultureInfo.InvariantCulture)}"));
        return new ConsolidatedReport(text.ToString(), figures, reported.Count, shares.Count);
    }

    /// <summary>The figures of a stored report ({"检查企业": 120}); numbers only, anything else skipped.</summary>
    private static IEnumerable<(string Name, decimal Value)> Figures(string? json)
    {
        if (string.IsNullOrEmpty(json)) yield break;
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object) yield break;
        foreach (var property in document.RootElement.EnumerateObject().ToList())
            if (property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetDecimal(out var value))
                yield return (property.Name, value);
    }
}
