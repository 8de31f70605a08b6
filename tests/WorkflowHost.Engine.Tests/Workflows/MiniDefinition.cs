namespace WorkflowHost.Engine.Tests.Workflows;

/// <summary>
/// A small valid definition for validation tests, laid out one property per line so that tests can break one thing
/// with a text replacement and know on which line the break is.
/// </summary>
internal static class MiniDefinition
{
    public const string FileName = "mini.v1.json";

    public const string DeadlineSection = """
      "deadline": {
        "reminders": [
          { "name": "reminder-7d", "calendarDaysBefore": 7, "at": "09:00" }
        ],
        "overdue": { "daysAfterDue": 1, "at": "00:00" },
        "escalations": [
          { "step": "letter", "workdaysAfterDue": 1, "at": "09:00", "approval": "automatic" },
          { "step": "circular", "workdaysAfterDue": 10, "at": "09:00", "approval": "working-group" }
        ]
      },
    """;

    // Line 5 is "title"; line 6 is "initialState".
    public const string Json = $$"""
    {
      "id": "mini",
      "version": 1,
      "appliesTo": "due",
      "title": "测试流程",
      "initialState": "open",
      "states": [
        { "name": "open", "title": "进行中" },
        { "name": "late", "title": "已逾期", "role": "overdue" },
        { "name": "done", "title": "已完成", "final": true }
      ],
      "transitions": [
        { "trigger": "finish", "title": "完成", "from": ["open", "late"], "to": "done", "actor": "unit" },
        { "trigger": "overdue", "title": "逾期", "from": ["open"], "to": "late", "actor": "timer" }
      ],
    {{DeadlineSection}}
      "reporting": { "dueDay": 25, "reminderWorkdaysBefore": 3, "at": "09:00" }
    }
    """;

    /// <summary>The definition with <paramref name="find"/> replaced, failing the test if it does not occur (a stale case would pass vacuously).</summary>
    public static string With(string find, string replace)
    {
        Assert.Contains(find, Json, StringComparison.Ordinal);
        return Json.Replace(find, replace, StringComparison.Ordinal);
    }
}
