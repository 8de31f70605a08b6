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

    /// <summary>What a step is called (函告), the document it issues (督办函) and that document's word in the 发文字号
    /// (甘安委办督函〔2024〕1号): the one table pages, mails, documents and the CLI use.</summary>
    public static readonly IReadOnlyDictionary<string, StepTerms> Terms = new Dictionary<string, StepTerms>
    {
        [Letter] = new("函告", "督办函", "督函"),
        [Circular] = new("通报", "通报", "通报"),
        [Summons] = new("约谈", "约谈通知", "约谈"),
        [Exposure] = new("曝光", "曝光", "曝光"),
    };

    /// <summary>The step's Chinese name; the word itself for one that is not a step.</summary>
    public static string TitleOf(string step) => Terms.TryGetValue(step, out var terms) ? terms.Title : step;

    public static StepKind KindOf(string step) => step switch
    {
        Letter => StepKind.Letter,
        Circular => StepKind.Circular,
        Summons => StepKind.Summons,
        Exposure => StepKind.Exposure,
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "not an escalation step"),
    };
}

/// <summary>The Chinese terms of one escalation step.</summary>
public sealed record StepTerms(string Title, string Document, string NumberWord);
