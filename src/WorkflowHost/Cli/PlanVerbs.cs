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
            Console.WriteLine($"{plan.Info.Title} — {plan.Info.Issuer} {plan.Info.IssuedOn:yyyy-MM-dd},共{plan.Tasks.Count}个任务");
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
        var file = new Argument<string>("file") { Description = "a plan folder, its plan.json, or a task list (.txt/.docx/.csv/.xlsx) with plan.json beside it" };
        var json = new Option<bool>("--json") { Description = "print { ok, year, tasks, problems: [{ source, line, task, field, message, suggestions, hint }] }" };
        var command = new Command("validate", "Check a plan; prints every problem with its line, task number and field, in one run") { file, json };
        command.SetAction(parse =>
        {
            if (!parse.GetValue(json))
                return WithPlan(settings, parse.GetValue(file), plan => Console.WriteLine($"ok: {plan.Info.Year}年计划,{plan.Tasks.Count}个任务"));
            try
            {
                var plan = PlanLoader.Load(PathOrConfigured(settings, parse.GetValue(file)), settings.LoadDirectory());
                CliJson.Write(new { Ok = true, plan.Info.Year, Tasks = plan.Tasks.Count, Problems = Array.Empty<PlanView.ProblemJson>() });
                return ExitCodes.Ok;
            }
            catch (PlanInvalidException e)
            {
                CliJson.Write(new { Ok = false, Year = (int?)null, Tasks = (int?)null, Problems = e.Problems.Select(PlanView.Of) });
                return ExitCodes.BadInput;
            }
        });
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
        path ?? settings.PlanPath ?? throw new PlanInvalidException([new PlanProblem("appsettings.json", null, null, "WorkflowHost:Plan", "没有配置计划;请指明计划文件")]);

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

    /// <summary>Every problem, one a line; the accepted forms of a refused deadline once at the end, not after each.</summary>
    private static int Report(PlanInvalidException e)
    {
        foreach (var problem in e.Problems) Console.Error.WriteLine($"错误:{problem}");
        foreach (var hint in e.Problems.Select(p => p.Hint).OfType<string>().Distinct()) Console.Error.WriteLine($"完成时限的{hint}");
        Console.Error.WriteLine($"共{e.Problems.Count}个问题;没有导入任何内容");
        return ExitCodes.BadInput;
    }
}
