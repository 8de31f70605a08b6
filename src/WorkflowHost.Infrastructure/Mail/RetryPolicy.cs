namespace WorkflowHost.Infrastructure.Mail;

/// <summary>Exponential backoff: the first retry after <see cref="MailOptions.RetryBaseSeconds"/>, each next one twice as
/// late, never later than <see cref="MailOptions.RetryMaxSeconds"/>; dead after <see cref="MailOptions.MaxAttempts"/>.</summary>
public static class RetryPolicy
{
    public static TimeSpan DelayAfter(int attempts, MailOptions options) => DelayAfter(attempts, options.RetryBaseSeconds, options.RetryMaxSeconds);

    /// <summary>The same doubling for anything retried (mail, and timers set aside as incidents).</summary>
    public static TimeSpan DelayAfter(int attempts, int baseSeconds, int maxSeconds)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var seconds = Math.Min((double)baseSeconds * Math.Pow(2, exponent), maxSeconds);
        return TimeSpan.FromSeconds(seconds);
    }

    public static bool IsExhausted(int attempts, MailOptions options) => attempts >= options.MaxAttempts;
}
