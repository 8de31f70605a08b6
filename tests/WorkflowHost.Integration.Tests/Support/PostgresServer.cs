using System.Diagnostics;
using Npgsql;

namespace WorkflowHost.Integration.Tests.Support;

/// <summary>
/// The real PostgreSQL server on loopback (Debian's package, started by .ci/start-postgres). Each test gets a database
/// of its own, dropped afterwards. <c>WORKFLOWHOST_TEST_POSTGRES</c> points the tests at another server.
/// </summary>
public static class PostgresServer
{
    private static readonly string AdminConnectionString =
        Environment.GetEnvironmentVariable("WORKFLOWHOST_TEST_POSTGRES")
        ?? "Host=127.0.0.1;Port=5432;Username=workflowhost;Password=workflowhost;Database=postgres";

    private static readonly SemaphoreSlim Starting = new(1, 1);
    private static bool _ready;

    public static async Task<TestDatabase> CreateDatabaseAsync()
    {
        await EnsureRunningAsync();
        var name = "wh_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"create database {name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name };
        return new TestDatabase(name, builder.ConnectionString, AdminConnectionString);
    }

    private static async Task EnsureRunningAsync()
    {
        await Starting.WaitAsync();
        try
        {
            if (_ready) return;
            if (!await CanConnectAsync())
            {
                var script = Path.Combine(RepoPaths.Root, ".ci", "start-postgres");
                using var start = Process.Start(new ProcessStartInfo("bash", [script]) { RedirectStandardError = true })!;
                var error = await start.StandardError.ReadToEndAsync();
                await start.WaitForExitAsync();
                if (!await CanConnectAsync())
                    throw new InvalidOperationException($"PostgreSQL is not reachable with '{AdminConnectionString}' and {script} could not start it (run `bash .ci/install-prerequisites` as root): {error}");
            }
            _ready = true;
        }
        finally
        {
            Starting.Release();
        }
    }

    private static async Task<bool> CanConnectAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(AdminConnectionString);
            await connection.OpenAsync();
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            return false;
        }
    }

    public sealed class TestDatabase(string name, string connectionString, string adminConnectionString) : IAsyncDisposable
    {
        public string ConnectionString { get; } = connectionString;

        public async Task<long> CountAsync(string sql)
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            return Convert.ToInt64(await command.ExecuteScalarAsync());
        }

        /// <summary>The product's configuration keys that put an in-process engine on this database.</summary>
        public Dictionary<string, string?> EngineSettings() => new()
        {
            ["WorkflowHost:Database:Provider"] = "PostgreSql",
            ["WorkflowHost:Database:ConnectionString"] = ConnectionString,
        };

        /// <summary>The first column of the first row as text; null when there is no row.</summary>
        public async Task<string?> TextAsync(string sql)
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            return (await command.ExecuteScalarAsync())?.ToString();
        }

        public async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(adminConnectionString);
            await admin.OpenAsync();
            // Forcing other sessions out can wait behind a busy server; a slow drop must not fail a test that passed.
            await using var drop = new NpgsqlCommand($"drop database if exists {name} with (force)", admin) { CommandTimeout = 180 };
            await drop.ExecuteNonQueryAsync();
        }
    }
}
