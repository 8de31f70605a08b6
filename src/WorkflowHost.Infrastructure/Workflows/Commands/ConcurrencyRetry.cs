using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace WorkflowHost.Infrastructure.Workflows.Commands;

/// <summary>Runs a command's read-decide-write attempt again when another writer got in between: the version column
/// changed under it, or PostgreSQL chose it as the victim of a deadlock or a serialization failure (a command locks the
/// assignment, then its timers; a timer batch holds its timers, then updates their assignments). On retry the attempt
/// sees the winner's state and decides afresh.</summary>
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
            catch (Exception e) when (tried < Attempts && IsLostRace(e))
            {
                // Read again and re-decide.
            }
        }
    }

    private static bool IsLostRace(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
            if (current is DbUpdateConcurrencyException or PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure })
                return true;
        return false;
    }
}
