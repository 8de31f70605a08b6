namespace WorkflowHost.Engine.Plans;

/// <summary>Input that does not say what the plan format expects. The message names the text that was wrong.</summary>
public sealed class PlanFormatException(string message) : Exception(message);
