namespace WorkflowHost.Web.Files;

/// <summary>
/// The evidence files accepted, by extension, each checked against the file's first bytes: a renamed executable or
/// script is refused whatever its name says, and the content type sent back is ours, not the uploader's.
/// </summary>
public static class EvidenceFileTypes
{
    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04]; // docx, xlsx, pptx and zip are zip packages
    private static readonly byte[] Ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]; // doc, xls (Office 97-2003)

    private static readonly Dictionary<string, (string ContentType, byte[] Magic)> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = ("application/pdf", Pdf),
        [".png"] = ("image/png", Png),
        [".jpg"] = ("image/jpeg", Jpeg),
        [".jpeg"] = ("image/jpeg", Jpeg),
        [".docx"] = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", Zip),
        [".xlsx"] = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Zip),
        [".pptx"] = ("application/vnd.openxmlformats-officedocument.presentationml.presentation", Zip),
        [".zip"] = ("application/zip", Zip),
        [".doc"] = ("application/msword", Ole),
        [".xls"] = ("application/vnd.ms-excel", Ole),
    };

    /// <summary>Types a browser shows by itself, without any script of ours: offered as 预览 beside the download.</summary>
    public static bool Previewable(string contentType) => contentType is "application/pdf" or "image/png" or "image/jpeg";

    public static string Accepted => string.Join(" ", ByExtension.Keys);

    /// <summary>Accepted types that are zip packages, so their entries are inspected too.</summary>
    public static bool IsZipPackage(string fileName) =>
        ByExtension.TryGetValue(Path.GetExtension(fileName), out var type) && type.Magic == Zip;

    /// <summary>A .zip of evidence files (as opposed to an Office package, whose entries are XML parts).</summary>
    public static bool IsPlainArchive(string fileName) =>
        Path.GetExtension(fileName).Equals(".zip", StringComparison.OrdinalIgnoreCase);

    /// <summary>The content type to store and serve, or a refusal naming the file and what is wrong.</summary>
    public static (string? ContentType, string? Problem) Check(string fileName, ReadOnlySpan<byte> head)
    {
        var extension = Path.GetExtension(fileName);
        if (!ByExtension.TryGetValue(extension, out var type))
            return (null, $"“{fileName}”的类型不受支持,仅接受 {Accepted} (file type '{extension}' is not accepted)");
        if (!head.StartsWith(type.Magic))
            return (null, $"“{fileName}”的内容与扩展名 {extension} 不符 (the content of '{fileName}' is not {extension})");
        return (type.ContentType, null);
    }

    /// <summary>The uploader's name without any folder, control or reserved characters, at most 120 characters; used
    /// only for display and the download name, never as a path.</summary>
    public static string SafeName(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        var cleaned = new string(name.Where(c => !char.IsControl(c) && "/\\:*?\"<>|".IndexOf(c) < 0).ToArray()).Trim().TrimStart('.');
        if (cleaned.Length > 120)
            cleaned = cleaned[..(120 - Path.GetExtension(cleaned).Length)] + Path.GetExtension(cleaned);
        return cleaned.Length == 0 ? "附件" : cleaned;
    }
}
