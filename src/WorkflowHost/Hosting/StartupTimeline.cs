using System.Diagnostics;

namespace WorkflowHost.Hosting;

/// <summary>
/// When each step of the host's start was reached, measured from the process's own start (as the OS records it, so
/// the runtime's start and JIT before <c>Main</c> count too). Logged once, at the first answered request, under
/// <c>WorkflowHost.Startup</c>: "where does start-up go" is then a log line, not a guess. A few timestamps, always on.
/// </summary>
public static class StartupTimeline
{
    private static readonly DateTime ProcessStart = Process.GetCurrentProcess().StartTime.ToUniversalTime();
    private static readonly List<(string Step, TimeSpan At)> Steps = [];
    private static int _reported;

    public static void Mark(string step)
    {
        lock (Steps) Steps.Add((step, DateTime.UtcNow - ProcessStart));
    }

    public static string Describe()
    {
        lock (Steps) return string.Join(", ", Steps.Select(s => $"{s.Step} {s.At.TotalSeconds:F2} s"));
    }

    /// <summary>Marks when the host listens (every hosted service started) and logs the timeline at the first request.</summary>
    public static void UseStartupTimeline(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() => Mark("listening"));
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("WorkflowHost.Startup");
        app.Use(async (context, next) =>
        {
            if (Volatile.Read(ref _reported) == 0 && Interlocked.Exchange(ref _reported, 1) == 0)
            {
                Mark("first request");
                log.LogInformation("start-up timeline (since process start): {Timeline}", Describe());
            }
            await next(context);
        });
    }
}
