using Microsoft.EntityFrameworkCore;

namespace WorkflowHost.Hosting;

public static class ModelWarmup
{
    /// <summary>
    /// Readies EF Core's model on a thread-pool thread while the host is still being composed. The model itself is
    /// compiled (DatabaseOptions.Configure), but its runtime initialisation and the relational model (tables, columns,
    /// built lazily at the first query or migration check) are still JIT-bound work, and the rest of start-up runs on
    /// one thread, so on a machine with a second core it comes nearly free. Both are cached with the model, so the
    /// host's own contexts find them built (or wait for them). Any failure is left to the start path, which builds the
    /// same again and reports the error where it belongs.
    /// </summary>
    public static void StartModelWarmup(this ProductSettings settings) => _ = Task.Run(() =>
    {
        try
        {
            using var db = settings.CreateDbContext();
            _ = db.Model.GetRelationalModel();
        }
        catch (Exception)
        {
            // Reported by the start path (see above).
        }
    });
}
