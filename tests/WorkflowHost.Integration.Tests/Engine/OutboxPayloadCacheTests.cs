using System.Text.Json;
using WorkflowHost.Infrastructure.Workflows;

namespace WorkflowHost.Integration.Tests.Engine;

/// <summary>The storm's notification payloads are serialised once per key, and read exactly as serialising each time.</summary>
public sealed class OutboxPayloadCacheTests
{
    [Fact]
    public void Payload_is_the_serialised_object_and_is_kept_once_per_key()
    {
        var cache = new OutboxPayloadCache();
        var due = new DateOnly(2024, 12, 31);

        var first = cache.For(7, "overdue", "deadline-overdue", due);
        var again = cache.For(7, "overdue", "deadline-overdue", due);
        var otherTask = cache.For(8, "overdue", "deadline-overdue", due);
        var noDueDate = cache.For(7, "overdue", "deadline-overdue", null);

        Assert.Equal(JsonSerializer.Serialize(new { task = 7, step = "overdue", timer = "deadline-overdue", dueDate = (DateOnly?)due }), first);
        Assert.Equal("""{"task":7,"step":"overdue","timer":"deadline-overdue","dueDate":"2024-12-31"}""", first);
        Assert.Same(first, again);
        Assert.Contains("\"task\":8", otherTask);
        Assert.Contains("\"dueDate\":null", noDueDate);
        Assert.Equal(3, cache.Count);
    }
}
