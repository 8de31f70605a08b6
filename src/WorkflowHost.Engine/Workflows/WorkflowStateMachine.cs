using System.Runtime.CompilerServices;
using Stateless;
using Stateless.Graph;

namespace WorkflowHost.Engine.Workflows;

/// <summary>
/// Runs commands against a definition's state machine. Pure: the caller passes the current state (from storage) and
/// whether the due date has passed (from its clock), and stores the new state itself.
/// </summary>
public static class WorkflowStateMachine
{
    // Guard descriptions show up in the DOT diagram.
    private const string NotPastDueGuard = "未逾期 (not past due)";
    private const string PastDueGuard = "已逾期 (past due)";

    /// <summary>
    /// Fires <paramref name="trigger"/> in <paramref name="currentState"/>. Where the transition names a
    /// <c>toWhenPastDue</c> state, <paramref name="pastDue"/> chooses between it and <c>to</c>.
    /// Does not check reasons; use the overload with a reason for commands that carry one.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="currentState"/> is not a state of the definition (a stored instance that does not match its definition version).</exception>
    public static TransitionResult Fire(WorkflowDefinition def, string currentState, string trigger, bool pastDue)
    {
        var current = def.State(currentState);
        // Any transition with this trigger gives the command's title and precondition for a refusal.
        var command = def.Transitions.FirstOrDefault(t => t.Trigger == trigger);
        if (command is null)
            return TransitionResult.Refused(RefusalText.UnknownTrigger(def, current, trigger));

        var runner = Runner.For(def);
        (runner.State, runner.PastDue) = (currentState, pastDue);
        if (!runner.Machine.CanFire(trigger))
            return TransitionResult.Refused(RefusalText.NotPermitted(current, command));

        runner.Machine.Fire(trigger);
        return TransitionResult.To(runner.State);
    }

    /// <summary>A definition's machine, built once per thread and given the instance's state and clock each time:
    /// building it for every firing was half of the engine's deciding in a storm (95,000 machines built, 0.6 s). One per
    /// thread because a Stateless machine is not safe to share; held weakly, so a reloaded definition's goes with it.</summary>
    private sealed class Runner
    {
        [ThreadStatic] private static ConditionalWeakTable<WorkflowDefinition, Runner>? _built;

        public string State = "";
        public bool PastDue;
        public readonly StateMachine<string, string> Machine;

        private Runner(WorkflowDefinition def) => Machine = Build(def, () => State, s => State = s, () => PastDue);

        public static Runner For(WorkflowDefinition def) => (_built ??= []).GetValue(def, d => new Runner(d));
    }

    /// <summary>
    /// As <see cref="Fire(WorkflowDefinition, string, string, bool)"/>, and also refuses a command whose transition
    /// requires a reason (退回, 申请延期) when <paramref name="reason"/> is blank.
    /// </summary>
    public static TransitionResult Fire(WorkflowDefinition def, string currentState, string trigger, bool pastDue, string? reason)
    {
        var result = Fire(def, currentState, trigger, pastDue);
        if (!result.Allowed)
            return result;
        var transition = def.Transitions.First(t => t.Trigger == trigger && t.From.Contains(currentState));
        return transition.RequiresReason && string.IsNullOrWhiteSpace(reason)
            ? TransitionResult.Refused(RefusalText.ReasonMissing(def.State(currentState), transition))
            : result;
    }

    /// <summary>The triggers that would be accepted in <paramref name="state"/>, in definition order.</summary>
    /// <exception cref="ArgumentException"><paramref name="state"/> is not a state of the definition.</exception>
    public static IReadOnlyList<string> PermittedTriggers(WorkflowDefinition def, string state, bool pastDue)
    {
        _ = def.State(state);
        var runner = Runner.For(def);
        (runner.State, runner.PastDue) = (state, pastDue);
        return def.Transitions.Select(t => t.Trigger).Distinct().Where(runner.Machine.CanFire).ToList().AsReadOnly();
    }

    /// <summary>A Mermaid <c>stateDiagram-v2</c> with the Chinese titles; <paramref name="currentState"/>, when given, is highlighted.</summary>
    public static string ToMermaid(WorkflowDefinition def, string? currentState = null) =>
        MermaidDiagram.Render(def, currentState);

    /// <summary>A Graphviz DOT diagram of the machine as Stateless sees it (state and trigger keys, past-due guards).</summary>
    public static string ToDot(WorkflowDefinition def)
    {
        var state = def.InitialState;
        return UmlDotGraph.Format(Build(def, () => state, s => state = s, pastDue: () => false).GetInfo());
    }

    private static StateMachine<string, string> Build(WorkflowDefinition def, Func<string> read, Action<string> write, Func<bool> pastDue)
    {
        var machine = new StateMachine<string, string>(read, write);
        foreach (var state in def.States)
            machine.Configure(state.Name);

        foreach (var transition in def.Transitions)
        {
            foreach (var from in transition.From)
            {
                var configuration = machine.Configure(from);
                if (transition.ToWhenPastDue is not { } whenPastDue || whenPastDue == transition.To)
                {
                    Permit(configuration, from, transition.Trigger, transition.To, guard: null, "");
                }
                else
                {
                    Permit(configuration, from, transition.Trigger, transition.To, () => !pastDue(), NotPastDueGuard);
                    Permit(configuration, from, transition.Trigger, whenPastDue, pastDue, PastDueGuard);
                }
            }
        }
        return machine;
    }

    // Stateless refuses Permit into the state being left; a definition may still say "stay here", which is a re-entry.
    // Unguarded transitions use plain Permit so that the DOT diagram does not label them with an empty guard "[]".
    private static void Permit(
        StateMachine<string, string>.StateConfiguration configuration, string from, string trigger, string to,
        Func<bool>? guard, string guardDescription)
    {
        switch (guard, to == from)
        {
            case (null, true):
                configuration.PermitReentry(trigger);
                break;
            case (null, false):
                configuration.Permit(trigger, to);
                break;
            case (not null, true):
                configuration.PermitReentryIf(trigger, guard, guardDescription);
                break;
            default:
                configuration.PermitIf(trigger, to, guard, guardDescription);
                break;
        }
    }
}
