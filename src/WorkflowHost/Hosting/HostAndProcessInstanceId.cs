using Quartz.Extensibility;

namespace WorkflowHost.Hosting;

/// <summary>Names a node in Quartz's cluster tables by machine and process id instead of Quartz's machine-and-ticks:
/// in <c>qrtz_scheduler_state</c> and <c>qrtz_fired_triggers</c> an operator sees which process of which machine runs
/// the mail jobs. Unique among live nodes, which is what the cluster needs.</summary>
public sealed class HostAndProcessInstanceId : IInstanceIdGenerator
{
    public ValueTask<string> GenerateInstanceId(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult($"{Environment.MachineName}-{Environment.ProcessId}");
}
