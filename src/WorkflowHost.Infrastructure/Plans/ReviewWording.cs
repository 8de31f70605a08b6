namespace WorkflowHost.Infrastructure.Plans;

/// <summary>
/// The one-pass validation speaks to someone editing a plan folder (「在 plan.json 中用 defaultDeadline …」); on the
/// import review the same facts are fields of the upload form. This says the same problem in the form's words, so no
/// file or key name appears on the screen.
/// </summary>
public static class ReviewWording
{
    private static readonly (string Folder, string Form)[] Phrases =
    [
        ("或在 plan.json 中用 defaultDeadline 给出清单统一的完成时限", "或在本页为该任务设定,或上传时填写「统一完成时限」"),
        ("(取自 plan.json 的 defaultDeadline)", "(取自上传时填写的统一完成时限)"),
        ("若清单统一规定完成时限,可在 plan.json 中写 defaultDeadline", "若清单统一规定完成时限,可在上传时填写「统一完成时限」"),
        ("plan.json 的 annexTitle 所写的清单标题", "上传时填写的清单标题"),
    ];

    public static string ForForm(string message)
    {
        foreach (var (folder, form) in Phrases) message = message.Replace(folder, form, StringComparison.Ordinal);
        return message;
    }
}
