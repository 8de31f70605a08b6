using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Workflows;
using WorkflowHost.Infrastructure.Briefings;
using WorkflowHost.Infrastructure.Documents;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows;

namespace WorkflowHost.Infrastructure.Mail;

/// <summary>A row that can never become a message (its escalation or unit is gone): retrying will not help.</summary>
public sealed class MailCompositionException(string message) : Exception(message);

/// <summary>
/// Turns an outbox row into the email it stands for: recipient, subject and body from the row's template, and the
/// escalation's document or the briefing attached. The same row always gives the same message, with the same
/// Message-ID, so a duplicate after a crash is recognisably a duplicate.
/// </summary>
public sealed class MessageComposer(IDbContextFactory<WorkflowDbContext> contexts, DocumentService documents, DocumentOptions documentOptions, MailOptions options)
{
    /// <summary>The sender, parsed once. Each message gets an address of its own made from it (<see cref="From"/>): a
    /// message's address list subscribes to its addresses' change events, so one shared address would keep every
    /// message ever composed alive, its handler list copied and grown by each.</summary>
    private readonly Lazy<MailboxAddress> _from = new(() => MailboxAddress.Parse(options.From));
    private readonly Dictionary<string, MailTemplate> _templates = new();
    private readonly Lock _templatesLock = new();

    /// <summary>Composes one row, reading what it needs itself.</summary>
    public Task<MimeMessage> ComposeAsync(OutboxRow row, CancellationToken cancel = default) => ComposeAsync(row, MessageBatch.Empty, cancel);

    /// <summary>Composes one row of a batch, with what the batch has read ahead (<see cref="ReadAheadAsync"/>); what it
    /// lacks, the row reads itself.</summary>
    public async Task<MimeMessage> ComposeAsync(OutboxRow row, MessageBatch batch, CancellationToken cancel)
    {
        var (to, subject, body, attachment) = row.Kind switch
        {
            OutboxKinds.Digest when row.UnitId is null => WorkingGroupDigest(row),
            OutboxKinds.Digest => await UnitDigestAsync(row, batch, cancel),
            OutboxKinds.Briefing => await BriefingAsync(row, cancel),
            OutboxKinds.Urged => await UrgedAsync(row, cancel),
            EscalationSteps.Letter => await LetterAsync(row, batch, cancel),
            _ when OutboxKinds.Escalations.Contains(row.Kind) => await EscalationAsync(row, cancel),
            _ => throw new MailCompositionException($"outbox row {row.Id}: kind '{row.Kind}' is not mailed on its own"),
        };

        var message = new MimeMessage();
        message.From.Add(From());
        message.To.Add(to);
        message.Subject = subject;
        message.Date = UnixTime.ToChinaTime(row.CreatedAt);
        message.MessageId = MessageIdOf(row, _from.Value.Domain);
        message.Headers.Add("X-WorkflowHost-Outbox", $"{row.Id} {row.Key}");
        var builder = new BodyBuilder { TextBody = body };
        if (attachment is not null)
            builder.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.ContentType));
        message.Body = builder.ToMessageBody();
        return message;
    }

    private MailboxAddress From() => new(_from.Value.Name, _from.Value.Address);

    /// <summary>What a batch of rows shares, read set-based once: the units its digests go to, the plan's title and its
    /// letters' facts. A row whose facts are not found here reads them itself, and fails on its own if they are gone.</summary>
    public async Task<MessageBatch> ReadAheadAsync(IReadOnlyCollection<OutboxRow> rows, CancellationToken cancel)
    {
        var unitIds = rows.Where(r => r.Kind == OutboxKinds.Digest && r.UnitId is not null).Select(r => r.UnitId!.Value).ToList();
        var documentIds = rows.Where(r => r.Kind == EscalationSteps.Letter && r.AssignmentId is null).Select(DocumentOf).OfType<long>().ToList();
        var units = new Dictionary<long, UnitRow>();
        string? planTitle = null;
        if (unitIds.Count > 0)
        {
            await using var db = await contexts.CreateDbContextAsync(cancel);
            units = await UnitsById.ReadAsync(db, unitIds, cancel);
            planTitle = await PlanTitleAsync(db, cancel);
        }
        var letters = documentIds.Count > 0 ? await documents.LettersAsync(documentIds, cancel) : [];
        return new MessageBatch(units, planTitle, letters);
    }

    /// <summary>What <see cref="ReadAheadAsync"/> read for a batch.</summary>
    public sealed record MessageBatch(IReadOnlyDictionary<long, UnitRow> Units, string? PlanTitle, IReadOnlyDictionary<long, LetterFacts> Letters)
    {
        /// <summary>Nothing read ahead: each row reads what it needs.</summary>
        public static readonly MessageBatch Empty = new(new Dictionary<long, UnitRow>(), null, new Dictionary<long, LetterFacts>());
    }

    /// <summary>Deterministic per row: the row's id and a hash of its unique key, under the sender's domain.</summary>
    public static string MessageIdOf(OutboxRow row, string domain)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(row.Key)))[..16];
        return $"outbox.{row.Id}.{hash}@{domain}";
    }

    private sealed record Parts(MailboxAddress To, string Subject, string Body, GeneratedDocument? Attachment);

    private MailTemplate Template(string name)
    {
        lock (_templatesLock)
        {
            if (!_templates.TryGetValue(name, out var template)) _templates[name] = template = MailTemplate.Load(name);
            return template;
        }
    }

    private string Link(string path) => options.WebAppUrl.TrimEnd('/') + path;

    private static T PayloadOf<T>(OutboxRow row) =>
        JsonSerializer.Deserialize<T>(row.Payload ?? "null", DailyDigestComposer.Json)
        ?? throw new MailCompositionException($"outbox row {row.Id}: its payload is empty");

    private async Task<Parts> UnitDigestAsync(OutboxRow row, MessageBatch batch, CancellationToken cancel)
    {
        var (unit, planTitle) = (batch.Units.GetValueOrDefault(row.UnitId!.Value), batch.PlanTitle);
        if (unit is null || planTitle is null)
        {
            await using var db = await contexts.CreateDbContextAsync(cancel);
            unit ??= await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == row.UnitId, cancel)
                ?? throw new MailCompositionException($"outbox row {row.Id}: unit {row.UnitId} does not exist");
            planTitle ??= await PlanTitleAsync(db, cancel);
        }
        var payload = PayloadOf<DigestPayload>(row);
        // Counted by kind, the few most pressing written out, the rest one link away (DigestPriority).
        var sections = payload.Items.ToLookup(i => i.Section);
        var top = DigestPriority.MostPressing(payload.Items);
        var model = new Dictionary<string, object?>
        {
            ["unit"] = unit.FullName ?? unit.Name,
            ["date"] = DeadlineWords.Date(payload.Day),
            ["asOf"] = AsOf(payload),
            ["planTitle"] = planTitle,
            ["office"] = documentOptions.Office,
            ["summary"] = Summary(payload.Items),
            ["counts"] = DigestPriority.Sections.Where(s => sections[s.Section].Any())
                .Select(s => new { s.Title, Count = sections[s.Section].Count(), Hint = HintOf(s.Section) }).ToList(),
            ["shownCount"] = top.Count,
            ["top"] = top.Select(i => new
            {
                i.TaskNo,
                Content = DigestItem.Line(i.Content),
                Detail = DetailOf(i, payload.Day),
                Link = Link($"/assignments/{i.AssignmentId}"),
            }).ToList(),
            ["moreCount"] = payload.Items.Count - top.Count,
            ["anyMore"] = payload.Items.Count > top.Count,
            ["listLink"] = Link("/unit"),
            ["anyReports"] = sections[DigestSections.Report].Any(),
            ["reportLink"] = Link("/unit/report"),
        };
        var (subject, body) = Template("unit-digest").Render(model);
        return new Parts(new MailboxAddress(unit.FullName ?? unit.Name, unit.Email), subject, body, null);
    }

    private Parts WorkingGroupDigest(OutboxRow row)
    {
        var payload = PayloadOf<DigestPayload>(row);
        var sections = payload.Items.ToLookup(i => i.Section);
        var overdue = sections[DigestSections.Overdue]
            .GroupBy(i => (i.TaskNo, i.DueDate))
            .Select(g => new
            {
                g.Key.TaskNo,
                DueDate = g.Key.DueDate is { } d ? DeadlineWords.Date(d) : "",
                DueWords = g.Key.DueDate is { } due ? DeadlineWords.Of(due, payload.Day) : "",
                Units = string.Join("、", g.Select(i => i.Unit)),
            }).ToList();
        // One line per task and step: a circular usually names every unit late on the task at once.
        var approvals = sections[DigestSections.Approval]
            .GroupBy(i => (i.TaskNo, i.Step))
            .Select(g => new
            {
                g.Key.TaskNo,
                StepTitle = StepTitles.Of(g.Key.Step ?? ""),
                Why = g.First().DueDate is { } due ? DeadlineWords.Of(due, payload.Day) : "未按时报送进展",
                Count = g.Count(),
                Units = string.Join("、", g.Select(i => i.Unit)),
                Link = Link($"/escalations?task={g.Key.TaskNo}&step={g.Key.Step}&status=awaiting-approval"),
            }).ToList();
        var reviews = sections[DigestSections.Review].Select(i => new
        {
            i.TaskNo,
            i.Unit,
            What = i.Kind != EngineEvents.ExtensionRequested ? "申请办结"
                : i.RequestedDate is { } asked ? $"申请延期至{DeadlineWords.Date(asked)}（现时限{(i.DueDate is { } due ? DeadlineWords.Date(due) : "长期坚持")}），理由：{i.Reason}"
                : "申请延期",
            Link = Link($"/assignments/{i.AssignmentId}"),
        }).ToList();
        var model = new Dictionary<string, object?>
        {
            ["date"] = DeadlineWords.Date(payload.Day),
            ["asOf"] = AsOf(payload),
            ["planTitle"] = "甘肃省安全生产治本攻坚三年行动",
            // Counted as the board counts: tasks, and the units' shares (assignments) in them, each said by name.
            ["overdueCount"] = overdue.Count,
            ["overdueShares"] = sections[DigestSections.Overdue].Count(),
            ["reviewCount"] = reviews.Count,
            ["approvalCount"] = approvals.Sum(a => a.Count),
            ["overdue"] = overdue,
            ["anyOverdue"] = overdue.Count > 0,
            ["reviews"] = reviews,
            ["anyReviews"] = reviews.Count > 0,
            ["approvals"] = approvals,
            ["anyApprovals"] = approvals.Count > 0,
            ["failedMail"] = payload.FailedMail,
            ["outboxLink"] = Link("/outbox"),
            ["openIncidents"] = payload.OpenIncidents,
            ["incidentsLink"] = Link("/board#incidents"),
        };
        var (subject, body) = Template("working-group-digest").Render(model);
        return new Parts(new MailboxAddress("工作专班", options.WorkingGroupAddress), subject, body, null);
    }

    private async Task<Parts> EscalationAsync(OutboxRow row, CancellationToken cancel)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var escalationId = row.EscalationId ?? EscalationIdOf(row) ?? await (
            // Rows written before the outbox kept the escalation's id: it is the one raised with the row.
            from e in db.Escalations
            where e.AssignmentId == row.AssignmentId && e.Step == row.Kind && e.RaisedAt <= row.CreatedAt
            orderby e.RaisedAt descending, e.Id descending
            select (long?)e.Id).FirstOrDefaultAsync(cancel)
            ?? throw new MailCompositionException($"outbox row {row.Id}: no {row.Kind} escalation for assignment {row.AssignmentId}");
        var facts = await documents.EscalationFactsAsync(escalationId, cancel)
            ?? throw new MailCompositionException($"outbox row {row.Id}: escalation {escalationId} does not exist");
        // Rendered from the same facts as the message (loading them again could date the two differently at midnight).
        var document = EscalationDocuments.Render(facts, documentOptions);
        var model = new
        {
            Unit = facts.UnitFullName,
            facts.TaskNo,
            Content = facts.TaskContent,
            facts.DeadlineText,
            DueDate = facts.DueDate is { } d ? DeadlineWords.Date(d) : "",
            facts.Ongoing,
            Lapse = facts.Ongoing ? $"连续{facts.MissedReports}期未按时报送工作进展" : $"尚未办结，已逾期{facts.OverdueDays}天",
            ShortLapse = facts.Ongoing ? $"连续{facts.MissedReports}期未报送进展" : $"已逾期{facts.OverdueDays}天",
            DocumentDate = DeadlineWords.Date(facts.DocumentDate),
            ReplyBy = DeadlineWords.Date(facts.ReplyBy),
            SummonsDate = DeadlineWords.Date(facts.SummonsDate),
            DocumentNumber = facts.Number ?? "",
            LateCount = facts.LateUnits.Count,
            LateUnits = string.Join("、", facts.LateUnits.Select(u => u.Name)),
            PlanTitle = $"《{facts.PlanTitle}》{facts.PlanYear}年",
            Office = facts.Issuer(documentOptions),
            Link = Link($"/assignments/{facts.AssignmentId}"),
            AttachmentName = document.FileName,
        };
        var (subject, body) = Template(row.Kind).Render(model);
        return new Parts(new MailboxAddress(facts.UnitFullName, facts.UnitEmail), subject, body, document);
    }

    /// <summary>A unit's 督办函 of the day: every task of it that reached the 函告 step, the letter attached.</summary>
    private async Task<Parts> LetterAsync(OutboxRow row, MessageBatch batch, CancellationToken cancel)
    {
        if (row.AssignmentId is not null)
            throw new MailCompositionException($"outbox row {row.Id}: a task's 函告 goes out in its unit's letter of the day, not on its own");
        var documentId = DocumentOf(row) ?? throw new MailCompositionException($"outbox row {row.Id}: a letter row needs a document in its payload");
        var (facts, document) = batch.Letters.TryGetValue(documentId, out var read) ? (read, documents.RenderLetter(read))
            : await documents.LetterAsync(documentId, cancel) ?? throw new MailCompositionException($"outbox row {row.Id}: letter {documentId} has no tasks");
        var dated = facts.Tasks.Where(t => !t.Ongoing).ToList();
        var what = facts.Tasks.Count == 1 ? facts.Tasks[0].Lapse
            : dated.Count == facts.Tasks.Count ? "逾期未办结" : dated.Count == 0 ? "未按期报送进展" : "未按要求办理";
        var model = new
        {
            Unit = facts.UnitFullName,
            TaskNos = string.Join("、", facts.Tasks.Select(t => t.TaskNo)),
            What = what,
            TaskCount = facts.Tasks.Count,
            Tasks = facts.Tasks.Select(t => new
            {
                t.TaskNo, t.Content, t.DeadlineText, DueDate = t.DueDate is { } d ? DeadlineWords.Date(d) : "", t.Lapse,
            }).ToList(),
            DocumentDate = DeadlineWords.Date(facts.DocumentDate),
            ReplyBy = DeadlineWords.Date(facts.ReplyBy),
            DocumentNumber = facts.Number,
            PlanTitle = $"《{facts.PlanTitle}》{facts.PlanYear}年",
            Office = facts.Issuer(documentOptions),
            Dated = dated.Count > 0,
            Link = Link(facts.Tasks.Count == 1 ? $"/assignments/{facts.Tasks[0].AssignmentId}" : "/unit"),
            AttachmentName = document.FileName,
        };
        var (subject, body) = Template(EscalationSteps.Letter).Render(model);
        return new Parts(new MailboxAddress(facts.UnitFullName, facts.UnitEmail), subject, body, document);
    }

    /// <summary>催办: the parent unit (or the working group) presses a share to act; the mail says who, on what, by when.</summary>
    private async Task<Parts> UrgedAsync(OutboxRow row, CancellationToken cancel)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var share = await (
            from a in db.Assignments
            join u in db.Units on a.UnitId equals u.Id
            join t in db.PlanTasks on a.TaskId equals t.Id
            where a.Id == row.AssignmentId
            select new { a.Id, a.DueDate, a.PastDue, t.No, t.Content, t.DeadlineText, Unit = u.FullName ?? u.Name, u.Email })
            .AsNoTracking().SingleOrDefaultAsync(cancel)
            ?? throw new MailCompositionException($"outbox row {row.Id}: assignment {row.AssignmentId} does not exist");
        var model = new
        {
            share.Unit,
            TaskNo = share.No,
            share.Content,
            share.DeadlineText,
            DueDate = share.DueDate is { } d ? DeadlineWords.Date(d) : "",
            share.PastDue,
            Note = JsonStringOf(row.Payload, "note") ?? "",
            Office = JsonStringOf(row.Payload, "by") ?? documentOptions.Office,
            Date = DeadlineWords.Date(DateOnly.FromDateTime(UnixTime.ToChinaTime(row.CreatedAt).DateTime)),
            Link = Link($"/assignments/{share.Id}"),
        };
        var (subject, body) = Template(OutboxKinds.Urged).Render(model);
        return new Parts(new MailboxAddress(share.Unit, share.Email), subject, body, null);
    }

    /// <summary>「2024年3月8日9时05分」: the instant a digest's facts stand at (9时 of its day for older digests).</summary>
    private static string AsOf(DigestPayload payload)
    {
        if (payload.ComposedAt is not { } at) return $"{DeadlineWords.Date(payload.Day)}9时";
        var china = UnixTime.ToChinaTime(UnixTime.Of(at));
        return $"{DeadlineWords.Date(DateOnly.FromDateTime(china.DateTime))}{china.Hour}时{china.Minute:00}分";
    }

    private async Task<Parts> BriefingAsync(OutboxRow row, CancellationToken cancel)
    {
        var month = JsonStringOf(row.Payload, "month")
            ?? throw new MailCompositionException($"outbox row {row.Id}: a briefing row needs a month in its payload");
        // It goes out issued: numbered first (once — a retried mail keeps its 期号), then rendered with its number.
        if (await documents.IssueBriefingAsync(month, cancel) is null)
            throw new MailCompositionException($"outbox row {row.Id}: the briefing for {month} is not assembled");
        var document = (await documents.BriefingAsync(month, cancel))!;
        var model = new
        {
            Title = $"{PeriodMonths.Words(month)}份工作简报",
            Recipient = "工作专班",
            Link = Link($"/briefings/{month}"),
            AttachmentName = document.FileName,
            Office = documentOptions.Office,
            Date = DeadlineWords.Date(DateOnly.FromDateTime(UnixTime.ToChinaTime(row.CreatedAt).DateTime)),
        };
        var (subject, body) = Template("briefing").Render(model);
        return new Parts(new MailboxAddress("工作专班", options.WorkingGroupAddress), subject, body, document);
    }

    /// <summary>The register entry a letter row mails (<c>{"document":id}</c>).</summary>
    private static long? DocumentOf(OutboxRow row) => JsonStringOf(row.Payload, "document") is { } text && long.TryParse(text, out var id) ? id : null;

    private static long? EscalationIdOf(OutboxRow row) =>
        JsonStringOf(row.Payload, "escalation") is { } text && long.TryParse(text, out var id) ? id : null;

    private static string? JsonStringOf(string? payload, string property)
    {
        if (payload is null) return null;
        try
        {
            using var json = JsonDocument.Parse(payload);
            if (!json.RootElement.TryGetProperty(property, out var value)) return null;
            return value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<string> PlanTitleAsync(WorkflowDbContext db, CancellationToken cancel)
    {
        var plan = await db.Plans.AsNoTracking().OrderByDescending(p => p.Year).Select(p => new { p.Year, p.Title }).FirstOrDefaultAsync(cancel);
        return plan is null ? "" : $"《{plan.Title}》{plan.Year}年";
    }

    private static string What(DigestItem i) => i.Kind switch
    {
        EngineEvents.Reminder => "即将到期",
        EngineEvents.Overdue => "已逾期",
        EngineEvents.ReportReminder => "请按期报送进展",
        EngineEvents.ReportDue => "今日为报送截止日，尚未报送",
        EngineEvents.ReportMissed => "逾期未报送，请尽快补报",
        EngineEvents.Closed => "审核通过，已销号",
        EngineEvents.Rejected => "办结申请被退回",
        EngineEvents.Extended => "延期申请已批准" + (i.DueDate is { } d ? $"，新的完成时限为{DeadlineWords.Date(d)}" : ""),
        EngineEvents.ExtensionRefused => "延期申请未获批准",
        EngineEvents.Applied => "申请办结，待你单位确认",
        EngineEvents.ExtensionRequested => "申请延期，待你单位审批",
        EngineEvents.Withdrawn => "撤回了申请，无需再审核",
        _ => EngineEvents.TitleOf(i.Kind),
    };

    /// <summary>What a kind of item asks of the unit, said once beside its count rather than on every line.</summary>
    private static string HintOf(string section) => section switch
    {
        DigestSections.Overdue => "请尽快办结并申请办结，逾期将依次函告、通报、约谈",
        DigestSections.DueSoon => "请按时办结；确需延期的，请在到期前申请延期",
        DigestSections.Report => "请按期报送工作进展（文字情况及有关数据，可附佐证材料）",
        DigestSections.Confirm => "分工单位、下级单位的申请待你单位确认或审批",
        DigestSections.LateBelow => "请督促办理（可在任务页面催办）",
        _ => "",
    };

    /// <summary>The one line under a task written out: its deadline, the period due, or what was decided and why.</summary>
    private static string DetailOf(DigestItem i, DateOnly day)
    {
        var deadline = $"完成时限：{i.DeadlineText}（{(i.DueDate is { } d ? DeadlineWords.Date(d) : "长期坚持")}{(i.DueDate is { } due ? "，" + DeadlineWords.Of(due, day) : "")}）";
        var reason = string.IsNullOrEmpty(i.Reason) ? "" : $"（理由：{i.Reason}）";
        return i.Section switch
        {
            DigestSections.Overdue or DigestSections.DueSoon => deadline,
            DigestSections.Report => $"报送期：{CadencePeriod.Words(i.Period)}，{What(i)}",
            DigestSections.LateBelow => $"{i.Unit}已逾期，{deadline}",
            DigestSections.Confirm => $"{i.Unit}{What(i)}{reason}",
            _ => i.Unit + What(i) + reason,
        };
    }

    /// <summary>The subject's ask: which tasks, and what is asked of each group, e.g. 「第3、5项即将到期;第1项已逾期」.</summary>
    private static string Summary(IReadOnlyList<DigestItem> items)
    {
        var parts = new List<string>();
        foreach (var (section, ask) in new[] { (DigestSections.Overdue, "已逾期"), (DigestSections.DueSoon, "即将到期"), (DigestSections.Report, "待报送进展"), (DigestSections.Decision, "有审核结果"), (DigestSections.Confirm, "待确认"), (DigestSections.LateBelow, "下级单位逾期"), (DigestSections.Other, "有新情况") })
        {
            var numbers = items.Where(i => i.Section == section).Select(i => i.TaskNo).Distinct().Order().ToList();
            if (numbers.Count == 0) continue;
            var shown = numbers.Count <= 5 ? string.Join("、", numbers) : string.Join("、", numbers.Take(4)) + $"等{numbers.Count}";
            parts.Add($"第{shown}项{ask}");
        }
        return string.Join("\uFF1B", parts);
    }
}
