using System.IO.Compression;

namespace WorkflowHost.Web.Files;

/// <summary>How far an uploaded zip may go before it is refused (section <c>WorkflowHost:Web</c>).</summary>
public sealed record ArchiveLimits(int MaxEntries, long MaxUncompressedBytes, int MaxCompressionRatio)
{
    /// <summary>Below this many inflated bytes an entry's ratio is not judged: tiny files compress absurdly well
    /// (a few kilobytes of zeros) without being a bomb.</summary>
    public const long RatioFloorBytes = 1024 * 1024;
}

/// <summary>
/// Looks inside an uploaded zip package without writing anything to disk: every entry's name, flags and real
/// inflated content. A plain .zip of evidence must hold only evidence files (the same magic-byte check as a
/// single upload, no archive inside an archive); an Office package (.docx, .xlsx, .pptx) is a zip of XML parts, so
/// only the structural rules apply to it. Sizes are judged twice: the headers' declared sizes first (cheap), then the
/// bytes actually inflated, counted as they come and cut off at the limit, because headers can lie.
/// </summary>
public static class ArchiveInspector
{
    private static readonly HashSet<string> ArchiveExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".zip", ".rar", ".7z", ".gz", ".tgz", ".tar", ".bz2", ".xz", ".zst", ".cab", ".jar", ".iso", ".arj", ".lz", ".lzma",
    };

    /// <summary>The refusal naming the archive, the entry and the reason, or null when the archive is acceptable.</summary>
    public static string? Problem(string archiveName, Stream content, ArchiveLimits limits, bool entriesAreEvidence)
    {
        if (!content.CanSeek)
        {
            var copy = new MemoryStream();
            content.CopyTo(copy);
            content = copy;
        }
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return $"“{archiveName}”不是可读的 zip 文件 ('{archiveName}' is not a readable zip archive: {e.Message})";
        }
        using (zip)
        {
            if (zip.Entries.Count > limits.MaxEntries)
                return $"“{archiveName}”含 {zip.Entries.Count} 个条目,超过上限 {limits.MaxEntries} ('{archiveName}' has {zip.Entries.Count} entries, more than {limits.MaxEntries})";
            List<ZipEntryData>? data;
            string? headerProblem;
            try
            {
                (data, headerProblem) = ZipEntryData.ReadAll(content);
            }
            catch (IOException e)
            {
                (data, headerProblem) = (null, e.Message);
            }
            if (data is null || data.Count != zip.Entries.Count)
                return $"“{archiveName}”的目录结构无法核对 ('{archiveName}' has headers that cannot be followed: {headerProblem ?? "entry counts differ"})";
            long declaredTotal = 0, inflatedTotal = 0;
            for (var i = 0; i < data.Count; i++)
            {
                var entry = zip.Entries[i];
                var problem = EntryProblem(entry, data[i], content, limits, entriesAreEvidence, ref declaredTotal, ref inflatedTotal);
                if (problem is not null)
                    return $"“{archiveName}”中的条目“{Printable(entry.FullName)}”被拒绝:{problem.Value.Chinese} (entry '{Printable(entry.FullName)}' of '{archiveName}' refused: {problem.Value.English})";
            }
        }
        return null;
    }

    private static (string Chinese, string English)? EntryProblem(ZipArchiveEntry entry, ZipEntryData data, Stream archive, ArchiveLimits limits, bool entriesAreEvidence, ref long declaredTotal, ref long inflatedTotal)
    {
        if (UnsafeName(entry.FullName) is { } unsafeName) return unsafeName;
        if (entry.IsEncrypted) return ("条目已加密,无法检查", "it is encrypted and cannot be inspected");
        var isFolder = entry.FullName.EndsWith('/');

        declaredTotal += entry.Length;
        if (declaredTotal > limits.MaxUncompressedBytes)
            return ($"解压后总大小超过 {Megabytes(limits.MaxUncompressedBytes)} MB(按声明大小)", $"the declared uncompressed total exceeds {Megabytes(limits.MaxUncompressedBytes)} MB");
        if (entry.Length > ArchiveLimits.RatioFloorBytes && entry.Length > (long)limits.MaxCompressionRatio * Math.Max(entry.CompressedLength, 1))
            return ($"压缩比超过 {limits.MaxCompressionRatio}:1(按声明大小),疑似压缩炸弹", $"its declared compression ratio exceeds {limits.MaxCompressionRatio}:1 (zip bomb)");

        if (entriesAreEvidence && !isFolder && ArchiveExtensions.Contains(Path.GetExtension(entry.Name)))
            return ("压缩包内不得再含压缩包", "an archive inside an archive is not accepted");

        var head = new byte[8];
        long inflated;
        try
        {
            inflated = Inflate(entry, data, archive, head, limits, inflatedTotal, out var overrun);
            if (overrun is not null) return overrun;
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            // Offsets pointing past the end, or a deflate stream that breaks off: a damaged (or forged) archive.
            return ($"条目已损坏:{e.Message}", $"it is damaged: {e.Message}");
        }
        inflatedTotal += inflated;
        if (isFolder)
            return inflated == 0 ? null : ("目录条目含有数据", "a folder entry carries data");

        if (!entriesAreEvidence) return null;
        var headRead = head.AsSpan(0, (int)Math.Min(inflated, head.Length));
        if (EvidenceFileTypes.Check(entry.Name, headRead).Problem is { } typeProblem)
            return (typeProblem, "its type or content is not an accepted evidence file");
        return null;
    }

    /// <summary>Inflates the entry into nowhere (from its raw data, see <see cref="ZipEntryData"/>), keeping its first bytes, and stops as soon as it inflates past what
    /// its header declared, past the archive's total, or past the ratio limit.</summary>
    private static long Inflate(ZipArchiveEntry entry, ZipEntryData data, Stream archive, byte[] head, ArchiveLimits limits, long inflatedBefore, out (string, string)? overrun)
    {
        overrun = null;
        using var stream = data.OpenContent(archive);
        var buffer = new byte[81920];
        long count = 0;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (count < head.Length) buffer.AsSpan(0, (int)Math.Min(read, head.Length - count)).CopyTo(head.AsSpan((int)count));
            count += read;
            if (count > entry.Length)
            {
                overrun = ($"实际解压大小超过声明的 {entry.Length} 字节(头部信息不实)", $"it inflates to more than the {entry.Length} bytes its header declares");
                return count;
            }
            if (inflatedBefore + count > limits.MaxUncompressedBytes)
            {
                overrun = ($"解压后总大小超过 {Megabytes(limits.MaxUncompressedBytes)} MB", $"the inflated total exceeds {Megabytes(limits.MaxUncompressedBytes)} MB");
                return count;
            }
            if (count > ArchiveLimits.RatioFloorBytes && count > (long)limits.MaxCompressionRatio * Math.Max(entry.CompressedLength, 1))
            {
                overrun = ($"压缩比超过 {limits.MaxCompressionRatio}:1,疑似压缩炸弹", $"its compression ratio exceeds {limits.MaxCompressionRatio}:1 (zip bomb)");
                return count;
            }
        }
        return count;
    }

    /// <summary>Names that could land outside the folder they are extracted into, on any system.</summary>
    private static (string, string)? UnsafeName(string name)
    {
        if (name.Length == 0) return ("条目没有名称", "it has no name");
        if (name.Any(char.IsControl)) return ("名称含控制字符", "its name contains control characters");
        if (name.Contains('\\')) return ("名称含反斜杠", "its name contains a backslash");
        if (name.StartsWith('/')) return ("名称是绝对路径", "its name is an absolute path");
        if (name.Length >= 2 && char.IsAsciiLetter(name[0]) && name[1] == ':') return ("名称含盘符", "its name starts with a drive letter");
        if (name.Split('/').Any(part => part == "..")) return ("名称含“..”,会跳出解压目录", "its name climbs out of the folder with '..'");
        return null;
    }

    private static string Printable(string name) =>
        new(name.Select(c => char.IsControl(c) ? '?' : c).Take(200).ToArray());

    private static long Megabytes(long bytes) => bytes / (1024 * 1024);
}
