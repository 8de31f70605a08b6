namespace WorkflowHost.Engine.Calendar;

/// <summary>
/// One year of the State Council's holiday arrangement (国务院办公厅关于部分节假日安排的通知), as published.
/// <paramref name="Source"/> names the notice so that anyone checking the data knows where to look.
/// </summary>
public sealed record CalendarYear(
    int Year,
    string Source,
    IReadOnlyList<Holiday> Holidays,
    IReadOnlyList<MakeUpWorkday> MakeUpWorkdays);

/// <summary>
/// A named holiday and every day off it gives (放假调休), as the notice lists them.
/// Weekend days inside the break may be listed or not: they are non-working either way.
/// </summary>
public sealed record Holiday(string Name, IReadOnlyList<DateOnly> Days);

/// <summary>A weekend day that becomes a working day (调休上班) to pay for the holiday named in <paramref name="For"/>.</summary>
public sealed record MakeUpWorkday(DateOnly Date, string For);
