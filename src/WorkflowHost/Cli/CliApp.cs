using System.CommandLine;
using WorkflowHost.Engine.Units;
using WorkflowHost.Hosting;

namespace WorkflowHost.Cli;

/// <summary>
/// The executable's verbs. Their names, arguments and exit codes are stable because scripts use them:
/// 0 success, 2 bad input (every problem printed), 1 anything unexpected.
/// </summary>
public static class CliApp
{
    /// <summary>A verb, or a request for help, selects the CLI; host options such as <c>--urls</c> do not.</summary>
    public static bool IsCliInvocation(string[] args) =>
        args.Length > 0 && (!args[0].StartsWith('-') || args[0] is "-h" or "--help" or "-?" or "--version");

    public static async Task<int> RunAsync(string[] args, ProductSettings settings)
    {
        var root = new RootCommand("WorkflowHost: task supervision for the 安全生产治本攻坚 plan. Without a verb, runs the host.")
        {
            PlanVerbs.Create(settings),
            DeadlineVerb.Create(),
            CalendarVerb.Create(settings),
            UnitsVerb.Create(settings),
            WorkflowsVerb.Create(settings),
            ClockVerb.Create(settings),
            SimulateVerb.Create(settings),
            UsersVerb.Create(settings),
            AuditVerb.Create(settings),
            OutboxVerbs.Create(settings),
            IncidentsVerb.Create(settings),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) await Console.Error.WriteLineAsync($"error: {error.Message}");
            await Console.Error.WriteLineAsync("run with --help for usage");
            return ExitCodes.BadInput;
        }
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (DirectoryFormatException e)
        {
            // A broken unit directory is bad input like a broken plan: say where, change nothing.
            await Console.Error.WriteLineAsync($"error: {settings.UnitsFile}: {e.Message}");
            return ExitCodes.BadInput;
        }
    }
}

public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int BadInput = 2;
}
