using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WorkflowHost.DataSets;
using WorkflowHost.Engine.Calendar;
using WorkflowHost.Hosting;
using WorkflowHost.Infrastructure.Documents;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Plans;
using WorkflowHost.Infrastructure.Workflows;
using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Engine;

/// <summary>
/// 发文登记 under concurrency, on both databases: many issuers at once take each number of a series once, a rolled-back
/// issue gives its number back (no gap), and many first readers of one issued document register it once.
/// </summary>
public sealed class DocumentRegisterConcurrencyTests : IDisposable
{
    private const int Issuers = 24;
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public Task On_SQLite_concurrent_issuers_take_each_number_once_without_gaps() =>
        RunAsync(BenchDatabase.Sqlite(ProductSettings.Load(RepoPaths.Root), _data.Path));

    [Fact]
    public async Task On_PostgreSQL_concurrent_issuers_take_each_number_once_without_gaps()
    {
        await using var server = await PostgresServer.CreateDatabaseAsync();
        var name = new NpgsqlConnectionStringBuilder(server.ConnectionString).Database!;
        await RunAsync(new BenchDatabase(ProductSettings.Load(RepoPaths.Root), _data.Path, server.ConnectionString, name));
        NpgsqlConnection.ClearAllPools();
    }

    private static async Task RunAsync(BenchDatabase database)
    {
        var product = ProductSettings.Load(RepoPaths.Root);
        var (plan, directory, _) = SyntheticPlan.Build(product, 20);
        var at = ChinaTime.At(new DateOnly(2024, 3, 1), new TimeOnly(9, 0));
        await using var services = database.Services(at);
        await services.PrepareDatabaseAsync();
        var contexts = services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        long escalationId;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            await new PlanImporter(db, services.GetRequiredService<WorkflowRuntime>()).ImportAsync(plan, directory);
            var escalation = new EscalationRow { AssignmentId = await db.Assignments.OrderBy(a => a.Id).Select(a => a.Id).FirstAsync(), Step = "summons", RaisedAt = UnixTime.Of(at), Status = EscalationStatuses.Issued };
            db.Escalations.Add(escalation);
            await db.SaveChangesAsync();
            escalationId = escalation.Id;
        }

        // Every fourth issuer fails after taking its number and rolls back.
        var taken = await Task.WhenAll(Enumerable.Range(0, Issuers).Select(i => Task.Run(async () =>
        {
            await using var db = await contexts.CreateDbContextAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var entry = new RegisterEntry("circular", 2024, "甘肃省安全生产委员会办公室", $"第{i}份", "省安委会各成员单位", [i], UnixTime.Of(at), "zhuanban");
            var row = await DocumentRegister.IssueAsync(db, entry, seq => $"甘安委办通报〔2024〕{seq}号", default);
            if (i % 4 == 3)
            {
                await transaction.RollbackAsync();
                return (int?)null;
            }
            await transaction.CommitAsync();
            return row.Seq;
        })));
        var committed = taken.OfType<int>().Order().ToList();
        Assert.Equal(Enumerable.Range(1, Issuers - Issuers / 4), committed);
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var numbers = await db.Documents.Where(d => d.Kind == "circular").OrderBy(d => d.Seq).Select(d => d.Number).ToListAsync();
            Assert.Equal(committed.Select(n => $"甘安委办通报〔2024〕{n}号"), numbers);
        }

        // One 约谈通知 issued without approval, first read by many at once (its mail, downloads): one number.
        var documents = services.GetRequiredService<DocumentService>();
        var read = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () => (await documents.EscalationFactsAsync(escalationId))!.Number)));
        Assert.Equal(["甘安委办约谈〔2024〕1号"], read.Distinct());
        await using (var db = await contexts.CreateDbContextAsync())
            Assert.Equal(1, await db.Documents.CountAsync(d => d.Kind == "summons"));
    }
}
