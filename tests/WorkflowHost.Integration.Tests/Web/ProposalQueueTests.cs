using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>
/// Issue 14 part 1 on the page and the API: by 15 August the 2024 plan has many 通报 and 约谈 proposals; the working
/// group filters them by step, task, unit and area, pages through them with the totals said, decides several at once
/// and comes back to the same filtered page; bad filters and decisions are refused in Chinese, naming the field, with
/// nothing changed. On a host of its own: the clock moves.
/// </summary>
public sealed partial class ProposalQueueTests(WebHostFixture host) : IClassFixture<WebHostFixture>
{
    private static readonly DateTimeOffset MidAugust = new(2024, 8, 15, 9, 30, 0, TimeSpan.FromHours(8));

    /// <summary>The working group on 15 August (the first test of the class moves the host's clock there).</summary>
    private async Task<HttpClient> WorkingGroupAsync()
    {
        if (host.Services.GetRequiredService<TimeProvider>().GetUtcNow() < MidAugust)
        {
            var admin = await host.SignedInAsync("admin");
            var moved = await admin.PostAsJsonAsync("/api/clock/advance", new { to = MidAugust });
            Assert.True(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync());
        }
        return await host.SignedInAsync("zhuanban");
    }

    private async Task<WorkflowDbContext> DbAsync() => await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();

    private static (int Total, int Page, int Pages) Totals(string page)
    {
        var match = TotalsLine().Match(page);
        Assert.True(match.Success, "no totals line on the queue");
        return (int.Parse(match.Groups[1].Value), int.Parse(match.Groups[3].Value), int.Parse(match.Groups[4].Value));
    }

    [Fact]
    public async Task The_working_group_filters_pages_and_decides_several_proposals_at_once()
    {
        var group = await WorkingGroupAsync();
        int awaiting, circulars;
        List<long> firstCirculars;
        await using (var db = await DbAsync())
        {
            awaiting = await db.EscalationProposals.CountAsync(p => p.Status == "awaiting");
            circulars = await db.EscalationProposals.CountAsync(p => p.Status == "awaiting" && p.Step == "circular");
            Assert.True(awaiting > 20, $"only {awaiting} proposals await the working group on 15 August");
            Assert.True(await db.EscalationProposals.AnyAsync(p => p.Step == "summons"), "no 约谈 proposed by 15 August");
            firstCirculars = await db.EscalationProposals.Where(p => p.Status == "awaiting" && p.Step == "circular")
                .Join(db.PlanTasks, p => p.TaskId, t => t.Id, (p, t) => new { p.Id, p.Day, t.No }).OrderBy(x => x.Day).ThenBy(x => x.No).ThenBy(x => x.Id)
                .Select(x => x.Id).Take(2).ToListAsync();
        }

        // Every proposal is counted and reachable: 20 a page, the last page holds the rest, a page past it shows the last.
        var page = WebUtility.HtmlDecode(await group.GetStringAsync("/board/proposals"));
        var pages = (awaiting + 19) / 20;
        Assert.Equal((awaiting, 1, pages), Totals(page));
        var last = WebUtility.HtmlDecode(await group.GetStringAsync($"/board/proposals?p={pages + 5}"));
        Assert.Equal((awaiting, pages, pages), Totals(last));
        Assert.Equal(awaiting - (pages - 1) * 20, ProposalCards().Matches(last).Count);
        Assert.Contains("拟通报", page);
        Assert.Contains("拟约谈", page);

        // Filtered by step: only 通报, and the decision comes back to the same filtered page.
        var filtered = WebUtility.HtmlDecode(await group.GetStringAsync("/board/proposals?step=circular"));
        Assert.Equal(circulars, Totals(filtered).Total);
        Assert.DoesNotContain("拟约谈 ·", filtered);
        var back = await PageForms.PostFormAsync(group, "/board/proposals?step=circular", "Decide",
            [new("ids", firstCirculars[0].ToString()), new("ids", firstCirculars[1].ToString()), new("decision", "approve"), new("confirm", "approve")]);
        Assert.Equal("/board/proposals?step=circular", back.OriginalString);
        var after = WebUtility.HtmlDecode(await group.GetStringAsync(back));
        Assert.Contains("已批准 2 项", after);
        Assert.Equal(circulars - 2, Totals(after).Total);
        await using (var db = await DbAsync())
        {
            var numbers = await db.EscalationProposals.Where(p => firstCirculars.Contains(p.Id)).OrderBy(p => p.Id)
                .Join(db.Documents, p => p.DocumentId, d => d.Id, (p, d) => d.Number).ToListAsync();
            Assert.Equal(["甘安委办通报〔2024〕1号", "甘安委办通报〔2024〕2号"], numbers);
        }
        var issued = WebUtility.HtmlDecode(await group.GetStringAsync("/board/proposals?status=issued"));
        Assert.Contains("甘安委办通报〔2024〕2号", issued);

        // A refusal without its reason is refused, the typed nothing kept, nothing changed.
        var third = await NextAwaitingAsync("circular");
        var refused = await PageForms.PostFormAsync(group, "/board/proposals", "Decide", [new("ids", third.ToString()), new("decision", "refuse"), new("reason", ""), new("confirm", "refuse")]);
        Assert.Contains("不予印发须说明理由", WebUtility.HtmlDecode(await group.GetStringAsync(refused)));
        await using (var db = await DbAsync())
            Assert.Equal("awaiting", await db.EscalationProposals.Where(p => p.Id == third).Select(p => p.Status).SingleAsync());

        // Issue 15 part 5: a bulk decision without its confirmation box ticked is refused (the server checks it, so
        // it holds without JavaScript), the reason typed kept, nothing issued; the box of the other decision is no
        // confirmation of this one.
        foreach (var confirm in new[] { null, "refuse" })
        {
            var unconfirmed = await PageForms.PostFormAsync(group, "/board/proposals", "Decide",
                [new("ids", third.ToString()), new("decision", "approve"), new("reason", "理由保留"), .. confirm is null ? [] : new KeyValuePair<string, string>[] { new("confirm", confirm) }]);
            Assert.Contains("请勾选“确认批准印发”后再提交", WebUtility.HtmlDecode(await group.GetStringAsync(unconfirmed)));
        }
        await using (var db = await DbAsync())
            Assert.Equal("awaiting", await db.EscalationProposals.Where(p => p.Id == third).Select(p => p.Status).SingleAsync());
    }

    [Fact]
    public async Task A_unit_is_struck_on_the_page_and_its_row_says_where_it_stands()
    {
        var group = await WorkingGroupAsync();
        long proposal, struck, assignment;
        await using (var db = await DbAsync())
        {
            var members = await db.Escalations.Where(e => e.Status == EscalationStatuses.AwaitingApproval && e.ProposalId != null)
                .GroupBy(e => e.ProposalId!.Value).Where(g => g.Count() > 2).Select(g => new { Proposal = g.Key, Last = g.Max(e => e.Id) }).FirstAsync();
            (proposal, struck) = (members.Proposal, members.Last);
            assignment = await db.Escalations.Where(e => e.Id == struck).Select(e => e.AssignmentId).SingleAsync();
        }
        var detail = WebUtility.HtmlDecode(await group.GetStringAsync($"/assignments/{assignment}"));
        Assert.Contains($"第{proposal}号拟办", detail);

        var back = await PageForms.PostFormAsync(group, "/board/proposals", "Strike", [new("proposalId", proposal.ToString()), new("escalationIds", struck.ToString())]);
        Assert.Equal($"/board/proposals#p{proposal}", back.OriginalString);
        var page = WebUtility.HtmlDecode(await group.GetStringAsync("/board/proposals?status=all&unit=" + await UnitOfAsync(assignment)));
        Assert.Contains("已将 1 个单位移出名单", page);
        Assert.Matches($"<li data-escalation=\"{struck}\" class=\"struck\">", page);
        Assert.Contains("已移出拟办名单", page);
    }

    [Theory]
    [InlineData("step=bogus", "step", "督办措施")]
    [InlineData("task=0", "task", "任务序号")]
    [InlineData("area=moon", "area", "区域")]
    [InlineData("status=done", "status", "状态")]
    [InlineData("p=0", "page", "页码")]
    public async Task A_bad_filter_is_refused_in_Chinese_naming_its_field(string query, string field, string title)
    {
        var group = await WorkingGroupAsync();
        var page = await group.GetAsync("/board/proposals?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        var text = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains(title, text);
        Assert.DoesNotContain("(unknown", text);

        // The page calls its page number p (Razor Pages routes by "page"); the API calls it page.
        var api = await group.GetAsync("/api/proposals?" + (query.StartsWith("p=") ? "page=" + query[2..] : query));
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        var problem = JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task The_API_lists_and_decides_as_the_page_does_and_refuses_what_is_not_awaiting()
    {
        var group = await WorkingGroupAsync();
        var listed = JsonDocument.Parse(await group.GetStringAsync("/api/proposals?task=1&status=all")).RootElement;
        Assert.True(listed.GetProperty("total").GetInt32() >= 1);
        Assert.All(listed.GetProperty("items").EnumerateArray(), p => Assert.Equal(1, p.GetProperty("taskNo").GetInt32()));
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), p => p.GetProperty("units").GetArrayLength() > 10);

        var unknown = await group.PostAsJsonAsync("/api/proposals/decisions", new { ids = new[] { 987654 }, decision = "approve" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var maybe = await group.PostAsJsonAsync("/api/proposals/decisions", new { ids = new[] { 1 }, decision = "maybe" });
        Assert.Equal(HttpStatusCode.BadRequest, maybe.StatusCode);
        Assert.Contains("decision", await maybe.Content.ReadAsStringAsync());

        var id = await NextAwaitingAsync("summons");
        var approved = await group.PostAsync($"/api/proposals/{id}/approval", null);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var again = await group.PostAsync($"/api/proposals/{id}/approval", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("已印发", await again.Content.ReadAsStringAsync());
        var document = await group.GetAsync($"/api/proposals/{id}/document");
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);

        // A unit reaches none of it.
        var clerk = await host.SignedInAsync("yjt-clerk");
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/api/proposals")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.PostAsync($"/api/proposals/{id}/approval", null)).StatusCode);
        // The digest's link opens the queue filtered to its task and step.
        var link = await group.GetAsync("/escalations?task=1&step=circular");
        var landed = link.StatusCode == HttpStatusCode.Redirect ? link.Headers.Location!.OriginalString : link.RequestMessage!.RequestUri!.PathAndQuery;
        Assert.Equal("/board/proposals?task=1&step=circular", landed);
    }

    private async Task<long> NextAwaitingAsync(string step)
    {
        await using var db = await DbAsync();
        return await db.EscalationProposals.Where(p => p.Status == "awaiting" && p.Step == step).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
    }

    private async Task<long> UnitOfAsync(long assignment)
    {
        await using var db = await DbAsync();
        return await db.Assignments.Where(a => a.Id == assignment).Select(a => a.UnitId).SingleAsync();
    }

    [GeneratedRegex(@"共 <strong>(\d+)</strong> 项,涉及 <strong>(\d+)</strong> 个单位 · 第 (\d+)/(\d+) 页")]
    private static partial Regex TotalsLine();

    [GeneratedRegex("<article class=\"card proposal\"")]
    private static partial Regex ProposalCards();
}
