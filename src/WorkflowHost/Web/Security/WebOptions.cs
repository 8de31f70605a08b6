namespace WorkflowHost.Web.Security;

/// <summary>Section <c>WorkflowHost:Web</c>.</summary>
public sealed class WebOptions
{
    public const string Section = "WorkflowHost:Web";

    /// <summary>Minutes without a request after which a session ends.</summary>
    public int SessionMinutes { get; set; } = 30;

    /// <summary>Hours after sign-in at which a session ends even if it was never idle; 0 turns the limit off.</summary>
    public int AbsoluteSessionHours { get; set; } = 8;

    /// <summary>Days after which a password must be changed before anything else; 0 turns the rule off.</summary>
    public int PasswordMaxAgeDays { get; set; } = 90;

    /// <summary>Failed sign-ins in a row that lock an account, and for how long.</summary>
    public int MaxFailedSignIns { get; set; } = 5;
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>Password attempts (sign-in, page and API, and the change-password form) one client address may make
    /// per <see cref="PasswordAttemptWindowSeconds"/>: bounds how many accounts one address can probe or lock. Generous
    /// enough for a unit office behind one NAT address signing in at nine.</summary>
    public int PasswordAttemptsPerAddress { get; set; } = 60;

    /// <summary>Password attempts on one user name per window, from any address (unknown names count alike, so the
    /// answer reveals nothing). Tighter than per address: nobody needs ten tries a minute on one account.</summary>
    public int PasswordAttemptsPerName { get; set; } = 10;

    public int PasswordAttemptWindowSeconds { get; set; } = 60;

    /// <summary>Largest evidence file accepted, in megabytes.</summary>
    public int MaxUploadMegabytes { get; set; } = 20;

    /// <summary>Limits on an uploaded zip (a .zip of evidence or an Office package): entries, total size once
    /// inflated, and compression ratio of an entry; past them the archive is refused as a possible zip bomb.</summary>
    public int MaxArchiveEntries { get; set; } = 1000;
    public int MaxArchiveMegabytes { get; set; } = 200;
    public int MaxCompressionRatio { get; set; } = 100;

    /// <summary>Key for the calendar-feed tokens; empty means one generated into the data folder on first start.</summary>
    public string CalendarSecret { get; set; } = "";
}

/// <summary>Section <c>WorkflowHost:Demo</c>: the demo configuration, with accounts generated from the unit directory.</summary>
public sealed class DemoOptions
{
    public const string Section = "WorkflowHost:Demo";

    public bool Enabled { get; set; }

    /// <summary>The one password of every demo account (documented in the README, therefore never for production).</summary>
    public string Password { get; set; } = "Gansu@2024";
}
