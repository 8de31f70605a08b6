namespace WorkflowHost.Web.Actions;

public enum OutcomeKind
{
    Done,
    /// <summary>The input is wrong (empty text, a bad file): nothing changed.</summary>
    Invalid,
    /// <summary>This person may not do this to this thing.</summary>
    Forbidden,
    NotFound,
    /// <summary>The workflow does not allow it now (already applied, already closed).</summary>
    Conflict,
}

/// <summary>What an action came to, with the message the person sees (Chinese first, English in brackets).</summary>
public sealed record ActionOutcome(OutcomeKind Kind, string Message, string? NewState = null)
{
    /// <summary>What the action created (下达: the new children's assignments).</summary>
    public IReadOnlyList<long> Created { get; init; } = [];

    /// <summary>A clerk's send held as a draft for the unit leader's 签发: accepted, not yet done (202 on the API).</summary>
    public bool HeldForSignOff { get; init; }

    /// <summary>The form fields whose input was refused (text, figures, files, date, reason, note), for the page to
    /// mark them; empty when the refusal is not about one field.</summary>
    public IReadOnlyCollection<string> Fields { get; init; } = [];

    public bool Succeeded => Kind == OutcomeKind.Done;

    public int HttpStatus => Kind switch
    {
        OutcomeKind.Done => HeldForSignOff ? StatusCodes.Status202Accepted : StatusCodes.Status200OK,
        OutcomeKind.Invalid => StatusCodes.Status400BadRequest,
        OutcomeKind.Forbidden => StatusCodes.Status403Forbidden,
        OutcomeKind.NotFound => StatusCodes.Status404NotFound,
        _ => StatusCodes.Status409Conflict,
    };
}
