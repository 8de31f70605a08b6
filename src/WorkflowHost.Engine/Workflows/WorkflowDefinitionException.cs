namespace WorkflowHost.Engine.Workflows;

/// <summary>A workflow definition that cannot be used. The message starts with the file it came from and names every problem.</summary>
public sealed class WorkflowDefinitionException(string message) : Exception(message);
