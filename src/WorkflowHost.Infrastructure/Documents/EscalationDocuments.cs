using WorkflowHost.Engine.Units;

namespace WorkflowHost.Infrastructure.Documents;

/// <summary>The texts of 督办函, 通报, 约谈通知 and 曝光, from one set of <see cref="EscalationFacts"/>.</summary>
internal static class EscalationDocuments
{
    /// <summary>The document's title (关于督促办理第3项重点工作任务的函), as printed and registered.</summary>
    public static string TitleOf(EscalationFacts f) => f.Step switch
    {
        "letter" => $"关于督促办理第{f.TaskNo}项重点工作任务的函",
        "circular" => $"关于第{f.TaskNo}项重点工作任务逾期未完成情况的通报",
        "exposure" => $"关于第{f.TaskNo}项重点工作任务逾期未完成情况的曝光",
        // Several units summoned at once are listed in the text; the title names what they have in common.
        "summons" when f.SeveralUnits => $"关于约谈第{f.TaskNo}项重点工作任务{(f.Ongoing ? "未按时报送进展" : "逾期未完成")}单位主要负责同志的通知",
        "summons" => $"关于约谈{f.UnitName}主要负责同志的通知",
        _ => throw new InvalidOperationException($"escalation {f.EscalationId}: step '{f.Step}' has no document"),
    };

    /// <summary>主送: the unit written to, or a circular's addressees; none for an exposure (it is public).</summary>
    public static string? AddresseeOf(EscalationFacts f, DocumentOptions options) => f.Step switch
    {
        "circular" => f.ParentUnit is null ? options.CircularAddressees : "各有关单位",
        "exposure" => null,
        // Several units summoned at once: addressed together, each named in the text.
        _ => f.SeveralUnits ? "各有关单位" : f.UnitFullName,
    };

    public static GeneratedDocument Render(EscalationFacts f, DocumentOptions options)
    {
        var office = f.Issuer(options);
        var builder = new OfficialDocumentBuilder()
            .IssuerMark(office)
            .NumberAndRule(f.Number ?? "送审稿（印发时编号）");
        var draft = f.Number is null ? "（送审稿）" : "";
        var task = $"《{f.PlanTitle}》{f.PlanYear}年重点工作任务清单第{f.TaskNo}项任务“{f.TaskContent}”";
        var deadline = f.DueDate is { } due ? $"完成时限为“{f.DeadlineText}”（即{Date(due)}前）" : $"完成时限为“{f.DeadlineText}”";
        var asOf = Date(f.DocumentDate);
        // What the unit failed to do: finish by the deadline, or (an ongoing task) report on the cadence.
        var lapse = f.Ongoing ? $"连续{f.MissedReports}期未按时报送工作进展" : $"尚未办结，已逾期{f.OverdueDays}天";
        var n = 0; // the numbered lines of units
        switch (f.Step)
        {
            case "letter":
                builder.Title(TitleOf(f) + draft)
                    .Addressee(AddresseeOf(f, options)!)
                    .Paragraph($"按照{task}，你单位为责任单位，{deadline}。截至{asOf}，该任务{lapse}。")
                    .Paragraph($"请你单位高度重视，认真分析逾期原因，采取有力措施加快推进，于{Date(f.ReplyBy)}前将办理进展、存在问题及下一步措施书面报送{office}，并在督办系统中提交办结申请；确需延期的，请说明理由申请延期。")
                    .Paragraph("特此函告。");
                break;
            case "circular":
            case "exposure":
                builder.Title(TitleOf(f) + draft);
                if (AddresseeOf(f, options) is { } addressees) builder.Addressee(addressees);
                if (f.Ongoing && f.SeveralUnits)
                {
                    builder.Paragraph($"按照{task}，{deadline}，责任单位须按期报送工作进展。截至{asOf}，以下{f.LateUnits.Count}个单位未按时报送：");
                    foreach (var late in f.LateUnits)
                        builder.Paragraph($"{++n}. {late.Name}（连续{late.MissedReports}期未报送）");
                }
                else if (f.Ongoing)
                {
                    builder.Paragraph($"按照{task}，{deadline}，责任单位须按期报送工作进展。截至{asOf}，{f.UnitName}{lapse}。");
                }
                else
                {
                    builder.Paragraph($"按照{task}，{deadline}。截至{asOf}，以下{f.LateUnits.Count}个单位仍未办结：");
                    foreach (var late in f.LateUnits)
                        builder.Paragraph($"{++n}. {late.Name}（已逾期{late.OverdueDays}天）");
                }
                builder.Paragraph(f.Step == "circular"
                    ? $"现予以通报。请上述单位切实履行责任，于{Date(f.ReplyBy)}前完成整改并将整改情况报送{office}。各单位要引以为戒，举一反三，确保各项任务按期完成。"
                    : $"现予以公开曝光。请上述单位于{Date(f.ReplyBy)}前完成整改，并接受社会监督。");
                break;
            case "summons" when f.SeveralUnits:
                builder.Title(TitleOf(f) + draft)
                    .Addressee(AddresseeOf(f, options)!)
                    .Paragraph($"按照{task}，{deadline}。截至{asOf}，以下{f.LateUnits.Count}个单位" +
                               (f.Ongoing ? "未按时报送工作进展" : "仍未办结") + $"，经函告、通报后仍未整改到位：{UnitsInOneLine(f)}。")
                    .Paragraph($"根据《{f.PlanTitle}》关于“约谈通报、责任追究”的要求，经研究，定于{Date(f.SummonsDate)}约谈上述单位主要负责同志。请各单位主要负责同志按时参加，并就任务逾期原因、整改措施和完成时限作出说明。具体时间、地点另行通知。")
                    .Paragraph("特此通知。");
                break;
            case "summons":
                builder.Title(TitleOf(f) + draft)
                    .Addressee(AddresseeOf(f, options)!)
                    .Paragraph($"按照{task}，你单位为责任单位，{deadline}。截至{asOf}，该任务{lapse}，经函告、通报后仍未整改到位。")
                    .Paragraph($"根据《{f.PlanTitle}》关于“约谈通报、责任追究”的要求，经研究，定于{Date(f.SummonsDate)}约谈你单位主要负责同志。请你单位主要负责同志按时参加，并就任务逾期原因、整改措施和完成时限作出说明。具体时间、地点另行通知。")
                    .Paragraph("特此通知。");
                break;
            default:
                throw new InvalidOperationException($"escalation {f.EscalationId}: step '{f.Step}' has no document");
        }
        builder.Signature(office, f.DocumentDate).Colophon(null, office, f.DocumentDate);
        var fileName = $"{f.DocumentDate:yyyyMMdd}-{f.StepTitle}-第{f.TaskNo}项-{(f.Step is "circular" or "exposure" || f.SeveralUnits ? "" : f.UnitName + "-")}{f.ProposalId ?? f.EscalationId}.docx";
        return new GeneratedDocument(fileName, GeneratedDocument.DocxContentType, builder.Build());
    }

    /// <summary>One unit's 督办函 of one day: every task of it that reached the 函告 step, numbered, then what to send
    /// back by when.</summary>
    /// <param name="issuerContact">The issuer's contact from the unit directory, printed under the request as the
    /// letter's 联系人/联系电话 line (whom the unit calls about it); none when the directory has none.</param>
    public static GeneratedDocument RenderLetter(LetterFacts f, DocumentOptions options, UnitContact? issuerContact = null)
    {
        var office = f.Issuer(options);
        var builder = new OfficialDocumentBuilder()
            .IssuerMark(office)
            .NumberAndRule(f.Number)
            .Title(f.Title)
            .Addressee(f.UnitFullName)
            .Paragraph(f.Tasks.Count == 1
                ? $"按照《{f.PlanTitle}》{f.PlanYear}年重点工作任务清单，你单位为以下任务的责任单位。截至{Date(f.DocumentDate)}，该任务未按要求完成："
                : $"按照《{f.PlanTitle}》{f.PlanYear}年重点工作任务清单，你单位为以下{f.Tasks.Count}项任务的责任单位。截至{Date(f.DocumentDate)}，各项任务均未按要求完成：");
        var n = 0;
        foreach (var t in f.Tasks)
        {
            var deadline = t.DueDate is { } due ? $"完成时限为“{t.DeadlineText}”（即{Date(due)}前）" : $"完成时限为“{t.DeadlineText}”";
            builder.Paragraph($"{++n}. 第{t.TaskNo}项“{t.Content}”，{deadline}，{t.Lapse}。");
        }
        var dated = f.Tasks.Any(t => !t.Ongoing);
        builder.Paragraph($"请你单位高度重视，认真分析原因，采取有力措施加快推进，于{Date(f.ReplyBy)}前将上述任务的办理进展、存在问题及下一步措施书面报送{office}" +
                          (dated ? "，并在督办系统中提交办结申请；确需延期的，请说明理由申请延期。" : "，并按期报送工作进展。"))
            .Paragraph("特此函告。");
        if (issuerContact is not null) builder.Paragraph($"（联系人：{issuerContact.Person}，联系电话：{issuerContact.Phone}）");
        builder
            .Signature(office, f.DocumentDate)
            .Colophon(null, office, f.DocumentDate);
        var fileName = $"{f.DocumentDate:yyyyMMdd}-督办函-{f.UnitName}-{f.DocumentId}.docx";
        return new GeneratedDocument(fileName, GeneratedDocument.DocxContentType, builder.Build());
    }

    /// <summary>The units of a 约谈通知 in one sentence (a notice is a page or two, not a roll): their shared lapse said
    /// once, else each unit's after its name.</summary>
    private static string UnitsInOneLine(EscalationFacts f)
    {
        string Lapse(LateUnit u) => f.Ongoing ? $"连续{u.MissedReports}期未报送" : $"已逾期{u.OverdueDays}天";
        var lapses = f.LateUnits.Select(Lapse).Distinct().ToList();
        return lapses.Count == 1
            ? $"{string.Join("、", f.LateUnits.Select(u => u.Name))}（均{lapses[0]}）"
            : string.Join("、", f.LateUnits.Select(u => $"{u.Name}（{Lapse(u)}）"));
    }

    private static string Date(DateOnly day) => Mail.DeadlineWords.Date(day);
}
