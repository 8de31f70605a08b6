using WorkflowHost.Web.Views;

namespace WorkflowHost.Web.Pages.Board;

/// <summary>挂图作战: the dated tasks on one timeline.</summary>
public sealed class WallModel(DashboardQueries queries) : BoardPage(queries);
