using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CsCheck;
using Xunit.Abstractions;

namespace WorkflowHost.Integration.Tests.Fuzz;

/// <summary>
/// Every operation of /openapi/v1.json, fuzzed with CsCheck from a fixed seed (the same requests on every run, so a
/// failure reproduces): no 5xx, a problem (application/problem+json) on every 4xx under /api, and nothing refused
/// changes the database (<see cref="DbFingerprint"/>).
/// </summary>
[Collection(FuzzHostCollection.Name)]
public sealed class ApiFuzzTests(FuzzHostFixture host, ITestOutputHelper output)
{
    public const ulong Seed = 20261203;
    public const int CasesPerOperation = 40;

    [Fact]
    public async Task Every_operation_refuses_hostile_input_with_a_problem_and_changes_nothing_refused()
    {
        var clock = Stopwatch.StartNew();
        var clients = new Dictionary<string, HttpClient>
        {
            ["yjt-clerk"] = await host.SignedInAsync("yjt-clerk"),
            ["zhuanban"] = await host.SignedInAsync("zhuanban"),
            ["anonymous"] = host.Anonymous(),
        };
        Assert.True(await host.StopSchedulersAsync() >= 2, "the engine's and the mail's schedulers must stop: the fingerprint would see their work");
        var operations = FuzzOperations.Read(await clients["anonymous"].GetStringAsync("/openapi/v1.json"));
        Assert.True(operations.Count >= 15, $"the OpenAPI document lists only {operations.Count} operations");
        var ids = await FindIdsAsync(clients["zhuanban"], clients["yjt-clerk"]);

        var failures = new List<string>();
        var sent = 0;
        foreach (var operation in operations)
        {
            // A GET changes nothing but the audit table, so its refusals are checked as one batch (fast); a POST is checked
            // request by request, since an accepted one may change data and must not hide a refused one's change.
            var batch = operation.Method == HttpMethod.Get;
            var statuses = new SortedDictionary<int, int>();
            var before = await DbFingerprint.TakeAsync(host.Services);
            var refusedInBatch = new List<string>();
            foreach (var request in Cases(operation, ids))
            {
                var (status, mediaType, body) = await SendAsync(clients[request.Actor], request);
                sent++;
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                var after = batch ? before : await DbFingerprint.TakeAsync(host.Services);
                if (Check(request, status, mediaType, body, before, after) is { } problem) failures.Add(problem);
                if (batch && status is >= 400 and < 500) refusedInBatch.Add(request.ToString());
                before = after;
            }
            if (batch)
            {
                var changed = before.Diff(await DbFingerprint.TakeAsync(host.Services));
                if (changed != "") failures.Add($"{operation.Name}: GET requests changed the database ({changed}); refused among them: {string.Join(" | ", refusedInBatch.Take(5))}");
            }
            output.WriteLine($"{operation.Name} ({operation.BodyMediaType ?? "no body"}): {string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"))}");
        }

        output.WriteLine($"{operations.Count} operations, {sent} requests in {clock.Elapsed.TotalSeconds:F1} s; seed {Seed}");
        foreach (var line in failures) output.WriteLine("FAILED: " + line);
        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n" + string.Join("\n", failures.Take(30)));
    }

    /// <summary>The same requests every run: one CsCheck sample of an array, drawn from the fixed seed.</summary>
    private static FuzzRequest[] Cases(FuzzOperation operation, FuzzIds ids) =>
        FuzzRequests.For(operation, ids).Array[CasesPerOperation].Generate(new PCG(1, Seed + (ulong)operation.Name.Length), null, out _);

    private static string? Check(FuzzRequest request, int status, string? mediaType, string body, DbFingerprint before, DbFingerprint after)
    {
        var what = $"{request} → {status} {mediaType} {FuzzRequest.Shorten(body, 300)}";
        if (status >= 500) return "server error: " + what;
        if (status is >= 400 and < 500)
        {
            if (request.Url.StartsWith("/api") && mediaType != "application/problem+json") return "4xx without problem details: " + what;
            var changed = before.Diff(after);
            if (changed != "") return $"refused but the database changed ({changed}): {what}";
        }
        return null;
    }

    private static async Task<(int Status, string? MediaType, string Body)> SendAsync(HttpClient client, FuzzRequest request)
    {
        try
        {
            using var message = request.ToMessage();
            using var response = await client.SendAsync(message);
            var body = await response.Content.ReadAsStringAsync();
            return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or IOException)
        {
            return (599, null, "the request failed in the client: " + e.GetType().Name + ": " + e.Message);
        }
    }

    private static async Task<FuzzIds> FindIdsAsync(HttpClient group, HttpClient clerk)
    {
        var own = (await clerk.GetFromJsonAsync<JsonElement>("/api/assignments")).EnumerateArray().Select(a => a.GetProperty("id").GetInt64()).ToList();
        var all = (await group.GetFromJsonAsync<JsonElement>("/api/assignments")).EnumerateArray().Select(a => a.GetProperty("id").GetInt64()).ToList();
        var dashboard = await group.GetFromJsonAsync<JsonElement>("/api/dashboard");
        var escalations = dashboard.GetProperty("escalationsAwaiting").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).ToList();
        // A few of the clerk's own, a few of another unit's (403), and 1 where a list is empty so a generator has a value.
        List<long> assignments = [.. own.Take(6), .. all.Except(own).Take(3)];
        return new FuzzIds(assignments, escalations.Count > 0 ? escalations.Take(4).ToList() : [1], [1, 2]);
    }
}
