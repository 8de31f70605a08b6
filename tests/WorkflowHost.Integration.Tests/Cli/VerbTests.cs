using System.Text.Json;
using WorkflowHost.Integration.Tests.Support;

namespace WorkflowHost.Integration.Tests.Cli;

/// <summary>The stable verbs, run as a user runs them: output and exit codes.</summary>
public sealed class VerbTests : IDisposable
{
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Deadline_prints_kind_date_and_cadence_as_json()
    {
        var result = await ProductProcess.RunAsync(_data.Path, "deadline", "2月底前完成", "--year", "2024", "--json");
        Assert.Equal(0, result.ExitCode);
        var json = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal("due", json.GetProperty("kind").GetString());
        Assert.Equal("2024-02-29", json.GetProperty("date").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("cadence").ValueKind);
    }

    [Fact]
    public async Task Deadline_with_a_cadence_is_ongoing()
    {
        var result = await ProductProcess.RunAsync(_data.Path, "deadline", "每季度至少1次", "--year", "2024", "--json");
        Assert.Equal(0, result.ExitCode);
        var json = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal("ongoing", json.GetProperty("kind").GetString());
        Assert.Equal("quarterly", json.GetProperty("cadence").GetString());
    }

    [Theory]
    [InlineData("2月30日前完成")]
    [InlineData("尽快完成")]
    public async Task Deadline_rejects_bad_text_with_exit_2_naming_it(string text)
    {
        var result = await ProductProcess.RunAsync(_data.Path, "deadline", text, "--year", "2024");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(text, result.Stderr);
    }

    [Fact]
    public async Task Deadline_without_a_year_is_a_usage_error()
    {
        var result = await ProductProcess.RunAsync(_data.Path, "deadline", "2月底前完成");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--year", result.Stderr);
    }

    [Theory]
    [InlineData("2024-02-18", "workday")] // a Sunday worked for 春节
    [InlineData("2025-01-26", "workday")] // a Sunday worked for 春节
    [InlineData("2024-02-12", "holiday")] // 春节
    [InlineData("2024-03-02", "holiday")] // an ordinary Saturday
    [InlineData("2024-03-04", "workday")] // an ordinary Monday
    [InlineData("2026-10-07", "holiday")] // 国庆
    [InlineData("2026-10-08", "workday")] // the first day after 国庆 2026
    public async Task Calendar_tells_workday_or_holiday(string date, string expected)
    {
        var result = await ProductProcess.RunAsync(_data.Path, "calendar", date);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(expected, result.Stdout.Trim());
    }

    [Theory]
    [InlineData("2031-05-01", "2031")]
    [InlineData("2024-13-01", "2024-13-01")]
    public async Task Calendar_refuses_years_without_data_and_bad_dates(string date, string named)
    {
        var result = await ProductProcess.RunAsync(_data.Path, "calendar", date);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(named, result.Stderr);
    }

    [Fact]
    public async Task Units_lists_the_directory_with_example_addresses_only()
    {
        var result = await ProductProcess.RunAsync(_data.Path, "units", "--json");
        Assert.Equal(0, result.ExitCode);
        var units = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("units").EnumerateArray().ToArray();
        Assert.Contains(units, u => u.GetProperty("name").GetString() == "省应急厅");
        Assert.All(units, u => Assert.EndsWith(".example", u.GetProperty("email").GetString()));
        Assert.Equal(15, units.Count(u => u.GetProperty("region").GetBoolean()));
    }

    [Fact]
    public async Task Validate_accepts_the_2024_plan()
    {
        var result = await ProductProcess.RunAsync(_data.Path, "plan", "validate", RepoPaths.PlanFolder);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("43个任务", result.Stdout);
    }

    [Fact]
    public async Task Validate_lists_every_problem_with_task_number_and_field()
    {
        var folder = _data.CopyOfPlan2024();
        var text = File.ReadAllText(Path.Combine(folder, "plan.txt"))
            .Replace("(省安委会办公室;3月15日前完成)", "(省安委会办公室;3月32日前完成)")
            .Replace("(省委编办、省应急厅", "(省外星厅、省应急厅");
        File.WriteAllText(Path.Combine(folder, "plan.txt"), text);

        var result = await ProductProcess.RunAsync(_data.Path, "plan", "validate", folder);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("任务3 完成时限", result.Stderr);
        Assert.Contains("3月32日前完成", result.Stderr);
        Assert.Contains("任务39 责任单位", result.Stderr);
        Assert.Contains("省外星厅", result.Stderr);
    }
}
