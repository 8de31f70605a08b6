using System.Diagnostics.Metrics;
using WorkflowHost.Infrastructure.Workflows;

namespace WorkflowHost.Benchmarks;

/// <summary>Listens to the engine's batch metrics (<see cref="EngineMetrics"/>) while it lives, and sums them: time
/// per phase, batches, timers. The storm's profile in the table comes from here, not from hooks in the engine.</summary>
public sealed class BatchProfile : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, double> _milliseconds = [];
    private readonly Lock _gate = new();

    public BatchProfile()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == EngineMetrics.MeterName) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (instrument.Name != EngineMetrics.PhaseInstrument) return;
            var phase = "";
            foreach (var tag in tags) if (tag.Key == "phase") phase = tag.Value as string ?? "";
            lock (_gate)
            {
                _milliseconds[phase] = _milliseconds.GetValueOrDefault(phase) + value;
                if (phase == "commit") Batches++;
            }
        });
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == EngineMetrics.TimersInstrument) lock (_gate) Timers += value;
        });
        _listener.Start();
    }

    public long Batches { get; private set; }
    public long Timers { get; private set; }

    public TimeSpan Of(string phase)
    {
        lock (_gate) return TimeSpan.FromMilliseconds(_milliseconds.GetValueOrDefault(phase));
    }

    public void Dispose() => _listener.Dispose();
}
