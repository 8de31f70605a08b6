using WorkflowHost.Engine.Units;
using WorkflowHost.Engine.Workflows;
using WorkflowHost.Infrastructure.Dashboard;

namespace WorkflowHost.Web.Views;

/// <summary>
/// One unit's line in 晾晒. The two rates, as the page's note states them:
/// <list type="bullet">
/// <item>按时办结率 (<see cref="OnTimeRate"/>) = tasks closed (销号) by the end of their due date (China time; the current
/// due date, so a granted extension counts) ÷ its tasks with a due date that are closed or whose due date has passed.
/// 长期坚持 tasks have no due date and are not counted here. Null while none is due.</item>
/// <item>按时报送率 (<see cref="ReportingRate"/>) = report periods whose progress report was in before 催报 (the reporting
/// time on the working day after the period's report day) ÷ report periods whose 催报 moment has passed. A period
/// that fell while an extension request awaited the working group is counted as on time (the unit was not asked).
/// Null while no period has ended.</item>
/// </list>
/// Escalations are those issued to the unit (函告, 通报, 约谈, 曝光), not drafts awaiting approval.
/// </summary>
public sealed record UnitStanding(long UnitId, string UnitName, string UnitKind, int Assignments, int Closed, int Overdue,
    int CompletionsDue, int ClosedOnTime, int ReportsDue, int ReportsOnTime, int Letters, int Circulars, int Summons, int Exposures)
{
    public double? OnTimeRate => CompletionsDue == 0 ? null : (double)ClosedOnTime / CompletionsDue;
    public double? ReportingRate => ReportsDue == 0 ? null : (double)ReportsOnTime / ReportsDue;
    public int Escalations => Letters + Circulars + Summons + Exposures;

    /// <summary>A rate as the page and the export print it (「85%」), 「—」 when there is none.</summary>
    public static string Percent(double? rate) => rate is { } r ? $"{Math.Round(r * 100, MidpointRounding.AwayFromZero):0}%" : "—";

    /// <summary>Ranked only with something due: a task past (or closed before) its due date, or a report period ended.
    /// A unit whose every task is still ahead has nothing to be measured by (甘肃日报社 in March 2024).</summary>
    public bool HasSomethingDue => CompletionsDue > 0 || ReportsDue > 0;

    public static UnitStanding Of(UnitTally t) => new(t.UnitId, t.Unit, t.Kind, t.Assignments, t.Closed, t.Overdue, t.Due, t.ClosedOnTime,
        t.ReportsDue, t.ReportsDue - t.ReportsMissed, Issued(t, EscalationSteps.Letter), Issued(t, EscalationSteps.Circular),
        Issued(t, EscalationSteps.Summons), Issued(t, EscalationSteps.Exposure));

    private static int Issued(UnitTally t, string step) => t.IssuedByStep.GetValueOrDefault(step);
}

/// <summary>One ranking: the units of one level, ranked; and those with nothing due yet, listed apart, unranked.</summary>
public sealed record RankingTable(string Group, IReadOnlyList<UnitStanding> Ranked, IReadOnlyList<UnitStanding> NothingDue)
{
    public string Title => ChineseTerms.RankingGroup(Group);

    /// <summary>名次 of each ranked line: one more than the lines strictly ahead of it, so units that tie on every
    /// measure share a place (并列), as a published 晾晒 ranks them.</summary>
    public IReadOnlyList<int> Places
    {
        get
        {
            var places = new int[Ranked.Count];
            for (var i = 0; i < Ranked.Count; i++)
                places[i] = i > 0 && Ranking.SameStanding(Ranked[i], Ranked[i - 1]) ? places[i - 1] : i + 1;
            return places;
        }
    }
    public bool IsEmpty => Ranked.Count == 0 && NothingDue.Count == 0;
}

/// <summary>
/// 晾晒 as the offices read it: 省直部门(单位) and 市州 ranked apart, and the 县区 (and 市县 departments) to which work was
/// handed down, by the unit's kind in the directory. Within a table: by 按时办结率 (units with none due after those with
/// one), then 按时报送率 (likewise), then fewer overdue, then fewer escalations; units with nothing due are not ranked.
/// </summary>
public sealed record Ranking(IReadOnlyList<RankingTable> Tables)
{
    public const string Province = "province", Regions = "regions", Counties = "counties";
    public static readonly IReadOnlyList<string> Groups = [Province, Regions, Counties];

    /// <summary>Which ranking a unit stands in, by its kind (wire name, as stored).</summary>
    public static string GroupOf(string kind) => kind switch
    {
        _ when kind == UnitKind.Region.ToWireName() => Regions,
        _ when kind == UnitKind.County.ToWireName() || kind == UnitKind.LocalDepartment.ToWireName() => Counties,
        _ => Province,
    };

    /// <summary>Whether two lines tie on every measure the ranking orders by.</summary>
    public static bool SameStanding(UnitStanding a, UnitStanding b) =>
        a.OnTimeRate == b.OnTimeRate && a.ReportingRate == b.ReportingRate && a.Overdue == b.Overdue && a.Escalations == b.Escalations;

    /// <summary>Every line, ranked ones first, table by table.</summary>
    public IEnumerable<UnitStanding> All => Tables.SelectMany(t => t.Ranked.Concat(t.NothingDue));

    public static Ranking Of(IEnumerable<UnitStanding> standings)
    {
        var byGroup = standings.ToLookup(s => GroupOf(s.UnitKind));
        return new Ranking(Groups.Select(group => new RankingTable(group,
                byGroup[group].Where(s => s.HasSomethingDue)
                    .OrderByDescending(s => s.OnTimeRate.HasValue).ThenByDescending(s => s.OnTimeRate)
                    .ThenByDescending(s => s.ReportingRate.HasValue).ThenByDescending(s => s.ReportingRate)
                    .ThenBy(s => s.Overdue).ThenBy(s => s.Escalations).ThenBy(s => s.UnitId).ToList(),
                byGroup[group].Where(s => !s.HasSomethingDue).OrderBy(s => s.UnitId).ToList()))
            .ToList());
    }
}
