namespace WorkflowHost.Web.Views;

/// <summary>What the pager under a list needs: where the list stands, and the address of any of its pages (the view's
/// filters and search kept).</summary>
public sealed record PagerLinks(ListPaging Paging, Func<int, string> Href, string TestId);
