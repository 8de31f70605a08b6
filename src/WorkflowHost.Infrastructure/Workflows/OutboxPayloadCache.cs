using System.Collections.Concurrent;
using System.Text.Json;

namespace WorkflowHost.Infrastructure.Workflows;

/// <summary>
/// The JSON payload of a timer's notification, serialised once per (task, step, timer, due date) rather than once per
/// firing: a deadline storm fires hundreds of thousands of timers that share a few dozen such payloads, and the
/// serialisation was most of the batch's in-memory "decide" time. The text is exactly what serialising each time gives.
/// Bounded by the plan (its tasks × their steps × their due dates), so it never needs evicting.
/// </summary>
public sealed class OutboxPayloadCache
{
    private readonly ConcurrentDictionary<(int TaskNo, string Step, string Timer, DateOnly? DueDate), string> _payloads = new();

    public string For(int taskNo, string step, string timer, DateOnly? dueDate) =>
        _payloads.GetOrAdd((taskNo, step, timer, dueDate), static key =>
            JsonSerializer.Serialize(new { task = key.TaskNo, step = key.Step, timer = key.Timer, dueDate = key.DueDate }));

    public int Count => _payloads.Count;
}
