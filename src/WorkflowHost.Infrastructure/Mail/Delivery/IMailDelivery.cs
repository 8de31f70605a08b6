using MimeKit;

namespace WorkflowHost.Infrastructure.Mail.Delivery;

/// <summary>Where messages go: an SMTP server, or the pickup folder. A batch opens one session (one connection).</summary>
public interface IMailDelivery
{
    /// <summary>Throws <see cref="MailDeliveryException"/> (transient) when the server cannot be reached.</summary>
    Task<IMailSession> OpenAsync(CancellationToken cancel);
}

public interface IMailSession : IAsyncDisposable
{
    /// <summary>Returns once the server (or the folder) has accepted the message; otherwise throws
    /// <see cref="MailDeliveryException"/>.</summary>
    Task SendAsync(MimeMessage message, CancellationToken cancel);
}

/// <summary>A message that could not be delivered. <see cref="Permanent"/>: the server refused it (5xx), so trying
/// again would only be refused again; otherwise (unreachable, slow, 4xx) it is retried later.</summary>
public sealed class MailDeliveryException(string message, bool permanent, Exception? inner = null) : Exception(message, inner)
{
    public bool Permanent { get; } = permanent;
}
