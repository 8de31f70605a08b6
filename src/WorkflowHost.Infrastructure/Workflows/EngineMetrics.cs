using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace WorkflowHost.Infrastructure.Workflows;

/// <summary>
/// What the engine reports about its timer batches, through <see cref="System.Diagnostics.Metrics"/>: how long each
/// phase of a batch took (claim, read, decide, write, commit) and how many timers a committed batch handled. Nothing
/// is kept in the engine; with no listener a record costs next to nothing. The benchmark listens and prints the
/// storm's profile; an operator can read the same with <c>dotnet-counters</c> or OpenTelemetry (meter
/// <see cref="MeterName"/>).
/// </summary>
public static class EngineMetrics
{
    public const string MeterName = "WorkflowHost.Engine";
    public const string PhaseInstrument = "workflowhost.timer_batch.phase.duration";
    public const string TimersInstrument = "workflowhost.timer_batch.timers";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<double> Phases = Meter.CreateHistogram<double>(PhaseInstrument, "ms", "time a timer batch spent in one phase (tag: phase)");
    private static readonly Counter<long> Timers = Meter.CreateCounter<long>(TimersInstrument, "{timer}", "timers handled by committed batches");

    /// <summary>Records the phase <paramref name="name"/> as lasting from <paramref name="since"/> (a <see cref="Stopwatch"/> timestamp) until now.</summary>
    internal static void Phase(string name, long since) =>
        Phases.Record(Stopwatch.GetElapsedTime(since).TotalMilliseconds, new KeyValuePair<string, object?>("phase", name));

    internal static void Committed(int timers) => Timers.Add(timers);
}
