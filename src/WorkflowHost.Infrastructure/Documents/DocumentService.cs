using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Calendar;
using WorkflowHost.Engine.Workflows;
using WorkflowHost.Infrastructure.Briefings;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows;

namespace WorkflowHost.Infrastructure.Documents;

/// <summary>
/// The official documents the engine issues, as .docx: 督办函, 通报, 约谈通知 and 曝光 for an escalation, and the
/// monthly 简报. Generated on demand from the database, so the web app's download and the email's attachment are the
/// same file.
/// </summary>
public sealed class DocumentService(IDbContextFactory<WorkflowDbContext> contexts, TimeProvider clock, WorkingCalendar calendar, WorkflowDefinitionCatalog definitions, DocumentOptions options)
{
    private static readonly JsonSerializerOptions BriefingJson = new(JsonSerializerDefaults.Web);

    /// <summary>The document of an escalation, by its step; null if there is no such escalation. A 函告 that went out is
    /// its unit's 督办函 of that day, with every task of it.</summary>
    public async Task<GeneratedDocument?> EscalationAsync(long escalationId, CancellationToken cancel = default)
    {
        var facts = await EscalationFactsAsync(escalationId, cancel);
        if (facts is { Step: EscalationSteps.Letter, DocumentId: { } letter }) return (await LetterAsync(letter, cancel))?.Document;
        return facts is null ? null : EscalationDocuments.Render(facts, options);
    }

    /// <summary>A unit's 督办函 of one day (<see cref="Mail.LetterBundler"/>), by its entry in the register.</summary>
    public async Task<(LetterFacts Facts, GeneratedDocument Document)?> LetterAsync(long documentId, CancellationToken cancel = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var facts = await LetterFacts.LoadAsync(db, documentId, calendar, cancel);
        return facts is null ? null : (facts, EscalationDocuments.RenderLetter(facts, options));
    }

    /// <summary>What the escalation's document and email say. An issued one not yet in the register — a step issued
    /// without approval — is registered first, so an issued document is never shown without its number; a 函告 is
    /// registered with its unit's letter of the day instead, when the letters are gathered.</summary>
    public async Task<EscalationFacts?> EscalationFactsAsync(long escalationId, CancellationToken cancel = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var facts = await EscalationFacts.LoadAsync(db, escalationId, calendar, definitions.States, clock, cancel);
        if (facts is not { Status: EscalationStatuses.Issued, Number: null } || facts.Step == EscalationSteps.Letter) return facts;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancel))
        {
            await IssueEscalationAsync(db, escalationId, approvedBy: null, cancel);
            await transaction.CommitAsync(cancel);
        }
        return await EscalationFacts.LoadAsync(db, escalationId, calendar, definitions.States, clock, cancel);
    }

    /// <summary>Registers an issued escalation's document in the caller's transaction (the approval's, or the first
    /// reading of a letter the engine issued): the next number of its series, once — a second call finds it taken.</summary>
    public async Task IssueEscalationAsync(WorkflowDbContext db, long escalationId, string? approvedBy, CancellationToken cancel)
    {
        await DocumentRegister.LockAsync(db, cancel);
        var escalation = await db.Escalations.SingleAsync(e => e.Id == escalationId, cancel);
        if (escalation.DocumentId is not null || escalation.Status != EscalationStatuses.Issued) return;
        var facts = (await EscalationFacts.LoadAsync(db, escalationId, calendar, definitions.States, clock, cancel))!;
        var entry = facts.Entry(options, approvedBy, escalation.DecidedAt ?? escalation.RaisedAt);
        var document = await DocumentRegister.IssueAsync(db, entry, seq => facts.NumberFor(seq, options), cancel);
        escalation.DocumentId = document.Id;
        await db.SaveChangesAsync(cancel);
    }

    /// <summary>The 简报 for <paramref name="month"/> (yyyy-MM); null if that month's briefing is not assembled.</summary>
    public async Task<GeneratedDocument?> BriefingAsync(string month, CancellationToken cancel = default)
    {
        if (!DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            throw new ArgumentException($"month '{month}' is not in the form yyyy-MM", nameof(month));
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var row = await db.Briefings.AsNoTracking().SingleOrDefaultAsync(b => b.Month == month, cancel);
        if (row is null) return null;
        var briefing = JsonSerializer.Deserialize<Briefing>(row.Content, BriefingJson)
            ?? throw new InvalidOperationException($"briefing {month}: its stored content is empty");
        // The month before, for the summary's comparison (none for the first briefing).
        var previousMonth = DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture).AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var previous = await db.Briefings.AsNoTracking().Where(b => b.Month == previousMonth).Select(b => b.Content).SingleOrDefaultAsync(cancel) is { } content
            ? JsonSerializer.Deserialize<Briefing>(content, BriefingJson)?.Totals
            : null;
        return BriefingDocument.Render(briefing, await BriefingNumberAsync(db, row.Id, cancel), options, previous);
    }

    /// <summary>The 期号 of a briefing, registered the first time it goes out: the briefings of a year are numbered from
    /// 第1期 in the order they are issued.</summary>
    private async Task<string> BriefingNumberAsync(WorkflowDbContext db, long briefingId, CancellationToken cancel)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        await DocumentRegister.LockAsync(db, cancel);
        var row = await db.Briefings.SingleAsync(b => b.Id == briefingId, cancel);
        if (row.DocumentId is { } registered)
            return await db.Documents.Where(d => d.Id == registered).Select(d => d.Number).SingleAsync(cancel);
        var month = DateOnly.ParseExact(row.Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var issued = ChinaTime.DateOf(UnixTime.ToChinaTime(row.AssembledAt));
        var entry = new RegisterEntry(DocumentKinds.Briefing, issued.Year, options.Office, $"{options.BriefingMasthead}（{month.Year}年{month.Month}月）",
            options.CircularAddressees, [], row.AssembledAt, null);
        var document = await DocumentRegister.IssueAsync(db, entry, seq => $"{issued.Year}年第{seq}期", cancel);
        row.DocumentId = document.Id;
        await db.SaveChangesAsync(cancel);
        await transaction.CommitAsync(cancel);
        return document.Number;
    }
}
