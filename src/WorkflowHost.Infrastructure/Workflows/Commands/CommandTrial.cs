namespace WorkflowHost.Infrastructure.Workflows.Commands;

/// <summary>
/// Runs a person's command as a trial: every check and every effect is computed in the command's transaction, which
/// is then rolled back. 签发 uses it so that a clerk's draft the workflow would refuse (a date before the deadline, a
/// share still open below) is refused when it is written, not later when the leader signs it.
/// </summary>
public static class CommandTrial
{
    private static readonly AsyncLocal<bool> Active = new();

    public static bool IsActive => Active.Value;

    public static async Task<CommandResult> RunAsync(Func<ValueTask<CommandResult>> command)
    {
        // Set in this async frame only: it flows into the command and is gone when this returns.
        Active.Value = true;
        return await command();
    }
}
