namespace WorkflowHost.Infrastructure.Dashboard;

/// <summary>
/// A value computed by an expensive query, kept for at most <see cref="MaxAge"/>: callers get the last value; the
/// first caller after it expires recomputes, the others wait for that one computation rather than starting their own
/// (single flight). Used for dashboard figures that would otherwise read hundreds of thousands of index entries per
/// page view.
/// </summary>
public sealed class RecountedSnapshot<T>(Func<CancellationToken, Task<T>> compute, TimeProvider clock, TimeSpan maxAge)
{
    private readonly SemaphoreSlim _recount = new(1, 1);
    private (T Value, DateTimeOffset At)? _last;

    public TimeSpan MaxAge => maxAge;

    /// <summary>The value and when it was computed (by <c>clock</c>), never older than <see cref="MaxAge"/>.</summary>
    public async Task<(T Value, DateTimeOffset At)> GetAsync(CancellationToken cancel = default)
    {
        if (_last is { } fresh && clock.GetUtcNow() - fresh.At < maxAge) return fresh;
        await _recount.WaitAsync(cancel);
        try
        {
            if (_last is { } recounted && clock.GetUtcNow() - recounted.At < maxAge) return recounted;
            var at = clock.GetUtcNow();
            var value = await compute(cancel);
            _last = (value, at);
            return (value, at);
        }
        finally
        {
            _recount.Release();
        }
    }
}
