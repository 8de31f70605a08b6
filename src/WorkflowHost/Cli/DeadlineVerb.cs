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
        var json = new Option<bool>("--json") { Description = "print JSON { kind, date, cadence }" };
        var command = new Command("deadline", "Interpret a Chinese deadline expression") { text, year, json };
        command.SetAction(parse =>
        {
            if (!PlanYears.Contains(parse.GetValue(year)))
            {
                Console.Error.WriteLine($"error: --year {parse.GetValue(year)} is not a plan year; give one from {PlanYears.First} to {PlanYears.Last}");
                return ExitCodes.BadInput;
            }
            Deadline deadline;
            try
            {
                deadline = DeadlineParser.Parse(parse.GetValue(text)!, parse.GetValue(year));
            }
            catch (PlanFormatException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return ExitCodes.BadInput;
            }
            var view = PlanView.Of(deadline);
            if (parse.GetValue(json)) CliJson.Write(new { view.Kind, view.Date, view.Cadence });
            else Console.WriteLine($"{view.Kind} {view.Date ?? "-"} {view.Cadence ?? "-"}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
