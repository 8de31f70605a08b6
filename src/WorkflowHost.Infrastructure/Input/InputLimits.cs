namespace WorkflowHost.Infrastructure.Input;

/// <summary>
/// The limits of what people may send, in one place; docs/reliability.md lists each with the field it guards and the
/// message a refusal gives. Each is chosen so that anything accepted can be stored, shown, summed, mailed and written
/// into a .docx without failing later: a refusal at the door costs one message, a failure in a job costs everyone.
/// </summary>
public static class InputLimits
{
    /// <summary>Report texts, notes, reasons, display names: a few pages of Chinese.</summary>
    public const int FreeTextLength = 10_000;

    /// <summary>A figure's name (检查企业): a label, not a paragraph.</summary>
    public const int FigureNameLength = 50;

    /// <summary>Figures in one report: a statistics table, not a data dump.</summary>
    public const int FiguresPerReport = 50;

    /// <summary>The largest magnitude of one figure: a trillion (万亿) covers any count or sum of money in yuan a unit
    /// reports, and 50 figures × a million assignments of it still sum exactly in a decimal.</summary>
    public const decimal FigureMagnitude = 1_000_000_000_000m;

    /// <summary>Decimal places of one figure (percentages and ten-thousand-yuan amounts need two or three).</summary>
    public const int FigureDecimals = 4;

    /// <summary>Units named in one 下达: more than any unit has sub-units, so only a malformed request meets it.</summary>
    public const int HandDownUnits = 200;

    /// <summary>Drafts one 待签发 page shows: a unit has at most one pending per assignment, so a few hundred at most.</summary>
    public const int SignOffQueue = 500;

    /// <summary>A 下达's internal deadline given as working days before the unit's own: up to about three months.</summary>
    public const int HandDownWorkdaysBefore = 60;

    /// <summary>Proposals in one bulk decision: several pages of the queue at once, never the whole year blind.</summary>
    public const int ProposalsPerDecision = 200;

    /// <summary>Units struck from a proposal at once: more than a task has units at one level.</summary>
    public const int StruckPerDecision = 500;

    /// <summary>Tasks in one monthly report (一次报送本期进展): more than any unit carries (~40), so only a malformed
    /// request meets it.</summary>
    public const int MonthlyReportLines = 200;
}
