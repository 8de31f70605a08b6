namespace WorkflowHost.Infrastructure.Documents;

/// <summary>A generated file, ready to download or attach.</summary>
public sealed record GeneratedDocument(string FileName, string ContentType, byte[] Content)
{
    public const string DocxContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
}
