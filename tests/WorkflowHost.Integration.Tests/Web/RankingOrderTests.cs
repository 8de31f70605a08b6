using WorkflowHost.Web.Views;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>How 晾晒 sorts lines into its rankings and orders them, on hand-made lines: by the unit's kind (市州 apart,
/// 县区 and 市县 departments apart when work was handed down), units with nothing due listed unranked, completion before
/// reporting, units with only reports due after those with a completion due, ties sharing a place.</summary>
public sealed class RankingOrderTests
{
    private static UnitStanding Line(long id, string kind, int due = 0, int onTime = 0, int reportsDue = 0, int reportsOnTime = 0, int overdue = 0, int letters = 0) =>
        new(id, $"单位{id}", kind, 10, onTime, overdue, due, onTime, reportsDue, reportsOnTime, letters, 0, 0, 0);

    [Fact]
    public void Units_are_ranked_by_level_and_only_with_something_due()
    {
        var ranking = Ranking.Of(
        [
            Line(1, "provincial-department", due: 4, onTime: 2),
            Line(2, "enterprise"),                                       // nothing due: listed, not ranked
            Line(3, "central-agency", reportsDue: 2, reportsOnTime: 2),  // reports only: after every completion rate
            Line(4, "office", due: 4, onTime: 4),
            Line(5, "provincial-department", due: 4, onTime: 2, overdue: 1),
            Line(6, "provincial-department", due: 2, onTime: 1),          // ties with 1 on every measure
            Line(7, "region", due: 2, onTime: 1),
            Line(8, "county", due: 1, onTime: 1),
            Line(9, "local-department", due: 1),
        ]);

        var (province, regions, counties) = (ranking.Tables[0], ranking.Tables[1], ranking.Tables[2]);
        Assert.Equal(("province", "省直部门(单位)"), (province.Group, province.Title));
        Assert.Equal([4L, 1, 6, 5, 3], province.Ranked.Select(s => s.UnitId));
        Assert.Equal([1, 2, 2, 4, 5], province.Places);
        Assert.Equal([2L], province.NothingDue.Select(s => s.UnitId));
        Assert.Equal([7L], regions.Ranked.Select(s => s.UnitId));
        Assert.Equal("县区(市州下达)", counties.Title);
        Assert.Equal([8L, 9], counties.Ranked.Select(s => s.UnitId));
        Assert.Equal(("100%", "50%", "—"), (UnitStanding.Percent(province.Ranked[0].OnTimeRate), UnitStanding.Percent(0.5), UnitStanding.Percent(null)));
    }
}
