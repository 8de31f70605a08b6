using System.Diagnostics.Metrics;
using WorkflowHost.Infrastructure.Workflows;

namespace WorkflowHost.Benchmarks;

/// <summary>Listens to the engine's batch metrics (<see cref="EngineMetrics"/>) — or the outbox dispatcher's
/// (<see cref="Infrastructure.Mail.MailMetrics"/>) — while it lives, and sums them: time per phase, batches, timers
/// or messages. The storm's and the mail morning's profiles in the table come from here, not from hooks in the engine.</summary>
public sealed class BatchProfile : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, double> _milliseconds = [];
    private readonly Lock _gate = new();

    public static BatchProfile Mail() =>
        new(Infrastructure.Mail.MailMetrics.MeterName, Infrastructure.Mail.MailMetrics.PhaseInstrument, Infrastructure.Mail.MailMetrics.SentInstrument);

    public BatchProfile() : this(EngineMetrics.MeterName, EngineMetrics.PhaseInstrument, EngineMetrics.TimersInstrument)
    {
    }

    private BatchProfile(string meter, string phases, string counter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == meter) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (instrument.Name != phases) return;
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
            if (instrument.Name == counter) lock (_gate) Timers += value;
        });
        _listener.Start();
    }

    public long Batches { get; private set; }
    /// <summary>Timers handled by committed batches, or messages the mail server accepted.</summary>
    public long Timers { get; private set; }

    public TimeSpan Of(string phase)
    {
        lock (_gate) return TimeSpan.FromMilliseconds(_milliseconds.GetValueOrDefault(phase));
    }

    public void Dispose() => _listener.Dispose();
}
