namespace WorkflowHost.Hosting;

public static class ModelWarmup
{
    /// <summary>
    /// Builds EF Core's model on a thread-pool thread while the host is still being composed: building it (conventions
    /// over every entity, mostly JIT-bound) is the largest single step of start-up, and the rest of start-up runs on one
    /// thread, so on a machine with a second core it comes nearly free. The model is cached per database configuration,
    /// so the host's own contexts find it built (or wait for it). Any failure is left to the start path, which builds
    /// the same model again and reports the error where it belongs.
    /// </summary>
    public static void StartModelWarmup(this ProductSettings settings) => _ = Task.Run(() =>
    {
        try
        {
            using var db = settings.CreateDbContext();
            _ = db.Model;
        }
        catch (Exception)
        {
            // Reported by the start path (see above).
        }
    });
}
