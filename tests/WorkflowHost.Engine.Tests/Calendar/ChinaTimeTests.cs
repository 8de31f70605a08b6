using Microsoft.Extensions.Time.Testing;
using WorkflowHost.Engine.Calendar;

namespace WorkflowHost.Engine.Tests.Calendar;

public class ChinaTimeTests
{
    [Fact]
    public void At_gives_a_plus_eight_offset()
    {
        var at = ChinaTime.At(new DateOnly(2024, 7, 1), new TimeOnly(9, 30));

        Assert.Equal(TimeSpan.FromHours(8), at.Offset);
        Assert.Equal(new DateTimeOffset(2024, 7, 1, 1, 30, 0, TimeSpan.Zero), at.ToUniversalTime());
    }

    [Fact]
    public void The_china_date_changes_at_midnight_china_time()
    {
        // 16:30 UTC on 31 December is 00:30 on 1 January in China.
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 12, 31, 16, 30, 0, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2025, 1, 1), ChinaTime.Today(clock));
    }
}
