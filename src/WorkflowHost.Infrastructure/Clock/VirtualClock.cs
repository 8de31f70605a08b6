namespace WorkflowHost.Infrastructure.Clock;

/// <summary>
/// A clock that runs from a chosen instant at a chosen speed, and that an administrator (or a simulation) can move
/// forward. Moving it never goes back: timers already fired stay in the past.
/// </summary>
public sealed class VirtualClock : TimeProvider, IAdjustableClock
{
    private readonly TimeProvider _real;
    private readonly double _speed;
    private readonly Lock _lock = new();
    private DateTimeOffset _virtualAnchor;
    private DateTimeOffset _realAnchor;

    public VirtualClock(DateTimeOffset start, double speed = 1, TimeProvider? real = null)
    {
        if (speed < 0 || double.IsNaN(speed)) throw new ArgumentOutOfRangeException(nameof(speed), speed, "the speed must be zero (a stopped clock) or more");
        _real = real ?? System;
        _speed = speed;
        _virtualAnchor = start;
        _realAnchor = _real.GetUtcNow();
    }

    public double Speed => _speed;

    public override TimeZoneInfo LocalTimeZone => Engine.Calendar.ChinaTime.Zone;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            var elapsed = _real.GetUtcNow() - _realAnchor;
            return (_virtualAnchor + TimeSpan.FromTicks((long)(elapsed.Ticks * _speed))).ToUniversalTime();
        }
    }

    /// <summary>Moves the clock to <paramref name="instant"/>; refuses to move it back.</summary>
    public void MoveTo(DateTimeOffset instant)
    {
        lock (_lock)
        {
            var now = GetUtcNow();
            if (instant < now) throw new ArgumentOutOfRangeException(nameof(instant), instant, $"the virtual clock is at {now:O} and does not go back");
            _virtualAnchor = instant;
            _realAnchor = _real.GetUtcNow();
        }
    }
}
