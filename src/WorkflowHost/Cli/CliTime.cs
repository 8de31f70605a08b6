using System.Globalization;
using WorkflowHost.Engine.Calendar;

namespace WorkflowHost.Cli;

/// <summary>Instants on the command line: <c>2024-03-15</c> (midnight) or <c>2024-03-15T09:30</c>, China time unless an
/// offset is given.</summary>
public static class CliTime
{
    private static readonly string[] LocalForms = ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"];

    public static bool TryParse(string text, out DateTimeOffset instant)
    {
        if (DateTime.TryParseExact(text, LocalForms, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            instant = ChinaTime.At(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
            return true;
        }
        return DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:sszzz"], CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
    }

    /// <summary>Parses option <paramref name="name"/>'s value, or prints what is wrong and returns null.</summary>
    public static DateTimeOffset? ParseOrReport(string name, string text)
    {
        if (TryParse(text, out var instant)) return instant;
        Console.Error.WriteLine($"error: {name} '{text}' is not a date (YYYY-MM-DD) or a time (YYYY-MM-DDTHH:mm, China time)");
        return null;
    }

    public static string Show(DateTimeOffset instant) => instant.ToOffset(ChinaTime.Zone.GetUtcOffset(instant)).ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);
}
