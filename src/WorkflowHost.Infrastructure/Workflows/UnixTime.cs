namespace WorkflowHost.Infrastructure.Workflows;

/// <summary>Instants are stored as Unix milliseconds (UTC) so they compare and sort alike on SQLite and PostgreSQL.</summary>
public static class UnixTime
{
    public static long Of(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds();

    public static DateTimeOffset ToChinaTime(long milliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(milliseconds).ToOffset(TimeSpan.FromHours(8));
}
