using System.Globalization;
using WorkflowHost.Engine.Calendar;
using WorkflowHost.Engine.Workflows;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Briefings;

namespace WorkflowHost.Infrastructure.Documents;

/// <summary>The monthly 简报, laid out like a city's 专刊 (宝鸡应急管理 专刊, 漯河安全生产简报): masthead, issue, office and
/// date over the red rule, a summary written from the month's figures (compared with the month before when there was
/// one), then per action a short section — the figures units reported, summed, and a few notable items — then counts,
/// not lists, of who did not report and of what was issued, naming only the units of the 通报 issued that month. Drafts
/// and proposals awaiting approval are never listed. It stays a few pages whether 40 units or 23,000 carry the plan.</summary>
internal static class BriefingDocument
{
    private static readonly string[] Numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"];

    /// <summary>Notable items quoted per action; the tasks with most missed reports named.</summary>
    private const int NotablePerAction = 3;
    private const int WorstTasksNamed = 5;
    private const int UnitsNamed = 20;

    /// <param name="issue">期号 once issued; null for a draft (送审稿).</param>
    /// <param name="summary">The working group's own summary paragraph, if it rewrote it.</param>
    public static GeneratedDocument Render(Briefing briefing, string? issue, DocumentOptions options, BriefingTotals? previous = null, string? summary = null)
    {
        var date = ChinaTime.DateOf(briefing.AssembledAt);
        var builder = new OfficialDocumentBuilder()
            .IssuerMark(options.BriefingMasthead)
            .Centered(issue ?? "送审稿（印发时编号）")
            .SplitLineAndRule(options.Office, Mail.DeadlineWords.Date(date))
            .Title(briefing.Title)
            .Paragraph(summary ?? SummaryOf(briefing, previous), verbatim: summary is not null);

        var heading = 0;
        foreach (var section in briefing.Sections)
        {
            builder.Heading($"{Numeral(heading++)}、{section.Action}");
            var reports = section.Tasks.Sum(task => task.Reports);
            builder.Paragraph($"本月收到第{string.Join("、", section.Tasks.Select(task => task.TaskNo))}项任务进展报送共{reports}份" +
                              (section.Figures.Count > 0 ? "，各单位报送：" + string.Join("；", section.Figures.Select(f => $"{f.Key}{f.Value.ToString("0.##", CultureInfo.InvariantCulture)}")) : "") + "。");
            foreach (var excerpt in section.Tasks.SelectMany(task => task.Excerpts).Take(NotablePerAction))
                builder.Paragraph($"{excerpt.Unit}：{excerpt.Text}", verbatim: true);
        }
        if (briefing.MissingReports.Count > 0)
        {
            builder.Heading($"{Numeral(heading++)}、未按时报送情况");
            var byTask = briefing.MissingReports.GroupBy(m => m.TaskNo).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).ToList();
            var units = briefing.MissingReports.Select(m => m.Unit).Distinct().Count();
            builder.Paragraph($"本月共有{units}个单位{briefing.MissingReports.Count}份进展未按时报送，涉及{byTask.Count}项任务；" +
                              $"未报较多的是{string.Join("、", byTask.Take(WorstTasksNamed).Select(g => $"第{g.Key}项（{g.Count()}个单位）"))}。已逐一催报。");
        }
        var issued = briefing.Escalations.Where(e => e.Status == EscalationStatuses.Issued).ToList();
        if (issued.Count > 0)
        {
            builder.Heading($"{Numeral(heading)}、督办情况");
            builder.Paragraph("本月" + string.Join("，", issued.GroupBy(e => e.Step).OrderBy(g => EscalationSteps.Rank(g.Key))
                .Select(g => $"发出{StepTitles.Of(g.Key)}涉及{g.Select(e => e.Unit).Distinct().Count()}个单位、{g.Select(e => e.TaskNo).Distinct().Count()}项任务")) + "。");
            foreach (var circular in issued.Where(e => e.Step == EscalationSteps.Circular).GroupBy(e => e.TaskNo).OrderBy(g => g.Key))
            {
                var units = circular.Select(e => e.Unit).Distinct().ToList();
                builder.Paragraph($"第{circular.Key}项任务通报：{string.Join("、", units.Take(UnitsNamed))}{(units.Count > UnitsNamed ? $"等{units.Count}个单位" : "")}。");
            }
        }
        builder.Signature(options.Office, date).Colophon(options.CircularAddressees, options.Office, date, "报送");
        return new GeneratedDocument($"{briefing.Month}-简报.docx", GeneratedDocument.DocxContentType, builder.Build());
    }

    /// <summary>The opening paragraph, written from the month's figures: where the plan stands, the month's reports and
    /// the reporting rate, and the change since the month before.</summary>
    public static string SummaryOf(Briefing briefing, BriefingTotals? previous)
    {
        var month = DateOnly.ParseExact(briefing.Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var date = ChinaTime.DateOf(briefing.AssembledAt);
        var t = briefing.Totals;
        var rate = t.ReportsDue == 0 ? "" : $"，报送率{100.0 * Math.Min(t.ReportsReceived, t.ReportsDue) / t.ReportsDue:0.#}%";
        var compared = previous is null ? "" :
            $"与上月相比，已办结销号{Change(t.Closed - previous.Closed)}，逾期未办结{Change(t.Overdue - previous.Overdue)}。";
        return $"截至{Mail.DeadlineWords.Date(date)}，全省{t.Assignments}项承办任务中已办结销号{t.Closed}项（本月{t.ClosedThisMonth}项），逾期未办结{t.Overdue}项；" +
               $"本月应报送进展{t.ReportsDue}份，实收{t.ReportsReceived}份{rate}。{compared}现将{month.Month}月份工作情况简报如下：";
    }

    /// <summary>「增加3项」, 「减少2项」, 「持平」.</summary>
    private static string Change(int delta) => delta switch { > 0 => $"增加{delta}项", < 0 => $"减少{-delta}项", _ => "持平" };

    private static string Numeral(int index) => index < Numerals.Length ? Numerals[index] : (index + 1).ToString(CultureInfo.InvariantCulture);
}
