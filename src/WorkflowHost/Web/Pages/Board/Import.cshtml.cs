using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowHost.Infrastructure.Plans;
using WorkflowHost.Web.Security;

namespace WorkflowHost.Web.Pages.Board;

/// <summary>
/// 导入任务清单: the working group uploads a list with its plan facts, sees every task as read with its problems, maps or
/// adds the unknown names, sets missing deadlines and imports — or abandons the review. Nothing is stored before the
/// import (see <see cref="ImportReviewer"/>). Under /Board, so only the working group reaches it.
/// </summary>
public sealed class ImportModel(ImportReviewer reviewer, AuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Id { get; set; }

    public ImportReview? Review { get; private set; }
    public ReviewedPlan? Reviewed { get; private set; }
    public IReadOnlyList<string> DirectoryNames { get; private set; } = [];

    /// <summary>The upload form's refusals, every one at once, with what was typed kept.</summary>
    public IReadOnlyList<string> UploadProblems { get; private set; } = [];

    public IActionResult OnGet()
    {
        if (Id is null) return Page();
        if (Find() is not { } review) return Gone();
        Show(review);
        return Page();
    }

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, string? year, string? title, string? issuer, string? issuedOn,
        string? annexTitle, string? defaultDeadline, CancellationToken cancel)
    {
        var problems = new List<string>();
        if (ImportReviewInput.File(file?.FileName, file?.Length ?? 0) is { } fileProblem) problems.Add(fileProblem);
        var (facts, factProblems) = ImportReviewInput.Facts(year, title, issuer, issuedOn, annexTitle, defaultDeadline);
        problems.AddRange(factProblems);
        if (problems.Count > 0)
        {
            await audit.WriteAsync(CurrentUser.From(User), "review-plan", null, AuditLog.Refused, string.Join(";", problems), cancel);
            UploadProblems = problems;
            return Page();
        }
        using var bytes = new MemoryStream();
        await file!.CopyToAsync(bytes, cancel);
        var review = reviewer.Start(file.FileName, bytes.ToArray(), facts!);
        await audit.WriteAsync(CurrentUser.From(User), "review-plan", $"plan:{facts!.Year}", AuditLog.Done, review.FileName, cancel);
        return RedirectToPage(new { id = review.Id });
    }

    public IActionResult OnPostMap(string? name, string? target) => Decide(review => reviewer.Map(review, name, target), $"「{name}」已对应到「{target}」");

    public IActionResult OnPostAddUnit(string? name, string? fullName, string? kind, string? email) =>
        Decide(review => reviewer.AddUnit(review, name, fullName, kind, email), $"已添加新单位「{name}」");

    public IActionResult OnPostDeadline(int taskNo, string? deadline) =>
        Decide(review => reviewer.SetDeadline(review, taskNo, deadline), $"任务{taskNo}的完成时限已设为「{deadline}」");

    public async Task<IActionResult> OnPostImportAsync(CancellationToken cancel)
    {
        if (Find() is not { } review) return Gone();
        var (outcome, problem) = await reviewer.ImportAsync(review, cancel);
        await audit.WriteAsync(CurrentUser.From(User), "import-plan", $"plan:{review.Facts.Year}", problem is null ? AuditLog.Done : AuditLog.Refused,
            problem ?? $"{outcome!.Tasks}项任务,{outcome.Assignments}条承办任务", cancel);
        if (problem is not null)
        {
            TempData["Problem"] = problem;
            return RedirectToPage(new { id = review.Id });
        }
        TempData["Message"] = $"已导入{review.Facts.Year}年计划「{review.Facts.Title}」:{outcome!.Tasks}项任务,{outcome.Assignments}条承办任务";
        return Redirect("/board");
    }

    public IActionResult OnPostAbandon()
    {
        if (Id is { } id) reviewer.Store.Remove(id);
        TempData["Message"] = "已放弃这次导入,没有保存任何内容";
        return RedirectToPage(new { id = (Guid?)null });
    }

    private IActionResult Decide(Func<ImportReview, string?> decide, string done)
    {
        if (Find() is not { } review) return Gone();
        var problem = decide(review);
        TempData[problem is null ? "Message" : "Problem"] = problem ?? done;
        return RedirectToPage(new { id = review.Id });
    }

    private ImportReview? Find() => Id is { } id ? reviewer.Store.Find(id) : null;

    private IActionResult Gone()
    {
        TempData["Problem"] = "这次导入审核已不存在(已导入、已放弃或服务已重启),请重新上传清单";
        return RedirectToPage(new { id = (Guid?)null });
    }

    private void Show(ImportReview review)
    {
        Review = review;
        Reviewed = reviewer.Read(review);
        DirectoryNames = Reviewed.Directory.Units.Select(u => u.Name).Concat(Reviewed.Directory.Groups.Select(g => g.Name)).ToList();
    }
}
