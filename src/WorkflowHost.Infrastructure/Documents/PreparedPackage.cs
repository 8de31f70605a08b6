using System.IO.Compression;

namespace WorkflowHost.Infrastructure.Documents;

/// <summary>
/// A .docx package written once by the OpenXml SDK, kept as its parts' bytes, so that a document is the same package
/// with only its main part written anew. Opening a package, creating its parts and relationships and deflating each
/// of them cost ≈ 2 ms a document — the whole of a 督办函, and a national morning has thousands — while every part but
/// the text (footers, settings, fonts, relationships, content types) is the same for every document.
/// </summary>
internal sealed class PreparedPackage
{
    private readonly IReadOnlyList<(string Name, byte[] Content)> _parts;
    private readonly string _main;

    /// <param name="package">The package as the SDK wrote it, its main part a placeholder.</param>
    /// <param name="mainPart">The main part's name in the package (word/document.xml).</param>
    public PreparedPackage(byte[] package, string mainPart)
    {
        using var zip = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        _parts = zip.Entries.Select(e => (e.FullName, Read(e))).ToList();
        _main = mainPart;
        if (!_parts.Any(p => p.Name == mainPart)) throw new ArgumentException($"the package has no part {mainPart}", nameof(mainPart));
    }

    /// <summary>The package with its main part written by <paramref name="writeMain"/>, the other parts as prepared and
    /// in the same order. They are stored, not deflated again: each is under a kilobyte, and a deflater's set-up costs
    /// more than the bytes it would save.</summary>
    public byte[] With(Action<Stream> writeMain)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in _parts)
            {
                var main = name == _main;
                using var part = zip.CreateEntry(name, main ? CompressionLevel.Optimal : CompressionLevel.NoCompression).Open();
                if (main) writeMain(part);
                else part.Write(content);
            }
        }
        return stream.ToArray();
    }

    private static byte[] Read(ZipArchiveEntry entry)
    {
        using var content = entry.Open();
        using var copy = new MemoryStream();
        content.CopyTo(copy);
        return copy.ToArray();
    }
}
