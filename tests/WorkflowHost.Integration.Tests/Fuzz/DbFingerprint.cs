using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Integration.Tests.Fuzz;

/// <summary>
/// Every table of the product's model: its row count and a hash of all its rows, read through the provider. Two
/// fingerprints differ exactly when a row was added, removed or changed. Left out, because the product writes them on
/// a refused request by design: <c>audit</c> (refusals are audited) and <c>users</c> (a failed sign-in counts toward
/// lockout: access_failed_count, lockout_end, concurrency_stamp). Quartz's own tables are not in the model.
/// </summary>
public sealed record DbFingerprint(IReadOnlyDictionary<string, string> Tables)
{
    public static readonly string[] Excluded = ["audit", "users"];

    public static async Task<DbFingerprint> TakeAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().Except(Excluded).Order().ToList();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var result = new Dictionary<string, string>();
        foreach (var table in tables) result[table] = await HashAsync(connection, table);
        return new DbFingerprint(result);
    }

    /// <summary>The tables that differ, with both fingerprints; empty when none does.</summary>
    public string Diff(DbFingerprint after) => string.Join("; ", Tables.Keys.Union(after.Tables.Keys)
        .Where(t => Tables.GetValueOrDefault(t) != after.Tables.GetValueOrDefault(t))
        .Select(t => $"{t}: {Tables.GetValueOrDefault(t)} -> {after.Tables.GetValueOrDefault(t)}"));

    private static async Task<string> HashAsync(DbConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\"";
        await using var reader = await command.ExecuteReaderAsync();
        // Row hashes are sorted: the order a provider returns rows in is not part of the data.
        var rows = new List<string>();
        var line = new StringBuilder();
        while (await reader.ReadAsync())
        {
            line.Clear();
            for (var i = 0; i < reader.FieldCount; i++)
                line.Append(reader.GetValue(i) is byte[] bytes ? Convert.ToHexString(bytes) : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append('\u001f');
            rows.Add(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(line.ToString()))));
        }
        rows.Sort(StringComparer.Ordinal);
        var all = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(",", rows))))[..16];
        return $"{rows.Count} rows #{all}";
    }
}
