using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Calendar;
using WorkflowHost.Engine.Units;
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
/// <param name="directory">The unit directory, for the issuer's contact on a 督办函; none in a host without one.</param>
public sealed class DocumentService(IDbContextFactory<WorkflowDbContext> contexts, TimeProvider clock, WorkingCalendar calendar, WorkflowDefinitionCatalog definitions, DocumentOptions options,
    UnitDirectory? directory = null)
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
    public async Task<(LetterFacts Facts, GeneratedDocument Document)?> LetterAsync(long documentId, CancellationToken cancel = default) =>
        (await LettersAsync([documentId], cancel)).GetValueOrDefault(documentId) is { } facts ? (facts, RenderLetter(facts)) : null;

    /// <summary>The facts of several 督办函 at once, by register entry, to be rendered one by one (<see cref="RenderLetter"/>).</summary>
    public async Task<Dictionary<long, LetterFacts>> LettersAsync(IEnumerable<long> documentIds, CancellationToken cancel = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        return await LetterFacts.LoadAllAsync(db, documentIds, calendar, cancel);
    }

    /// <summary>A 督办函 as a document. The issuer is the office (found by its full name) or the unit that handed the
    /// work down (by its name); its contact is printed when the directory knows it.</summary>
    public GeneratedDocument RenderLetter(LetterFacts facts) =>
        EscalationDocuments.RenderLetter(facts, options, directory?.Find(facts.ParentUnitName ?? facts.Issuer(options))?.Contact);

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

    /// <summary>Registers a proposal the working group approved, in the approval's transaction, once its escalations are
    /// saved as issued: one document naming every unit still in it, under the next number of its series.</summary>
    public async Task<DocumentRow> IssueProposalAsync(WorkflowDbContext db, EscalationProposalRow proposal, long memberEscalationId, string approvedBy, CancellationToken cancel)
    {
        await DocumentRegister.LockAsync(db, cancel);
        var facts = (await EscalationFacts.LoadAsync(db, memberEscalationId, calendar, definitions.States, clock, cancel))!;
        var entry = facts.Entry(options, approvedBy, proposal.DecidedAt ?? UnixTime.Of(clock.GetUtcNow()));
        return await DocumentRegister.IssueAsync(db, entry, seq => facts.NumberFor(seq, options), cancel);
    }

    /// <summary>The 简报 for <paramref name="month"/> (yyyy-MM) as it stands — a draft (送审稿, unnumbered) until the working
    /// group issues it, then with its 期号; null if that month's briefing is not assembled.</summary>
    public async Task<GeneratedDocument?> BriefingAsync(string month, CancellationToken cancel = default)
    {
        if (!DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
            throw new ArgumentException($"month '{month}' is not in the form yyyy-MM", nameof(month));
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var row = await db.Briefings.AsNoTracking().SingleOrDefaultAsync(b => b.Month == month, cancel);
        if (row is null) return null;
        var briefing = Read(row);
        var number = row.DocumentId is { } id ? await db.Documents.Where(d => d.Id == id).Select(d => d.Number).SingleAsync(cancel) : null;
        return BriefingDocument.Render(briefing, number, options, await PreviousTotalsAsync(db, first, cancel), row.Summary);
    }

    /// <summary>The summary paragraph a briefing opens with: the working group's text, or the one composed from the
    /// month's figures (compared with the month before).</summary>
    public async Task<string?> BriefingSummaryAsync(string month, CancellationToken cancel = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        var row = await db.Briefings.AsNoTracking().SingleOrDefaultAsync(b => b.Month == month, cancel);
        if (row is null) return null;
        var first = DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return row.Summary ?? BriefingDocument.SummaryOf(Read(row), await PreviousTotalsAsync(db, first, cancel));
    }

    /// <summary>Issues a briefing: its 期号 is the next of the year's series, taken once — issuing again returns the
    /// same number. Briefings of a year are numbered from 第1期 in the order they are issued. Null: no such briefing.</summary>
    public async Task<string?> IssueBriefingAsync(string month, CancellationToken cancel = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        await DocumentRegister.LockAsync(db, cancel);
        var row = await db.Briefings.SingleOrDefaultAsync(b => b.Month == month, cancel);
        if (row is null) return null;
        if (row.DocumentId is { } registered)
            return await db.Documents.Where(d => d.Id == registered).Select(d => d.Number).SingleAsync(cancel);
        var now = clock.GetUtcNow();
        var issued = ChinaTime.DateOf(now);
        var entry = new RegisterEntry(DocumentKinds.Briefing, issued.Year, options.Office, $"{options.BriefingMasthead}（{PeriodMonths.Words(month)}）",
            options.CircularAddressees, [], UnixTime.Of(now), null);
        var document = await DocumentRegister.IssueAsync(db, entry, seq => $"{issued.Year}年第{seq}期", cancel);
        row.DocumentId = document.Id;
        await db.SaveChangesAsync(cancel);
        await transaction.CommitAsync(cancel);
        return document.Number;
    }

    private static Briefing Read(BriefingRow row) => JsonSerializer.Deserialize<Briefing>(row.Content, BriefingJson)
        ?? throw new InvalidOperationException($"briefing {row.Month}: its stored content is empty");

    private static async Task<BriefingTotals?> PreviousTotalsAsync(WorkflowDbContext db, DateOnly first, CancellationToken cancel)
    {
        var previousMonth = first.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var content = await db.Briefings.AsNoTracking().Where(b => b.Month == previousMonth).Select(b => b.Content).SingleOrDefaultAsync(cancel);
        return content is null ? null : JsonSerializer.Deserialize<Briefing>(content, BriefingJson)?.Totals;
    }
}
