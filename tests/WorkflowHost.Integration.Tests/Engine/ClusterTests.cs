using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WorkflowHost.DataSets;
using WorkflowHost.Engine.Plans;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Workflows;
using WorkflowHost.Hosting;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Plans;
using WorkflowHost.Infrastructure.Workflows;
using WorkflowHost.Integration.Tests.Support;
using Xunit.Abstractions;

namespace WorkflowHost.Integration.Tests.Engine;

/// <summary>
/// Scale-out: three host processes on one PostgreSQL database, each with its own Quartz wake-up, sharing a storm of
/// 10,000 timers due within one second by claiming batches with <c>FOR UPDATE SKIP LOCKED</c>. One node is frozen
/// mid-batch (so the test can see which timers its open transaction holds) and killed there; the survivors finish,
/// every step happens exactly once, and the dead node's batch is redone by a survivor.
/// </summary>
public sealed class ClusterTests(ITestOutputHelper output) : IDisposable
{
    private const int Nodes = 3;
    private const int Victim = 1;
    private const int StormSize = 10_000;
    // 19 tasks share the storm's due date (see StormShape): 527 units (2 departments, 52 市州, 473 县区 handed down to)
    // give 10,013 deadline timers, trimmed to 10,000.
    private const int Units = 527;
    private static readonly Regex Handled = new(@"engine: (\d+) due timers handled on this node");
    private readonly List<TempFolder> _folders = [];

    public void Dispose()
    {
        foreach (var folder in _folders) folder.Dispose();
    }

    private TempFolder Folder()
    {
        var folder = new TempFolder();
        _folders.Add(folder);
        return folder;
    }

    [Fact]
    public async Task Three_nodes_share_a_storm_and_survive_one_killed_mid_batch()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        var product = ProductSettings.Load(RepoPaths.Root);
        var (plan, directory, importAt) = SyntheticPlan.Build(product, Units);
        var clockStart = importAt.AddMinutes(1);
        var name = new NpgsqlConnectionStringBuilder(database.ConnectionString).Database!;
        var bench = new BenchDatabase(product, Folder().Path, database.ConnectionString, name);

        // The national-scale shape at a small size: a synthetic plan, its deadline storm parked far ahead for now.
        StormShape storm;
        string[] expectedEvents;
        int expectedMails;
        long[] stormIds;
        await using (var services = bench.Services(importAt))
        {
            await services.PrepareDatabaseAsync();
            var runtime = services.GetRequiredService<WorkflowRuntime>();
            await using var db = await services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
            await new PlanImporter(db, runtime).ImportAsync(plan, directory);
            await SyntheticHandDown.RunAsync(services, default);
            storm = await StormShape.PrepareAsync(services, clockStart, default);
            Assert.True(storm.Timers >= StormSize, $"the storm has {storm.Timers} timers, fewer than {StormSize}");
            stormIds = await db.Timers.Where(t => t.Name == storm.Overdue.Name && t.Status == TimerStatus.Pending).OrderBy(t => t.Id)
                .Select(t => t.Id).Take(StormSize).ToArrayAsync();
            await Sql(database, "update timers set due_at = due_at + 3153600000000 where name = @name and status = 0", ("name", storm.Overdue.Name));

            // What one firing must write, by the rules: the storm's assignments are all freshly imported, in one state.
            var states = await db.Assignments.Where(a => db.Timers.Any(t => stormIds.Contains(t.Id) && t.AssignmentId == a.Id))
                .Select(a => new { a.State, a.PastDue, a.MissedReports, a.DefinitionId, a.DefinitionVersion }).Distinct().ToListAsync();
            var only = Assert.Single(states);
            var definition = runtime.Definitions.Get(only.DefinitionId!, only.DefinitionVersion);
            var approval = definition.Deadline?.Escalations.FirstOrDefault(e => e.Step == "overdue")?.Approval;
            var outcome = TimerRules.Decide(definition, StepKind.Overdue, approval, new AssignmentState(only.State!, only.PastDue, only.MissedReports, false),
                runtime.Options.AutoApproveEscalations);
            Assert.False(outcome.Skipped);
            expectedEvents = outcome.Events.Select(e => e.Name).Order(StringComparer.Ordinal).ToArray();
            expectedMails = outcome.Events.Count(e => e.Notify);
        }
        Assert.Equal(StormSize, stormIds.Length);

        // Three nodes, started one after another (the first migrates nothing new; each sees the same schema).
        var hosts = new List<RunningHost>();
        try
        {
            for (var i = 0; i < Nodes; i++)
                hosts.Add(await RunningHost.StartAsync(Folder().Path, Node(database, i, clockStart)));

            // 10,000 timers due within one second: every node's clock is past clockStart, so all are due at once.
            await Sql(database, """
                update timers t set due_at = @start + (s.n % 1000)
                from (select id, row_number() over (order by id) as n from timers where id = any(@ids)) s
                where t.id = s.id
                """, ("start", UnixTime.Of(clockStart)), ("ids", stormIds));

            using var sampling = new CancellationTokenSource();
            var concurrency = MostNodesHoldingBatchesAsync(database, stormIds, sampling.Token);
            var pid = hosts[Victim].ProcessId;
            var inFlight = await FreezeMidBatchAsync(database, pid, stormIds);
            hosts[Victim].Kill();

            await WaitAsync(async () => await database.CountAsync(Count(stormIds, "status = 0")) == 0, "the survivors did not finish the storm");
            await sampling.CancelAsync();
            var mostAtOnce = await concurrency;
            var survivors = Enumerable.Range(0, Nodes).Where(i => i != Victim).ToList();
            await WaitAsync(() => Task.FromResult(survivors.All(i => Handled.IsMatch(hosts[i].Output))), "a survivor never reported its share");

            // Every storm timer fired, none still due, the dead node's batch among them.
            Assert.Equal(StormSize, await database.CountAsync(Count(stormIds, $"status = {(int)TimerStatus.Fired}")));
            Assert.Equal(0, await database.CountAsync($"select count(*) from timers where status = 0 and due_at <= {UnixTime.Of(clockStart) + 1000}"));
            Assert.NotEmpty(inFlight);
            Assert.Equal(inFlight.Length, await database.CountAsync(Count(inFlight, $"status = {(int)TimerStatus.Fired}")));

            // Exactly once: the rules' events per timer, no (timer, event) twice, no outbox key twice, one next step each.
            Assert.Equal(0, await database.CountAsync("select count(*) from (select timer_id, event from journal where timer_id is not null group by 1, 2 having count(*) > 1) d"));
            Assert.Equal(StormSize * (long)expectedEvents.Length, await database.CountAsync(Journal(stormIds)));
            Assert.Equal(StormSize, await database.CountAsync($"""
                select count(*) from (select timer_id, string_agg(event, ',' order by event collate "C") as events from journal
                where timer_id = any(array[{string.Join(',', stormIds)}]::bigint[]) group by 1) p where events = '{string.Join(',', expectedEvents)}'
                """));
            Assert.Equal(inFlight.Length * (long)expectedEvents.Length, await database.CountAsync(Journal(inFlight)));
            Assert.Equal(0, await database.CountAsync("select count(*) from (select key from outbox group by key having count(*) > 1) d"));
            Assert.Equal(StormSize * (long)expectedMails, await database.CountAsync($"""
                select count(*) from outbox where key in (select 'timer:' || id || ':' || e from unnest(array[{string.Join(',', stormIds)}]::bigint[]) id,
                unnest(array['{string.Join("','", expectedEvents)}']) e)
                """));
            Assert.Equal(StormSize, await database.CountAsync($"""
                select count(distinct n.assignment_id) from timers n join timers s on s.assignment_id = n.assignment_id
                where n.name = '{storm.Letter.Name}' and n.status = 0 and s.id = any(array[{string.Join(',', stormIds)}]::bigint[])
                """));
            Assert.Equal(StormSize, await database.CountAsync($"select count(*) from timers where name = '{storm.Letter.Name}'"));

            // Each survivor did part of the storm (its own log line; the killed node's share ended with it).
            var shares = survivors.Select(i => Handled.Matches(hosts[i].Output).Sum(m => long.Parse(m.Groups[1].Value))).ToList();
            output.WriteLine($"killed node held {inFlight.Length} claimed timers; survivors handled {string.Join(" + ", shares)}; at most {mostAtOnce} nodes held batches at once");
            Assert.True(mostAtOnce >= 2, "the nodes never ran batches at the same time");
            Assert.All(shares, share => Assert.True(share > 0, $"a survivor did nothing: shares {string.Join(", ", shares)}"));
            Assert.InRange(shares.Sum(), inFlight.Length, StormSize);
        }
        finally
        {
            foreach (var host in hosts) await host.DisposeAsync();
        }
    }

    private static Dictionary<string, string> Node(PostgresServer.TestDatabase database, int index, DateTimeOffset clockStart) => new()
    {
        ["WorkflowHost__Database__Provider"] = "PostgreSql",
        // The application name lets the test find this node's sessions in pg_stat_activity.
        ["WorkflowHost__Database__ConnectionString"] = $"{database.ConnectionString};Application Name={NodeName(index)}",
        ["WorkflowHost__Plan"] = "",
        ["WorkflowHost__Clock__Mode"] = "Virtual",
        ["WorkflowHost__Clock__Start"] = clockStart.ToString("O"),
        ["WorkflowHost__Clock__Speed"] = "1",
        ["WorkflowHost__Engine__BatchSize"] = "50",
        ["WorkflowHost__Engine__PollSeconds"] = "1",
    };

    private static string NodeName(int index) => $"wh-node-{index}";

    /// <summary>Freezes the victim while its transaction holds claimed storm timers, and returns them. Tries again
    /// (thawing it) when the freeze caught it between batches.</summary>
    private static async Task<long[]> FreezeMidBatchAsync(PostgresServer.TestDatabase database, int pid, long[] stormIds)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            var done = await database.CountAsync(Count(stormIds, "status <> 0"));
            if (done == StormSize) break;
            if (done < StormSize / 5)
            {
                await Task.Delay(20);
                continue;
            }
            ProcessSignals.Freeze(pid);
            // Whatever the node sent before it froze finishes on the server; then its session is idle in transaction.
            // A statement waiting for a lock (Quartz's, held by a frozen sibling connection) may wait for ever: not ours.
            // Nor one waiting for the frozen client itself (a binary COPY caught half sent waits in ClientRead).
            await WaitAsync(async () => await database.CountAsync($"""
                select count(*) from pg_stat_activity
                where application_name = '{NodeName(Victim)}' and state = 'active'
                  and wait_event_type is distinct from 'Lock' and wait_event_type is distinct from 'Client'
                """) == 0, "the frozen node's statement never finished");
            var held = await LongsAsync(database, $"""
                select t.id from timers t join pg_stat_activity a on a.backend_xid = t.xmax
                where a.application_name = '{NodeName(Victim)}' and t.status = 0 and t.id = any(array[{string.Join(',', stormIds)}]::bigint[])
                """);
            if (held.Length > 0) return held;
            ProcessSignals.Thaw(pid);
            await Task.Delay(5);
        }
        throw new InvalidOperationException("the victim never held a batch of the storm (it finished too soon or never started)");
    }

    /// <summary>Samples, until cancelled, how many nodes hold claimed storm timers in open transactions at one instant;
    /// returns the most seen (2 or 3 when the nodes share the storm, 1 if they took turns).</summary>
    private static async Task<long> MostNodesHoldingBatchesAsync(PostgresServer.TestDatabase database, long[] stormIds, CancellationToken stop)
    {
        var most = 0L;
        var sql = $"""
            select count(distinct a.application_name) from timers t join pg_stat_activity a on a.backend_xid = t.xmax
            where a.application_name like 'wh-node-%' and t.status = 0 and t.id = any(array[{string.Join(',', stormIds)}]::bigint[])
            """;
        while (!stop.IsCancellationRequested)
        {
            most = Math.Max(most, await database.CountAsync(sql));
            try { await Task.Delay(10, stop); } catch (OperationCanceledException) { break; }
        }
        return most;
    }

    private static string Count(long[] ids, string condition) =>
        $"select count(*) from timers where id = any(array[{string.Join(',', ids)}]::bigint[]) and {condition}";

    private static string Journal(long[] ids) =>
        $"select count(*) from journal where timer_id = any(array[{string.Join(',', ids)}]::bigint[])";

    private static async Task WaitAsync(Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException(failure);
            await Task.Delay(50);
        }
    }

    private static async Task Sql(PostgresServer.TestDatabase database, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (parameter, value) in parameters) command.Parameters.AddWithValue(parameter, value);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long[]> LongsAsync(PostgresServer.TestDatabase database, string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetInt64(0));
        return ids.ToArray();
    }
}
