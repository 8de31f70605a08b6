using CsCheck;
using WorkflowHost.Engine.Plans;

namespace WorkflowHost.Engine.Tests.Plans;

/// <summary>Issue 16, part 3: over generated milestone texts (CsCheck, so a failure shrinks to a small case and its seed
/// is printed), milestones come out in order, exactly the dates written, and the last is the deadline.</summary>
public class MilestonePropertyTests
{
    private static readonly string[] Separators = ["和", "、", ",", ";", "及", "以及", "\uFF0C", "\uFF1B"];

    /// <summary>One date of the plan year written in one of the forms, with the date it means.</summary>
    private static Gen<(string Text, DateOnly Date)> Written(int year) => Gen.OneOf(
        Gen.Int[1, 12].Select(m => ($"{m}月底", new DateOnly(year, m, DateTime.DaysInMonth(year, m)))),
        Gen.Int[1, 12].SelectMany(m => Gen.Int[1, DateTime.DaysInMonth(year, m)].Select(d => ($"{m}月{d}日", new DateOnly(year, m, d)))),
        Gen.Int[1, 4].Select(q => ($"第{q}季度末", new DateOnly(year, q * 3, DateTime.DaysInMonth(year, q * 3)))),
        Gen.OneOf(("上半年", new DateOnly(year, 6, 30)), ("年底", new DateOnly(year, 12, 31)), ("全年", new DateOnly(year, 12, 31))));

    private static readonly Gen<(int Year, (string Text, DateOnly Date)[] Parts, string[] Separators, bool Due)> Texts =
        Gen.Int[PlanYears.First, PlanYears.Last].SelectMany(year =>
            Gen.Select(Written(year).Array[1, 6], Gen.OneOf(Separators).Array[5], Gen.Bool, (parts, separators, due) => (year, parts, separators, due)));

    // 「上半年前」 is refused on purpose (it could mean "before the first half begins"), and 「全年前」 says nothing; those two
    // take 「完成」 alone.
    private static string Join((string Text, DateOnly Date)[] parts, string[] separators, bool due)
        => string.Concat(parts.Select((p, i) => (i == 0 ? "" : separators[i - 1]) + p.Text))
            + (!due ? "" : parts[^1].Text is "上半年" or "全年" ? "完成" : "前完成");

    [Fact]
    public void Written_in_order_the_milestones_are_the_dates_written_and_the_last_is_the_deadline()
    {
        Texts.Where(t => IsIncreasing(t.Parts.Select(p => p.Date).ToArray())).Sample(t =>
        {
            var deadline = DeadlineParser.Parse(Join(t.Parts, t.Separators, t.Due), t.Year);

            Assert.Equal(t.Parts.Select(p => p.Date), deadline.Milestones);
            Assert.True(IsIncreasing(deadline.Milestones.ToArray()));
            Assert.Equal(deadline.Milestones[^1], deadline.Date);
        }, iter: 2_000);
    }

    [Fact]
    public void Written_out_of_order_or_twice_they_are_refused_never_reordered()
    {
        Texts.Where(t => t.Parts.Length > 1 && !IsIncreasing(t.Parts.Select(p => p.Date).ToArray())).Sample(t =>
        {
            var error = Assert.Throws<PlanFormatException>(() => DeadlineParser.Parse(Join(t.Parts, t.Separators, t.Due), t.Year));
            Assert.Contains("时间节点须按先后顺序书写", error.Message);
        }, iter: 1_000);
    }

    private static bool IsIncreasing(IReadOnlyList<DateOnly> dates) => dates.Zip(dates.Skip(1)).All(pair => pair.First < pair.Second);
}
