using System.Globalization;
using WorkflowHost.Engine.Calendar;
using WorkflowHost.Infrastructure.Briefings;

namespace WorkflowHost.Infrastructure.Documents;

/// <summary>The monthly 简报, laid out like a city's 专刊: masthead, issue, office and date over the red rule, then an
/// overview, progress by action with the figures units reported, who did not report, and what was escalated.</summary>
internal static class BriefingDocument
{
    private static readonly string[] Numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"];

    public static GeneratedDocument Render(Briefing briefing, string issue, DocumentOptions options)
    {
        var month = DateOnly.ParseExact(briefing.Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var date = ChinaTime.DateOf(briefing.AssembledAt);
        var t = briefing.Totals;
        var builder = new OfficialDocumentBuilder()
            .IssuerMark(options.BriefingMasthead)
            .Centered(issue)
            .SplitLineAndRule(options.Office, Mail.DeadlineWords.Date(date))
            .Title(briefing.Title)
            .Paragraph($"截至{Mail.DeadlineWords.Date(date)}，全省{t.Assignments}项承办任务中已办结销号{t.Closed}项（本月{t.ClosedThisMonth}项），逾期未办结{t.Overdue}项；本月应报送进展{t.ReportsDue}份，实收{t.ReportsReceived}份。现将{month.Month}月份工作情况简报如下：");

        var heading = 0;
        foreach (var section in briefing.Sections)
        {
            builder.Heading($"{Numeral(heading++)}、{section.Action}");
            if (section.Figures.Count > 0)
                builder.Paragraph("本月各单位报送：" + string.Join("；", section.Figures.Select(f => $"{f.Key}{f.Value.ToString("0.##", CultureInfo.InvariantCulture)}")) + "。");
            foreach (var task in section.Tasks)
            {
                builder.Subheading($"（第{task.TaskNo}项）{task.Content}");
                builder.Paragraph(task.Reports > 0 ? $"本月收到进展报送{task.Reports}份。" : "本月未收到进展报送。");
                foreach (var excerpt in task.Excerpts) builder.Paragraph($"{excerpt.Unit}：{excerpt.Text}", verbatim: true);
            }
        }
        if (briefing.MissingReports.Count > 0)
        {
            builder.Heading($"{Numeral(heading++)}、未按时报送情况");
            foreach (var byTask in briefing.MissingReports.GroupBy(m => m.TaskNo).OrderBy(g => g.Key))
                builder.Paragraph($"第{byTask.Key}项：{string.Join("、", byTask.Select(m => m.Unit))}。");
        }
        if (briefing.Escalations.Count > 0)
        {
            builder.Heading($"{Numeral(heading)}、督办情况");
            foreach (var e in briefing.Escalations.OrderBy(e => e.TaskNo))
                builder.Paragraph($"第{e.TaskNo}项 {e.Unit}：{StepTitles.Of(e.Step)}（{StatusWord(e.Status)}）。");
        }
        builder.Signature(options.Office, date).Colophon(null, options.Office, date);
        return new GeneratedDocument($"{briefing.Month}-简报.docx", GeneratedDocument.DocxContentType, builder.Build());
    }

    private static string Numeral(int index) => index < Numerals.Length ? Numerals[index] : (index + 1).ToString(CultureInfo.InvariantCulture);

    private static string StatusWord(string status) => status switch
    {
        "issued" => "已发出",
        "awaiting-approval" => "待批准",
        "withdrawn" => "已撤回",
        _ => status,
    };
}
