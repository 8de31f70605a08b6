namespace WorkflowHost.Web.Security;

/// <summary>
/// The clock of sessions and password ages: real time, never the product's <see cref="TimeProvider"/>, which may be
/// the virtual clock (moving the plan a month forward must neither sign everybody out nor expire every password).
/// Registered under its own type so tests can replace it with a fake time source.
/// </summary>
public sealed class AccountClock(TimeProvider time)
{
    public static readonly AccountClock Real = new(TimeProvider.System);

    public TimeProvider Time { get; } = time;

    public DateTimeOffset Now => Time.GetUtcNow();
}
