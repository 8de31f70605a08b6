using Microsoft.EntityFrameworkCore;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Web.Views;

/// <summary>The names the office knows people by (「省应急厅联络员」), for the sign-in names a page would otherwise show.</summary>
public static class PeopleNames
{
    /// <summary>Display name by sign-in name, for those of <paramref name="accounts"/> that have one.</summary>
    public static async Task<Dictionary<string, string>> OfAsync(WorkflowDbContext db, IReadOnlyCollection<string> accounts, CancellationToken cancel)
    {
        var people = await db.Users.AsNoTracking().Where(u => accounts.Contains(u.UserName!)).Select(u => new { u.UserName, u.DisplayName }).ToListAsync(cancel);
        return people.Where(p => p.DisplayName.Length > 0).ToDictionary(p => p.UserName!, p => p.DisplayName);
    }
}
