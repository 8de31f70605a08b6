using WorkflowHost.Web.Views;

namespace WorkflowHost.Web.Exports;

/// <summary>
/// 台账 as an office keeps it: one row per assignment — a running 序号 (apart from the task's own number), the task, the
/// unit and how it carries it, the deadline and where it stands, the latest progress (date and text) with its figures,
/// how many evidence files back it, and the escalations it drew. Kept and printed as <see cref="OfficeWorkbook"/> sets it
/// up: header frozen and filterable, text wrapped, landscape A4 with the header on every page, one page wide.
/// </summary>
public static class LedgerWorkbook
{
    public const string SheetName = "台账";

    public static readonly string[] Headers =
        ["序号", "任务序号", "工作任务", "责任单位", "承办方式", "完成时限", "当前时限", "状态", "最新进展日期", "最新进展", "数据", "佐证材料(份)", "督办情况", "销号日期"];

    /// <summary>Widths in characters (a Chinese character is two): the task and the progress get the room, the rest
    /// what their longest usual value needs. Together they fit a landscape A4 page at about three quarters scale.</summary>
    public static readonly double[] Widths = [5, 6, 36, 12, 9, 12, 11, 9, 11, 40, 16, 7, 10, 11];

    public static OfficeSheet Sheet(string title, IReadOnlyList<LedgerLine> lines) => new(SheetName, title, Headers,
        lines.Select((line, i) =>
        {
            var a = line.Assignment;
            return new object[]
            {
                i + 1, a.TaskNo, a.TaskContent, a.UnitName, a.RoleTitle, a.DeadlineText,
                a.DueDate?.ToString("yyyy-MM-dd") ?? "长期坚持", a.StateTitle, line.LatestReportOn?.ToString("yyyy-MM-dd") ?? "", line.LatestReport,
                line.Figures, line.EvidenceFiles, line.EscalationText, a.ClosedOn?.ToString("yyyy-MM-dd") ?? "",
            };
        }).ToList(), Widths);

    public static byte[] Build(string title, IReadOnlyList<LedgerLine> lines) => OfficeWorkbook.Build(Sheet(title, lines));
}
