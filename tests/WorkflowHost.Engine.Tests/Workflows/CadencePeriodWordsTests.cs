using WorkflowHost.Engine.Plans;
using WorkflowHost.Engine.Workflows;

namespace WorkflowHost.Engine.Tests.Workflows;

/// <summary>Periods and cadences as people say them, for pages and mails alike (never 2024-Q1 or monthly on screen).</summary>
public class CadencePeriodWordsTests
{
    [Theory]
    [InlineData("2024-03", "2024年3月")]
    [InlineData("2024-12", "2024年12月")]
    [InlineData("2024-Q1", "2024年第1季度")]
    [InlineData("2024-H1", "2024年上半年")]
    [InlineData("2024-H2", "2024年下半年")]
    [InlineData("2024", "2024年")]
    [InlineData(null, "本期")]
    [InlineData("something", "something")]
    public void A_period_key_reads_as_people_say_it(string? key, string words) => Assert.Equal(words, CadencePeriod.Words(key));

    [Theory]
    [InlineData("monthly", "每月")]
    [InlineData("quarterly", "每季度")]
    [InlineData("half-yearly", "每半年")]
    [InlineData("yearly", "每年")]
    [InlineData(null, "按计划")]
    public void A_cadence_reads_as_people_say_it(string? wire, string words) => Assert.Equal(words, CadenceNames.TitleOfWireName(wire));
}
