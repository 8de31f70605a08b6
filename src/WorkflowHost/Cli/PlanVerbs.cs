using System.CommandLine;
using WorkflowHost.Engine.Plans;
using WorkflowHost.Hosting;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Plans;
using WorkflowHost.Infrastructure.Workflows;
using Microsoft.EntityFrameworkCore;

namespace WorkflowHost.Cli;

/// <summary><c>plan show|import|validate</c>.</summary>
public static class PlanVerbs
{
    public static Command Create(ProductSettings settings) => new("plan", "Show, validate or import a year's task list")
    {
        Show(settings),
        Import(settings),
        Validate(settings),
    };

    private static Command Show(ProductSettings settings)
    {
        var file = OptionalFile();
        var json = new Option<bool>("--json") { Description = "print the parsed plan as JSON" };
        var command = new Command("show", "Print the parsed plan (default: the configured plan)") { file, json };
        command.SetAction(parse => WithPlan(settings, parse.GetValue(file), plan =>
        {
            if (parse.GetValue(json))
            {
                CliJson.Write(plan.Tasks.Select(PlanView.Of));
                return;
            }
            Console.WriteLine($"{plan.Info.Title} — {plan.Info.Issuer} {plan.Info.IssuedOn:yyyy-MM-dd}, {plan.Tasks.Count} tasks");
            foreach (var task in plan.Tasks)
            {
                var due = task.Deadline.Date?.ToString("yyyy-MM-dd") ?? task.Deadline.Text;
                var who = string.Join("、", task.Responsibility.Units.Concat(task.Responsibility.Groups)) + (task.Responsibility.Regions ? " +各市州、兰州新区" : "");
                Console.WriteLine($"{task.No,3}. [{due}] {PlanTextParser.Shorten(task.Content)} ({who})");
            }
        }));
        return command;
    }

    private static Command Validate(ProductSettings settings)
    {
        var file = new Argument<string>("file") { Description = "a plan folder, its plan.json, or a task list (.txt/.csv/.xlsx) with plan.json beside it" };
        var command = new Command("validate", "Check a plan; prints every problem with its task number and field") { file };
        command.SetAction(parse => WithPlan(settings, parse.GetValue(file), plan =>
            Console.WriteLine($"ok: {plan.Info.Year} plan, {plan.Tasks.Count} tasks")));
        return command;
    }

    private static Command Import(ProductSettings settings)
    {
        var file = OptionalFile();
        var command = new Command("import", "Import a plan into the database (idempotent; a bad file changes nothing)") { file };
        command.SetAction(async (parse, cancel) =>
        {
            var directory = settings.LoadDirectory();
            Plan plan;
            try
            {
                plan = PlanLoader.Load(PathOrConfigured(settings, parse.GetValue(file)), directory);
            }
            catch (PlanInvalidException e)
            {
                return Report(e);
            }
            await using var services = EngineServiceProvider.Create(settings);
            await using var db = await services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync(cancel);
            await DatabaseSetup.MigrateAsync(db, cancel);
            try
            {
                var outcome = await new PlanImporter(db, services.GetRequiredService<WorkflowRuntime>()).ImportAsync(plan, directory, cancel);
                Console.WriteLine(outcome.Message);
                return ExitCodes.Ok;
            }
            catch (PlanInvalidException e)
            {
                return Report(e);
            }
        });
        return command;
    }

    private static Argument<string?> OptionalFile() => new("file")
    {
        Description = "a plan folder, its plan.json, or a task list with plan.json beside it (default: the configured plan)",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private static string PathOrConfigured(ProductSettings settings, string? path) =>
        path ?? settings.PlanPath ?? throw new PlanInvalidException([new PlanProblem("appsettings.json", null, null, "WorkflowHost:Plan", "no plan configured; name a plan file")]);

    private static int WithPlan(ProductSettings settings, string? path, Action<Plan> use)
    {
        try
        {
            use(PlanLoader.Load(PathOrConfigured(settings, path), settings.LoadDirectory()));
            return ExitCodes.Ok;
        }
        catch (PlanInvalidException e)
        {
            return Report(e);
        }
    }

    private static int Report(PlanInvalidException e)
    {
        foreach (var problem in e.Problems) Console.Error.WriteLine($"error: {problem}");
        Console.Error.WriteLine($"{e.Problems.Count} problem(s); nothing was imported");
        return ExitCodes.BadInput;
    }
}
