using Microsoft.EntityFrameworkCore;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Web.Views;

namespace WorkflowHost.Web.Api;

/// <summary>The unit directory as stored: each unit's id (what 下达 names), its parent and its sub-units.</summary>
public static class UnitApi
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/units", async (IDbContextFactory<WorkflowDbContext> contexts, UnitContacts contacts, CancellationToken cancel) =>
        {
            await using var db = await contexts.CreateDbContextAsync(cancel);
            var units = await db.Units.AsNoTracking().OrderBy(u => u.Id).ToListAsync(cancel);
            var subUnits = units.Where(u => u.ParentId is not null).ToLookup(u => u.ParentId!.Value, u => u.Id);
            return TypedResults.Ok(units.Select(u => new
            {
                u.Id, u.Name, u.FullName, u.Kind, u.Email, contact = contacts.Of(u.Name)?.Person, phone = contacts.Of(u.Name)?.Phone, u.ParentId,
                subUnitIds = subUnits[u.Id].ToList(),
            }));
        }).WithTags("units").WithSummary("The unit directory: id, name, kind, mailbox, contact person and phone (from units.json), parent and sub-units");
}
