using WorkflowHost.Web.Views;

namespace WorkflowHost.Web.Exports;

/// <summary>晾晒 as a workbook: one sheet per ranking (省直部门(单位), 市州, 县区), the same columns and order as the page,
/// the units with nothing due listed after the ranked ones without a 名次; the rates as the page defines them
/// (<see cref="UnitStanding"/>), with their counts beside them so a reader can check each one.</summary>
public static class RankingWorkbook
{
    public static readonly string[] Headers =
        ["名次", "单位", "承办", "已销号", "按时办结率", "应办结", "按时办结", "按时报送率", "应报送期数", "按时报送期数", "逾期", "函告", "通报", "约谈", "曝光"];

    public static readonly double[] Widths = [6, 22, 7, 8, 11, 8, 9, 11, 11, 12, 7, 7, 7, 7, 7];

    public static byte[] Build(string title, Ranking ranking) => OfficeWorkbook.Build(ranking.Tables.Where(t => !t.IsEmpty)
        .Select(table => new OfficeSheet(SheetNameOf(table.Title), $"{title}({table.Title})", Headers,
            table.Ranked.Select((s, i) => Row(table.Places[i], s)).Concat(table.NothingDue.Select(s => Row(null, s))).ToList(), Widths))
        .DefaultIfEmpty(new OfficeSheet("晾晒", title, Headers, [], Widths))
        .ToArray());

    private static object[] Row(int? place, UnitStanding s) =>
    [
        place is { } p ? p : "无到期事项", s.UnitName, s.Assignments, s.Closed, UnitStanding.Percent(s.OnTimeRate), s.CompletionsDue, s.ClosedOnTime,
        UnitStanding.Percent(s.ReportingRate), s.ReportsDue, s.ReportsOnTime, s.Overdue, s.Letters, s.Circulars, s.Summons, s.Exposures,
    ];

    /// <summary>A sheet's name may not hold []:*?/\ and is at most 31 characters.</summary>
    private static string SheetNameOf(string title) => new string(title.Where(c => !"[]:*?/\\".Contains(c)).ToArray()) is var name && name.Length > 31 ? name[..31] : name;
}
