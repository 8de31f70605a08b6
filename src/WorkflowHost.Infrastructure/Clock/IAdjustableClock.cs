namespace WorkflowHost.Infrastructure.Clock;

/// <summary>A clock that can be moved forward: the virtual clock in the product, a fake one in tests.</summary>
public interface IAdjustableClock
{
    DateTimeOffset GetUtcNow();

    void MoveTo(DateTimeOffset instant);
}
