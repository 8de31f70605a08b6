namespace WorkflowHost.Web.Views;

/// <summary>红绿灯: how an assignment stands, at a glance.</summary>
public enum TrafficLight
{
    /// <summary>绿: on track.</summary>
    Green,
    /// <summary>黄: due within 7 days, or a report is missing.</summary>
    Yellow,
    /// <summary>红: overdue or escalated.</summary>
    Red,
    /// <summary>已销号: nothing more to do.</summary>
    Closed,
}

public static class TrafficLights
{
    public const int SoonDays = 7;

    public static TrafficLight Of(bool final, bool pastDue, DateOnly? due, DateOnly today, int missedReports, int openEscalations) =>
        Of(final, pastDue, dueHasPassed: due < today, dueSoon: due is { } d && d.DayNumber - today.DayNumber <= SoonDays, missedReports > 0, openEscalations > 0);

    /// <summary>The one rule, on what decides it; the board applies it to groups of assignments that share these.</summary>
    public static TrafficLight Of(bool final, bool pastDue, bool dueHasPassed, bool dueSoon, bool missedReports, bool escalated)
    {
        if (final) return TrafficLight.Closed;
        if (pastDue || dueHasPassed || escalated) return TrafficLight.Red;
        if (dueSoon || missedReports) return TrafficLight.Yellow;
        return TrafficLight.Green;
    }

    public static string Title(this TrafficLight light) => light switch
    {
        TrafficLight.Green => "绿",
        TrafficLight.Yellow => "黄",
        TrafficLight.Red => "红",
        _ => "销号",
    };

    public static string Css(this TrafficLight light) => light.ToString().ToLowerInvariant();

    /// <summary>How urgent a light is: red 3, yellow 2, green 1, closed 0. Lists put the most urgent first.</summary>
    public static int Urgency(this TrafficLight light) => light switch
    {
        TrafficLight.Red => 3,
        TrafficLight.Yellow => 2,
        TrafficLight.Green => 1,
        _ => 0,
    };

    public static string Meaning(this TrafficLight light) => light switch
    {
        TrafficLight.Green => "正常推进",
        TrafficLight.Yellow => "7 天内到期或缺报",
        TrafficLight.Red => "已逾期或被督办",
        _ => "已销号",
    };
}
