using WorkflowHost.Engine.Workflows;

namespace WorkflowHost.Engine.Tests.Workflows;

/// <summary>
/// A definition that would run a workflow other than the one its author meant must not load, and the message must say
/// which file and what is wrong. Each case breaks one thing in an otherwise valid definition.
/// </summary>
public class DefinitionValidationTests
{
    private static WorkflowDefinitionException LoadFails(string json, string expectedFragment, string fileName = MiniDefinition.FileName)
    {
        using var folder = new TempWorkflowFolder();
        var path = folder.Write(fileName, json);

        var error = Assert.Throws<WorkflowDefinitionException>(() => WorkflowDefinitionCatalog.Load(folder.FolderPath));

        Assert.StartsWith(path + ":", error.Message, StringComparison.Ordinal);
        Assert.Contains(expectedFragment, error.Message, StringComparison.Ordinal);
        return error;
    }

    [Fact]
    public void TheUnbrokenDefinition_Loads()
    {
        using var folder = new TempWorkflowFolder();
        folder.Write(MiniDefinition.FileName, MiniDefinition.Json);

        var definition = WorkflowDefinitionCatalog.Load(folder.FolderPath).Get("mini", 1);

        Assert.Equal(["open", "late", "done"], definition.States.Select(s => s.Name));
        Assert.Equal(new TimeOnly(9, 0), definition.Deadline!.Reminders.Single().At);
    }

    [Theory]
    // Syntax and shape
    [InlineData("a missing comma", "\"title\": \"测试流程\",", "\"title\": \"测试流程\"", "line 6: malformed JSON")]
    [InlineData("a value of the wrong type", "\"version\": 1,", "\"version\": \"one\",", "line 3: version: the value is not a whole number")]
    [InlineData("a property given twice", "\"version\": 1,", "\"version\": 1, \"version\": 2,", "line 3: version: the property is given twice")]
    [InlineData("a misspelt property", "\"calendarDaysBefore\": 7", "\"calendarDayBefore\": 7",
        "unknown property 'calendarDayBefore' in deadline.reminders[0] (known: name, calendarDaysBefore, lastWorkdayBefore, at)")]
    [InlineData("an unknown top-level property", "\"title\": \"测试流程\",", "\"title\": \"测试流程\", \"titel\": \"x\",", "unknown property 'titel' at the top level")]
    [InlineData("the initial state missing", "\"initialState\": \"open\",", "", "initialState is missing")]
    [InlineData("a required escalation field missing", "\"workdaysAfterDue\": 10, ", "", "deadline.escalations[1].workdaysAfterDue is missing")]
    [InlineData("a time of 25:00", "{ \"name\": \"reminder-7d\", \"calendarDaysBefore\": 7, \"at\": \"09:00\" }",
        "{ \"name\": \"reminder-7d\", \"calendarDaysBefore\": 7, \"at\": \"25:00\" }", "deadline.reminders[0].at: bad time '25:00'")]
    [InlineData("a time without leading zero", "\"overdue\": { \"daysAfterDue\": 1, \"at\": \"00:00\" }",
        "\"overdue\": { \"daysAfterDue\": 1, \"at\": \"0:00\" }", "deadline.overdue.at: bad time '0:00'")]
    // States and transitions
    [InlineData("the initial state not declared", "\"initialState\": \"open\"", "\"initialState\": \"started\"",
        "initial state 'started' is not a declared state (open, late, done)")]
    [InlineData("a state declared twice", "{ \"name\": \"late\", \"title\": \"已逾期\", \"role\": \"overdue\" }", "{ \"name\": \"open\", \"title\": \"已逾期\" }",
        "state 'open' is declared twice")]
    [InlineData("a transition from an unknown state", "\"from\": [\"open\", \"late\"]", "\"from\": [\"open\", \"lat\"]",
        "transition 'finish' comes from unknown state 'lat'")]
    [InlineData("a transition to an unknown state", "\"to\": \"done\"", "\"to\": \"gone\"", "transition 'finish' goes to unknown state 'gone'")]
    [InlineData("a toWhenPastDue naming an unknown state", "\"to\": \"done\",", "\"to\": \"done\", \"toWhenPastDue\": \"lated\",",
        "transition 'finish' has toWhenPastDue 'lated', which is not a declared state")]
    [InlineData("a duplicate (trigger, from) pair",
        "{ \"trigger\": \"overdue\", \"title\": \"逾期\", \"from\": [\"open\"], \"to\": \"late\", \"actor\": \"timer\" }",
        "{ \"trigger\": \"overdue\", \"title\": \"逾期\", \"from\": [\"open\"], \"to\": \"late\", \"actor\": \"timer\" }, " +
        "{ \"trigger\": \"finish\", \"title\": \"完成\", \"from\": [\"open\"], \"to\": \"late\", \"actor\": \"unit\" }",
        "duplicate transition: trigger 'finish' is defined twice from state 'open'")]
    [InlineData("a transition out of a final state", "\"from\": [\"open\", \"late\"]", "\"from\": [\"open\", \"late\", \"done\"]",
        "transition 'finish' leaves final state 'done'")]
    [InlineData("an unknown actor", "\"actor\": \"unit\"", "\"actor\": \"boss\"", "transition 'finish': unknown actor 'boss'")]
    [InlineData("no overdue transition for the timer", "\"trigger\": \"overdue\"", "\"trigger\": \"late\"", "needs an 'overdue' transition")]
    // Roles: what the product does depends on them, not on the names
    [InlineData("an unknown role", "\"role\": \"overdue\"", "\"role\": \"late\"", "states[1].role: unknown role 'late' (expected overdue, completion-review, extension-review")]
    [InlineData("a final state with a role", "\"final\": true", "\"final\": true, \"role\": \"overdue\"", "states[2].role: a final state has no other role")]
    [InlineData("the overdue timer leading to a state without the role", ", \"role\": \"overdue\"", "",
        "transition 'overdue' goes to 'late', which must have the role Overdue")]
    [InlineData("one role on two states", "{ \"name\": \"open\", \"title\": \"进行中\" }", "{ \"name\": \"open\", \"title\": \"进行中\", \"role\": \"overdue\" }",
        "role 'Overdue' is given to open, late; each role belongs to one state")]
    // Identity and kind
    [InlineData("version 0", "\"version\": 1,", "\"version\": 0,", "version 0 is not a positive number")]
    [InlineData("an id with spaces", "\"id\": \"mini\"", "\"id\": \"Mini Task\"", "id 'Mini Task' is not lower-case words joined by hyphens")]
    [InlineData("an unknown appliesTo", "\"appliesTo\": \"due\"", "\"appliesTo\": \"sometimes\"", "appliesTo 'sometimes' is not one of due, ongoing")]
    [InlineData("a deadline section in an ongoing definition", "\"appliesTo\": \"due\"", "\"appliesTo\": \"ongoing\"",
        "an ongoing definition must not have a deadline section")]
    [InlineData("no deadline section in a due definition", MiniDefinition.DeadlineSection, "",
        "a definition that applies to due tasks needs a deadline section")]
    // Offsets
    [InlineData("a negative reminder offset", "\"calendarDaysBefore\": 7", "\"calendarDaysBefore\": -7", "reminder 'reminder-7d': calendarDaysBefore -7 is negative")]
    [InlineData("a reminder with both rules", "\"calendarDaysBefore\": 7,", "\"calendarDaysBefore\": 7, \"lastWorkdayBefore\": true,",
        "reminder 'reminder-7d' gives both calendarDaysBefore and lastWorkdayBefore")]
    [InlineData("a reminder with neither rule", "\"calendarDaysBefore\": 7,", "", "reminder 'reminder-7d' gives neither")]
    [InlineData("a reminder named like the overdue step", "\"name\": \"reminder-7d\"", "\"name\": \"overdue\"", "reminder 'overdue': the name is already taken by another step")]
    [InlineData("a negative overdue offset", "\"daysAfterDue\": 1", "\"daysAfterDue\": -1", "overdue.daysAfterDue -1 is negative")]
    [InlineData("overdue on the due date itself", "\"daysAfterDue\": 1", "\"daysAfterDue\": 0", "overdue.daysAfterDue must be at least 1")]
    [InlineData("a negative escalation offset", "\"workdaysAfterDue\": 1,", "\"workdaysAfterDue\": -1,", "escalation 'letter': workdaysAfterDue -1 is negative")]
    [InlineData("a negative report reminder offset", "\"reminderWorkdaysBefore\": 3", "\"reminderWorkdaysBefore\": -3", "reporting.reminderWorkdaysBefore -3 is negative")]
    // Escalations
    [InlineData("an unknown escalation step", "\"step\": \"circular\"", "\"step\": \"warning\"",
        "unknown escalation step 'warning' (allowed: letter, circular, summons, exposure)")]
    [InlineData("escalation offsets that do not increase", "\"workdaysAfterDue\": 10,", "\"workdaysAfterDue\": 1,",
        "escalation steps out of order: 'circular' at 1 working days does not come after 'letter' at 1 (workdaysAfterDue must increase)")]
    [InlineData("steps against the ladder", "\"step\": \"letter\"", "\"step\": \"summons\"", "escalation steps out of order: 'circular' comes after 'summons'")]
    [InlineData("an unknown approval", "\"approval\": \"automatic\"", "\"approval\": \"auto\"", "escalation 'letter': unknown approval 'auto'")]
    // Reporting
    [InlineData("dueDay 0", "\"dueDay\": 25", "\"dueDay\": 0", "reporting.dueDay 0 is outside 1..31")]
    [InlineData("dueDay 32", "\"dueDay\": 25", "\"dueDay\": 32", "reporting.dueDay 32 is outside 1..31")]
    [InlineData("a year-end summary on a day the month lacks", "\"reporting\":", "\"yearEndSummary\": { \"month\": 2, \"day\": 30, \"at\": \"09:00\" }, \"reporting\":",
        "yearEndSummary.day 30 does not exist in month 2")]
    [InlineData("a missed-report escalation at zero", "\"reporting\":",
        "\"missedReportEscalations\": [ { \"step\": \"letter\", \"consecutiveMissed\": 0, \"approval\": \"automatic\" } ], \"reporting\":",
        "missed-report escalation 'letter': consecutiveMissed 0 must be at least 1")]
    [InlineData("missed-report escalations out of order", "\"reporting\":",
        "\"missedReportEscalations\": [ { \"step\": \"letter\", \"consecutiveMissed\": 3, \"approval\": \"automatic\" }, " +
        "{ \"step\": \"circular\", \"consecutiveMissed\": 2, \"approval\": \"working-group\" } ], \"reporting\":",
        "missed-report escalation steps out of order: 'circular' at 2 comes after 'letter' at 3")]
    public void ABrokenDefinition_IsRejected_NamingFileAndProblem(string broken, string find, string replace, string expectedFragment)
    {
        _ = broken; // the case's name, shown by the test runner
        LoadFails(MiniDefinition.With(find, replace), expectedFragment);
    }

    [Fact]
    public void EveryProblemInAFile_IsReported_NotOnlyTheFirst()
    {
        var json = MiniDefinition.With("\"dueDay\": 25", "\"dueDay\": 32").Replace("\"to\": \"done\"", "\"to\": \"gone\"", StringComparison.Ordinal);

        var error = LoadFails(json, "reporting.dueDay 32");

        Assert.Contains("goes to unknown state 'gone'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileHoldingNull_IsRejected()
        => LoadFails("null", "holds null instead of a workflow definition");
}
