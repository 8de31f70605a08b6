namespace WorkflowHost.Engine.Plans;

/// <summary>The years a plan may be for: wide enough for any campaign, narrow enough that every date a deadline
/// implies (the plan year and the years after it) is a valid date.</summary>
public static class PlanYears
{
    public const int First = 2000;
    public const int Last = 2100;

    public static bool Contains(int year) => year is >= First and <= Last;
}
