using DocumentFormat.OpenXml.Packaging;

namespace WorkflowHost.Integration.Tests.Support;

/// <summary>The running text of a generated .docx's body, as a reader of the document sees it.</summary>
public static class DocxText
{
    public static string Of(byte[] docx)
    {
        using var word = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return word.MainDocumentPart!.Document.Body!.InnerText;
    }
}
