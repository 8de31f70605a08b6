using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Hosting;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Plans;
using WorkflowHost.Infrastructure.Workflows;

namespace WorkflowHost.Web.Plans;

/// <summary>The import review's services: the reviews under way (one store for the process) and the reviewer, which
/// writes aliases and new units into the configured directory file.</summary>
public static class ImportReviewServices
{
    /// <summary>The page's upload: the largest list plus the plan's facts and multipart framing.</summary>
    public static RequestSizeLimitAttribute RequestLimit { get; } = new(ImportReviewInput.MaxFileBytes + 64 * 1024);

    public static IServiceCollection AddImportReview(this IServiceCollection services, ProductSettings settings)
    {
        services.AddSingleton<ImportReviewStore>();
        services.AddSingleton(sp => new ImportReviewer(sp.GetRequiredService<IDbContextFactory<WorkflowDbContext>>(),
            sp.GetRequiredService<WorkflowRuntime>(), sp.GetRequiredService<ImportReviewStore>(), settings.UnitsFile));
        return services;
    }
}
