using Microsoft.AspNetCore.Mvc;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows;
using WorkflowHost.Web.Actions;
using WorkflowHost.Web.Security;
using WorkflowHost.Web.Views;

namespace WorkflowHost.Web.Pages.Board;

/// <summary>专班看板: the numbers, and every item waiting for the working group, each one click from its decision.</summary>
public sealed class IndexModel(DashboardQueries queries, ProposalQueries proposals, IncidentAdministration incidents) : BoardPage(queries)
{
    /// <summary>Shown on the board: the newest open incidents, and how many there are.</summary>
    public const int IncidentsShown = 20;

    public IReadOnlyList<IncidentEntry> Incidents { get; private set; } = [];
    public int IncidentCount { get; private set; }
    /// <summary>Proposals awaiting the working group and the units they name; decided on their own page.</summary>
    public (int Count, int Units) Proposals { get; private set; }

    protected override async Task LoadAsync(CancellationToken cancel)
    {
        await base.LoadAsync(cancel);
        Proposals = await proposals.AwaitingCountAsync(cancel);
        IncidentCount = await incidents.OpenCountAsync(cancel);
        if (IncidentCount > 0) Incidents = await incidents.ListAsync(IncidentStatus.Open, IncidentsShown, cancel: cancel);
    }
}
