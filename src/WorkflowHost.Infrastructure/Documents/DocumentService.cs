using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Calendar;
using WorkflowHost.Engine.Workflows;
using WorkflowHost.Infrastructure.Briefings;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Infrastructure.Documents;

/// <summary>
/// The official documents the engine issues, as .docx: 督办函, 通报, 约谈通知 and 曝光 for an escalation, and the
/// monthly 简报. Generated on demand from the database, so the web app's download and the email's attachment are the
/// same file.
/// </summary>
public sealed class DocumentService(IDbContextFactory<WorkflowDbContext> contexts, TimeProvider clock, WorkingCalendar calendar, WorkflowDefinitionCatalog definitions, DocumentOptions options)
{
    private static readonly JsonSerializerOptions BriefingJson = new(JsonSerializerDefaults.Web);

    /// <summary>The document of an escalation, by its step; null if there is no such escalation.</summary>
    public async Task<GeneratedDocument?> EscalationAsync(long escalationId, CancellationToken cancel = default)
    {
        var facts = await EscalationFactsAsync(escalationId, cancel);
        return facts is null ? null : EscalationDocuments.Render(facts, options);
    }

    /// <summary>What the escalation's document and email say.</summary>
    public async Task<EscalationFacts?> EscalationFactsAsync(long escalationId, CancellationToken cancel = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        return await EscalationFacts.LoadAsync(db, escalationId, calendar, definitions.States, clock, cancel);
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
        return BriefingDocument.Render(briefing, options);
    }
}
