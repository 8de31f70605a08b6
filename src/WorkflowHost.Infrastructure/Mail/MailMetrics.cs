using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace WorkflowHost.Infrastructure.Mail;

/// <summary>
/// What the outbox dispatcher reports about its runs, like <see cref="Workflows.EngineMetrics"/> for timer batches:
/// how long it spent gathering the day's letters, composing messages, handing them to the server and committing
/// each one's outcome (tag: phase: bundle, compose, send, mark), and
/// how many messages the server accepted. The benchmark's mail morning reads its profile from here.
/// </summary>
public static class MailMetrics
{
    public const string MeterName = "WorkflowHost.Mail";
    public const string PhaseInstrument = "workflowhost.outbox.phase.duration";
    public const string SentInstrument = "workflowhost.outbox.sent";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<double> Phases = Meter.CreateHistogram<double>(PhaseInstrument, "ms", "time the outbox dispatcher spent in one phase (tag: phase)");
    private static readonly Counter<long> Sent = Meter.CreateCounter<long>(SentInstrument, "{message}", "messages the mail server accepted");

    /// <summary>Records the phase <paramref name="name"/> as lasting from <paramref name="since"/> (a <see cref="Stopwatch"/> timestamp) until now.</summary>
    internal static void Phase(string name, long since) =>
        Phases.Record(Stopwatch.GetElapsedTime(since).TotalMilliseconds, new KeyValuePair<string, object?>("phase", name));

    internal static void Phase(string name, TimeSpan lasted) =>
        Phases.Record(lasted.TotalMilliseconds, new KeyValuePair<string, object?>("phase", name));

    internal static void Accepted(int messages) => Sent.Add(messages);
}
