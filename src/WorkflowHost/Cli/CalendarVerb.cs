using System.CommandLine;
using System.Globalization;
using WorkflowHost.Engine.Calendar;
using WorkflowHost.Hosting;

namespace WorkflowHost.Cli;

/// <summary><c>calendar YYYY-MM-DD</c>: prints <c>workday</c> or <c>holiday</c> (weekends count as holidays).</summary>
public static class CalendarVerb
{
    public static Command Create(ProductSettings settings)
    {
        var date = new Argument<string>("date") { Description = "a date, YYYY-MM-DD" };
        var command = new Command("calendar", "Is a date a working day under the statutory calendar?") { date };
        command.SetAction(parse =>
        {
            var text = parse.GetValue(date)!;
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                Console.Error.WriteLine($"error: '{text}' is not a date in the form YYYY-MM-DD");
                return ExitCodes.BadInput;
            }
            try
            {
                Console.WriteLine(settings.LoadCalendar().IsWorkday(day) ? "workday" : "holiday");
                return ExitCodes.Ok;
            }
            catch (CalendarYearMissingException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return ExitCodes.BadInput;
            }
        });
        return command;
    }
}
