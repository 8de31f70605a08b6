using MailKit.Security;
using MimeKit;

namespace WorkflowHost.Infrastructure.Mail;

/// <summary>Section <c>WorkflowHost:Mail</c>. With no SMTP host configured, mail is written as .eml files into
/// <see cref="PickupFolder"/>, so a newcomer sees every message without a mail server.</summary>
public sealed class MailOptions
{
    public const string Section = "WorkflowHost:Mail";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Relative to the data folder; used when <see cref="SmtpOptions.Host"/> is empty.</summary>
    public string PickupFolder { get; set; } = "mail-pickup";

    public string From { get; set; } = "\"甘肃省安全生产治本攻坚三年行动工作专班\" <zhuanban@gansu.example>";

    /// <summary>The working group's mailbox: its daily digest goes here.</summary>
    public string WorkingGroupAddress { get; set; } = "zhuanban@gansu.example";

    /// <summary>The web app's address, for the links in every message.</summary>
    public string WebAppUrl { get; set; } = "http://localhost:5080";

    /// <summary>Local time (China) of the daily digest on working days.</summary>
    public TimeOnly DigestAt { get; set; } = new(9, 0);

    /// <summary>Attempts before a row is dead-lettered (status failed). A refusal (5xx) dead-letters at once.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The first retry waits this long; each further one twice as long, up to <see cref="RetryMaxSeconds"/>.</summary>
    public int RetryBaseSeconds { get; set; } = 60;

    public int RetryMaxSeconds { get; set; } = 3600;

    /// <summary>Rows sent over one connection before the dispatcher commits to the next batch.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>Messages handed to the server in one dispatcher run, at most: after a long stop the catch-up's letters
    /// leave at a steady rate (with the defaults 500 per 15 s, 2,000 a minute) instead of all at once, which mail
    /// relays answer by refusing the sender. 0 means no limit.</summary>
    public int MaxPerRun { get; set; } = 500;

    /// <summary>How often (real seconds) Quartz runs the dispatcher and checks whether a digest is due.</summary>
    public int PollSeconds { get; set; } = 15;

    /// <summary>Checks what would otherwise fail at 09:00: the addresses and the SMTP settings. Every problem, named.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!MailboxAddress.TryParse(From, out _)) problems.Add($"{Section}:From '{From}' is not a mail address");
        if (!MailboxAddress.TryParse(WorkingGroupAddress, out _) || !WorkingGroupAddress.Contains('@'))
            problems.Add($"{Section}:WorkingGroupAddress '{WorkingGroupAddress}' is not a mail address");
        if (!Uri.TryCreate(WebAppUrl, UriKind.Absolute, out _)) problems.Add($"{Section}:WebAppUrl '{WebAppUrl}' is not an absolute URL");
        if (MaxAttempts < 1) problems.Add($"{Section}:MaxAttempts must be at least 1 (is {MaxAttempts})");
        if (RetryBaseSeconds < 1 || RetryMaxSeconds < RetryBaseSeconds)
            problems.Add($"{Section}:RetryBaseSeconds must be at least 1 and RetryMaxSeconds at least as large (are {RetryBaseSeconds}, {RetryMaxSeconds})");
        if (BatchSize < 1) problems.Add($"{Section}:BatchSize must be at least 1 (is {BatchSize})");
        if (MaxPerRun < 0) problems.Add($"{Section}:MaxPerRun must be 0 (no limit) or more (is {MaxPerRun})");
        if (Smtp.Port is < 1 or > 65535) problems.Add($"{Section}:Smtp:Port {Smtp.Port} is not a TCP port");
        if (Smtp.Connections is < 1 or > 16) problems.Add($"{Section}:Smtp:Connections must be 1–16 (is {Smtp.Connections})");
        return problems;
    }
}

public sealed class SmtpOptions
{
    /// <summary>Empty: no server, use the pickup folder.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    /// <summary>None, Auto, SslOnConnect, StartTls or StartTlsWhenAvailable (MailKit's names).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTlsWhenAvailable;

    /// <summary>Empty: no authentication.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>A server slower than this for one command is treated as unreachable, and the rows retried later.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Connections a dispatcher run hands messages over on at once (1–16). A crash repeats at most one message
    /// per connection; relays that allow a sender only one connection need 1.</summary>
    public int Connections { get; set; } = 4;
}
