using Microsoft.EntityFrameworkCore;

namespace WorkflowHost.Infrastructure.Workflows.Commands;

/// <summary>Runs a command's read-decide-write attempt again when another writer changed the assignment between its
/// read and its write (the version column): on retry the attempt sees the winner's state and decides afresh.</summary>
public static class ConcurrencyRetry
{
    private const int Attempts = 3;

    public static async Task<T> RunAsync<T>(Func<Task<T>> attempt)
    {
        for (var tried = 1; ; tried++)
        {
            try
            {
                return await attempt();
            }
            catch (DbUpdateConcurrencyException) when (tried < Attempts)
            {
                // Read again and re-decide.
            }
        }
    }
}
