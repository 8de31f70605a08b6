using System.CommandLine;
using WorkflowHost.Engine.Plans;

namespace WorkflowHost.Cli;

/// <summary><c>deadline "TEXT" --year YYYY [--json]</c>: what a deadline expression means in a plan year.</summary>
public static class DeadlineVerb
{
    public static Command Create()
    {
        var text = new Argument<string>("text") { Description = "the deadline as written, e.g. 2月底前完成" };
        var year = new Option<int>("--year") { Description = "the plan year", Required = true };
        var json = new Option<bool>("--json") { Description = "print JSON { kind, date, cadence, milestones }" };
        var command = new Command("deadline", "Interpret a Chinese deadline expression") { text, year, json };
        command.SetAction(parse =>
        {
            if (!PlanYears.Contains(parse.GetValue(year)))
            {
                Console.Error.WriteLine($"错误:--year {parse.GetValue(year)} 不是计划年度,应为{PlanYears.First}至{PlanYears.Last}年");
                return ExitCodes.BadInput;
            }
            Deadline deadline;
            try
            {
                deadline = DeadlineParser.Parse(parse.GetValue(text)!, parse.GetValue(year));
            }
            catch (PlanFormatException e)
            {
                Console.Error.WriteLine($"错误:{e.Message}");
                if (e.Hint is not null) Console.Error.WriteLine(e.Hint);
                return ExitCodes.BadInput;
            }
            var view = PlanView.Of(deadline);
            // milestones only for a due deadline (the last equals date), as the stable shape promises.
            if (parse.GetValue(json) && deadline.Kind == DeadlineKind.Due) CliJson.Write(new { view.Kind, view.Date, view.Cadence, view.Milestones });
            else if (parse.GetValue(json)) CliJson.Write(new { view.Kind, view.Date, view.Cadence, view.DayOfMonth });
            else Console.WriteLine($"{view.Kind} {view.Date ?? "-"} {view.Cadence ?? "-"}{(view.Milestones.Count > 1 ? " " + string.Join(",", view.Milestones) : "")}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
