namespace WorkflowHost.Hosting;

/// <summary>
/// The folder holding the top-level <c>appsettings.json</c>, <c>seed-data/</c> and <c>workflows/</c>. Relative paths in
/// the configuration are resolved against it, so the product behaves the same whether started with
/// <c>dotnet run --project src/WorkflowHost</c> from the repository, or from a published folder.
/// </summary>
public static class ProductRoot
{
    public const string EnvironmentVariable = "WORKFLOWHOST_ROOT";

    public static string Locate()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured)
            return Path.GetFullPath(configured);
        return FindUpwards(Directory.GetCurrentDirectory())
               ?? FindUpwards(AppContext.BaseDirectory)
               ?? throw new InvalidOperationException(
                   $"cannot find the product folder (appsettings.json beside seed-data/) above '{Directory.GetCurrentDirectory()}'; set {EnvironmentVariable}");
    }

    private static string? FindUpwards(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "appsettings.json")) && Directory.Exists(Path.Combine(dir.FullName, "seed-data")))
                return dir.FullName;
        }
        return null;
    }
}
