using System.Collections.Concurrent;
using System.Diagnostics;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Infrastructure.Mail;

/// <summary>
/// The outcomes of a batch — composed, sent or failed — committed together: whoever commits first commits every
/// outcome recorded by then, so several connections cost about one commit per round of messages, not one per
/// message. The rows are changed only here, under the lock, so the context is never used by two threads at once.
/// It also sums where the time went: composing and sending overlap, so each is the sum over its threads.
/// </summary>
internal sealed class OutcomeCommits(WorkflowDbContext db)
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly ConcurrentQueue<Action> _recorded = new();
    private long _queued, _committed, _composingTicks, _sendingTicks;

    public TimeSpan Composing => TimeSpan.FromTicks(Interlocked.Read(ref _composingTicks));

    public TimeSpan Sending => TimeSpan.FromTicks(Interlocked.Read(ref _sendingTicks));

    /// <summary>Time spent committing (the lock serialises it, so it is wall time).</summary>
    public TimeSpan Marking { get; private set; }

    public void Spent(TimeSpan composing = default, TimeSpan sending = default)
    {
        Interlocked.Add(ref _composingTicks, composing.Ticks);
        Interlocked.Add(ref _sendingTicks, sending.Ticks);
    }

    /// <summary>Returns once <paramref name="outcome"/> is applied to its row and committed.</summary>
    public async Task RecordAsync(Action outcome)
    {
        // Queued before its ticket is taken: whoever reads the count below finds every outcome up to it queued.
        _recorded.Enqueue(outcome);
        var ticket = Interlocked.Increment(ref _queued);
        await _lock.WaitAsync(CancellationToken.None);
        try
        {
            if (_committed >= ticket) return;
            var upTo = Interlocked.Read(ref _queued);
            while (_recorded.TryDequeue(out var recorded)) recorded();
            var saving = Stopwatch.GetTimestamp();
            await db.SaveChangesAsync(CancellationToken.None);
            Marking += Stopwatch.GetElapsedTime(saving);
            _committed = upTo;
        }
        finally
        {
            _lock.Release();
        }
    }
}
