using System.CommandLine;
using WorkflowHost.Benchmarks;
using WorkflowHost.Cli;
using WorkflowHost.Hosting;

namespace WorkflowHost.Benchmarks;

/// <summary>
/// <c>bench [--units N] [--quartz-sample N] [--dashboard-rounds N] [--postgres CONN] [--no-host] [--output FILE] [--keep] [--published DIR] [--only MEASURE …]</c>:
/// builds the national-scale data set (N generated units × the plan's real tasks) in databases of its own and prints
/// one table of every measure. The product's database is never touched.
/// </summary>
public static class BenchCommand
{
    public static Command Create(ProductSettings settings)
    {
        var units = new Option<int>("--units") { Description = "generated units: 省直部门, 市州 and their 县区, shaped as trees (23000 ≈ 1,000,000 assignments)", DefaultValueFactory = _ => 23_000 };
        var quartzSample = new Option<int>("--quartz-sample") { Description = "storm timers run through Quartz with one trigger each (sampled: the Elsa way is slow)", DefaultValueFactory = _ => 2_000 };
        var rounds = new Option<int>("--dashboard-rounds") { Description = "times each dashboard query runs for its percentiles", DefaultValueFactory = _ => 50 };
        var postgres = new Option<string?>("--postgres") { Description = "admin connection string of a PostgreSQL server: also import and run the storm there (a database is created and dropped)" };
        var noHost = new Option<bool>("--no-host") { Description = "skip starting the host (start time and idle memory)" };
        var output = new Option<FileInfo?>("--output") { Description = "also write the table (Markdown) to this file" };
        var importOnly = new Option<bool>("--import-only") { Description = "measure the plan import and 下达 only (SQLite, and PostgreSQL with --postgres)" };
        var keep = new Option<bool>("--keep") { Description = "keep the benchmark databases (their folder is printed)" };
        var only = new Option<string[]>("--only") { Description = $"run only these measures (the import and the storm always run): {string.Join(", ", BenchOptions.Measures)}", AllowMultipleArgumentsPerToken = true };
        var published = new Option<string?>("--published") { Description = "start this published host for the start measure (a folder holding WorkflowHost.dll, e.g. from dotnet publish src/WorkflowHost -c Release -r linux-x64 -p:PublishReadyToRun=true -o DIR) instead of the build output" };
        var command = new Command("bench", "Measure the engine at national scale: storm, import, dashboard, start, memory") { units, quartzSample, rounds, postgres, noHost, output, keep, published, only, importOnly };
        command.SetAction(async (parse, cancel) =>
        {
            var problems = new List<string>();
            if (parse.GetValue(units) is < 3 or > 99_999) problems.Add($"--units must be 3–99999, not {parse.GetValue(units)}");
            if (parse.GetValue(quartzSample) < 1) problems.Add($"--quartz-sample must be at least 1, not {parse.GetValue(quartzSample)}");
            if (parse.GetValue(rounds) < 1) problems.Add($"--dashboard-rounds must be at least 1, not {parse.GetValue(rounds)}");
            var chosen = parse.GetValue(only) is { Length: > 0 } names ? names.ToHashSet(StringComparer.Ordinal) : null;
            if (chosen?.Except(BenchOptions.Measures).FirstOrDefault() is { } unknown) problems.Add($"--only: no measure '{unknown}' (there are {string.Join(", ", BenchOptions.Measures)})");
            foreach (var problem in problems) Console.Error.WriteLine($"error: {problem}");
            if (problems.Count > 0) return ExitCodes.BadInput;

            var options = new BenchOptions(parse.GetValue(units), parse.GetValue(quartzSample), parse.GetValue(rounds), parse.GetValue(postgres),
                !parse.GetValue(noHost), parse.GetValue(keep), chosen, parse.GetValue(importOnly), parse.GetValue(published));
            var table = await new BenchmarkRunner(settings, options, Console.Error).RunAsync(cancel);
            var markdown = table.ToMarkdown();
            Console.Write(markdown);
            if (parse.GetValue(output) is { } file) await File.WriteAllTextAsync(file.FullName, markdown, cancel);
            return ExitCodes.Ok;
        });
        return command;
    }
}
