using System.CommandLine;
using WorkflowHost.Engine.Workflows;
using WorkflowHost.Hosting;

namespace WorkflowHost.Cli;

/// <summary><c>workflows list</c>, <c>workflows diagram ID [--version N] [--format mermaid|dot]</c>.</summary>
public static class WorkflowsVerb
{
    public static Command Create(ProductSettings settings) => new("workflows", "The workflow definitions in workflows/")
    {
        List(settings),
        Diagram(settings),
    };

    private static Command List(ProductSettings settings)
    {
        var command = new Command("list", "List the definitions (validating every file)");
        command.SetAction(_ => WithCatalog(settings, catalog =>
        {
            foreach (var definition in catalog.All)
                Console.WriteLine($"{definition.Key,-20} {definition.Title}  ({definition.States.Count} states, {definition.Transitions.Count} transitions)");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Diagram(ProductSettings settings)
    {
        var id = new Argument<string>("id") { Description = "a definition id, e.g. dated-task" };
        var version = new Option<int?>("--version") { Description = "the version (default: the latest)" };
        var format = new Option<string>("--format") { Description = "mermaid or dot", DefaultValueFactory = _ => "mermaid" };
        format.AcceptOnlyFromAmong("mermaid", "dot");
        var command = new Command("diagram", "Print a definition's state diagram") { id, version, format };
        command.SetAction(parse => WithCatalog(settings, catalog =>
        {
            var wanted = parse.GetValue(id)!;
            var definition = catalog.All.Where(d => d.Id == wanted && (parse.GetValue(version) is not { } v || d.Version == v))
                .OrderByDescending(d => d.Version).FirstOrDefault();
            if (definition is null)
            {
                Console.Error.WriteLine($"error: no workflow definition '{wanted}'{(parse.GetValue(version) is { } v ? $" version {v}" : "")}; known: {string.Join(", ", catalog.All.Select(d => d.Key))}");
                return ExitCodes.BadInput;
            }
            Console.Write(parse.GetValue(format) == "dot" ? WorkflowStateMachine.ToDot(definition) : WorkflowStateMachine.ToMermaid(definition));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static int WithCatalog(ProductSettings settings, Func<WorkflowDefinitionCatalog, int> use)
    {
        try
        {
            return use(settings.LoadDefinitions());
        }
        catch (WorkflowDefinitionException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
    }
}
