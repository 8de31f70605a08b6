namespace WorkflowHost.Engine.Units;

/// <summary>A unit directory that cannot be used. The message names the file (or source) and the unit, group or field at fault.</summary>
public sealed class DirectoryFormatException(string message) : Exception(message);
