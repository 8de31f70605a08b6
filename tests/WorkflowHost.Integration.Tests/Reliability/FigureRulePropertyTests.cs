using System.Numerics;
using System.Text.Json;
using CsCheck;
using WorkflowHost.Infrastructure.Briefings;
using WorkflowHost.Infrastructure.Input;

namespace WorkflowHost.Integration.Tests.Reliability;

/// <summary>
/// The figures rule and the briefing's sums, as properties over generated input (CsCheck): whatever the rule accepts
/// can be summed exactly over any number of reports, and whatever it refuses is refused for the reason it states.
/// Finding 1 of issue 11 was a sum that overflowed; these say it cannot come back through the door.
/// </summary>
public sealed class FigureRulePropertyTests
{
    /// <summary>Names as people type them, and hostile ones: CJK, ASCII, control characters, surrogates, long runs.</summary>
    private static readonly Gen<string> Names = Gen.OneOf(
        Gen.String[Gen.Char['\u4e00', '\u4e80'], 1, 60],
        Gen.String[Gen.Char.AlphaNumeric, 0, 60],
        Gen.String[Gen.Char, 0, 80],
        Gen.Const("a\u0001b"), Gen.Const("行\n二"), Gen.Const("\t"), Gen.Const("半\uD800"));

    /// <summary>Values across the whole decimal range, weighted towards the limits.</summary>
    private static readonly Gen<decimal> Values = Gen.OneOf(
        Gen.Decimal,
        Gen.Decimal[-InputLimits.FigureMagnitude, InputLimits.FigureMagnitude],
        Gen.Long.Select(l => l / 10_000m),
        Pick(InputLimits.FigureMagnitude, -InputLimits.FigureMagnitude, InputLimits.FigureMagnitude + 0.0001m, decimal.MaxValue, decimal.MinValue, 0.00001m));

    [Fact]
    public void A_name_is_accepted_exactly_when_it_is_a_nonblank_single_line_label_of_at_most_50_characters()
    {
        Names.Sample(name =>
        {
            var accepted = ReportFigures.NameProblem(name) is null;
            var expected = !string.IsNullOrWhiteSpace(name)
                && name.Length <= InputLimits.FigureNameLength
                && !name.Any(char.IsControl)
                && IsWellFormed(name);
            return accepted == expected;
        }, iter: 20_000);
    }

    [Fact]
    public void A_value_is_accepted_exactly_when_it_is_within_a_trillion_and_four_decimals()
    {
        Values.Sample(value =>
        {
            var accepted = ReportFigures.ValueProblem("数据", value) is null;
            return accepted == (decimal.Abs(value) <= InputLimits.FigureMagnitude && decimal.Round(value, InputLimits.FigureDecimals) == value);
        }, iter: 20_000);
    }

    [Fact]
    public void Accepted_figures_sum_exactly_over_any_number_of_reports()
    {
        var acceptedReport = Gen.Dictionary(Pick("检查企业", "整改隐患", "培训人次", "罚款金额"),
            Gen.Decimal[-InputLimits.FigureMagnitude, InputLimits.FigureMagnitude].Select(v => decimal.Round(v, InputLimits.FigureDecimals)))[0, 4];
        acceptedReport.Array[0, 400].Sample(reports =>
        {
            Assert.All(reports, r => Assert.Empty(ReportFigures.Problems((IReadOnlyDictionary<string, decimal>)r)));
            // Each report a hundred times: up to 40,000 reports of figures at the limit, still exact.
            var json = reports.Select(r => JsonSerializer.Serialize(r)).SelectMany(j => Enumerable.Repeat<string?>(j, 100)).ToList();
            var sums = BriefingAssembler.SumFigures(json);
            foreach (var (name, sum) in sums)
                Assert.Equal(reports.Aggregate(BigInteger.Zero, (total, r) => total + Scaled(r.TryGetValue(name, out var v) ? v : 0m) * 100), Scaled(sum));
        }, iter: 100);
    }

    [Fact]
    public void A_report_is_refused_exactly_when_one_of_its_figures_or_their_count_is()
    {
        Gen.Dictionary(Names, Values)[0, 60].Sample(figures =>
        {
            var refused = ReportFigures.Problems(figures).Count > 0;
            var anyBad = figures.Count > InputLimits.FiguresPerReport
                || figures.Any(f => ReportFigures.NameProblem(f.Key) is not null || ReportFigures.ValueProblem(f.Key, f.Value) is not null);
            return refused == anyBad;
        }, iter: 5_000);
    }

    private static Gen<T> Pick<T>(params T[] items) => Gen.Int[0, items.Length - 1].Select(i => items[i]);

    /// <summary>The value in ten-thousandths, as an exact integer.</summary>
    private static BigInteger Scaled(decimal value) => new(decimal.Round(value * 10_000m, 0));

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (char.IsSurrogate(text[i])) return false;
        }
        return true;
    }
}
