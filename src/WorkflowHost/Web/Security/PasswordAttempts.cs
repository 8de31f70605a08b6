using System.Threading.RateLimiting;

namespace WorkflowHost.Web.Security;

/// <summary>
/// Password attempts per user name (sign-in by name, the change-password form by the signed-in account), from any
/// address: the per-name half of the limits; the per-address half is the rate-limiting middleware
/// (<see cref="AttemptLimits"/>), which cannot see a name inside a request body. Unknown names are limited like known
/// ones, so a refusal says nothing about which names exist. Real time (the limiter's own clock), never the virtual one.
/// </summary>
public sealed class PasswordAttempts(WebOptions web) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(name =>
        RateLimitPartition.GetFixedWindowLimiter(name, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, web.PasswordAttemptsPerName),
            Window = TimeSpan.FromSeconds(Math.Max(1, web.PasswordAttemptWindowSeconds)),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Takes one attempt for <paramref name="userName"/> (compared case-insensitively, as Identity does);
    /// false, with how long to wait, when the name has used up its window.</summary>
    public bool TryTake(string userName, out TimeSpan retryAfter)
    {
        using var lease = _limiter.AttemptAcquire(userName.Trim().ToUpperInvariant());
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(web.PasswordAttemptWindowSeconds);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
