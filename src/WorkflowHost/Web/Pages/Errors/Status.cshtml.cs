using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace WorkflowHost.Web.Pages.Errors;

/// <summary>What a browser is shown for an error status (404, 400, 500 …): a page in Chinese, with the original
/// status kept. The API answers problem details instead (see <see cref="WebApp"/>).</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken] // re-executed for a refused POST as well, whose token may be the very problem
public sealed class StatusModel : PageModel
{
    public string Title { get; private set; } = "";
    public string Explanation { get; private set; } = "";

    public void OnGet(int code) => Describe(code);

    public void OnPost(int code) => Describe(code);

    private void Describe(int code) => (Title, Explanation) = code switch
    {
        404 => ("没有找到", "没有找到该页面或承办任务:地址可能有误,或该任务已不存在。"),
        400 => ("请求有误", "提交的内容无法识别,请返回上一页重新填写后再提交。"),
        405 => ("请求有误", "该页面不支持这样的操作,请从页面上的按钮办理。"),
        413 => ("内容过大", "提交的内容或文件超过了允许的大小,请减少后再提交。"),
        415 => ("格式不支持", "提交的内容格式不受支持。"),
        429 => ("操作过于频繁", "操作过于频繁,请稍候再试。"),
        >= 500 => ("系统出错", "系统处理时出错,已记录在案,请稍后再试;如反复出现,请联系系统管理员。"),
        _ => ("无法完成", "该请求无法完成,请返回首页重试。"),
    };
}
