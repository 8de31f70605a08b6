using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowHost.Engine.Calendar;
using WorkflowHost.Infrastructure.Clock;
using WorkflowHost.Web.Clock;
using WorkflowHost.Web.Security;

namespace WorkflowHost.Web.Pages.Admin;

/// <summary>The administrator moves the virtual clock forward; every reminder, overdue and escalation in between
/// happens as if the time had passed.</summary>
public sealed class ClockModel(ClockControl clock, AuditLog audit) : PageModel
{
    public ClockControl Clock => clock;

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(DateOnly? date, int? days, CancellationToken cancel)
    {
        var (target, badDays) = date is { } d
            ? (ChinaTime.At(d, new TimeOnly(9, 0)), null)
            : days is { } n ? ClockMove.ByDays(clock.Now, n) : (null, null);
        if (target is null)
        {
            TempData["Problem"] = badDays ?? "请选择日期或天数";
            return Redirect("/admin/clock");
        }
        var (fired, refusal) = await clock.AdvanceToAsync(target.Value, cancel);
        await audit.WriteAsync(CurrentUser.From(User), "advance-clock", target.Value.ToString("O"), refusal is null ? AuditLog.Done : AuditLog.Refused, refusal ?? $"{fired} timers fired", cancel);
        TempData[refusal is null ? "Message" : "Problem"] = refusal ?? $"时钟已调整到 {clock.Now:yyyy-MM-dd HH:mm},期间触发 {fired} 个定时事项";
        return Redirect("/admin/clock");
    }
}
