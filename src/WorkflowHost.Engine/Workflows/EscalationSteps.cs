namespace WorkflowHost.Engine.Workflows;

/// <summary>
/// The escalation ladder (函告 → 通报 → 约谈 → 曝光), mildest first. The order is a rule of the domain:
/// a unit is never summoned before it has had a letter, so definitions must list steps in this order.
/// </summary>
public static class EscalationSteps
{
    public const string Letter = "letter";
    public const string Circular = "circular";
    public const string Summons = "summons";
    public const string Exposure = "exposure";

    private static readonly string[] Ladder = [Letter, Circular, Summons, Exposure];

    /// <summary>Every step, mildest first.</summary>
    public static IReadOnlyList<string> Ordered => Ladder;

    public static bool IsKnown(string step) => Rank(step) >= 0;

    /// <summary>Position on the ladder, 0 for a letter; -1 for a word that is not a step.</summary>
    public static int Rank(string step) => Array.IndexOf(Ladder, step);

    public static StepKind KindOf(string step) => step switch
    {
        Letter => StepKind.Letter,
        Circular => StepKind.Circular,
        Summons => StepKind.Summons,
        Exposure => StepKind.Exposure,
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "not an escalation step"),
    };
}
