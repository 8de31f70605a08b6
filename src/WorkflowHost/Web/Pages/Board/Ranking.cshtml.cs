using WorkflowHost.Web.Views;

namespace WorkflowHost.Web.Pages.Board;

/// <summary>晾晒: units ranked by on-time rate, then overdue count and escalations.</summary>
public sealed class RankingModel(DashboardQueries queries) : BoardPage(queries);
