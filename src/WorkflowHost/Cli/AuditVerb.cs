using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Hosting;
using WorkflowHost.Infrastructure.Audit;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Cli;

/// <summary><c>audit verify</c>: walks the hash-chained audit log; exit 0 and the head hash when intact, exit 1 naming
/// the first entry that was changed, removed or reordered.</summary>
public static class AuditVerb
{
    public static Command Create(ProductSettings settings)
    {
        var verify = new Command("verify", "Check that no audit entry was changed, removed or reordered");
        verify.SetAction(async (_, cancel) =>
        {
            await using var services = EngineServiceProvider.Create(settings);
            await using var db = await services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync(cancel);
            await DatabaseSetup.MigrateAsync(db, cancel);
            var result = await AuditChain.VerifyAsync(db, cancel);
            if (!result.Intact)
            {
                Console.Error.WriteLine($"error: audit log broken: {result.Problem}");
                return ExitCodes.Failure;
            }
            Console.WriteLine($"ok: {result.Entries} audit entries, chain intact; head {result.Head}");
            return ExitCodes.Ok;
        });
        return new Command("audit", "The audit log of people's actions") { verify };
    }
}
