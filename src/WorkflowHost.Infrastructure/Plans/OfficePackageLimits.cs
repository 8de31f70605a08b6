using System.IO.Compression;

namespace WorkflowHost.Infrastructure.Plans;

/// <summary>
/// Checks an Office package (.docx, .xlsx: a zip) before OpenXml inflates it: a few kilobytes can inflate to gigabytes,
/// and a plan read at start must not take the host down. Returns the reason in Chinese, or null when it is within limits.
/// </summary>
internal static class OfficePackageLimits
{
    public const int MaxEntries = 1_000;
    public const long MaxInflatedBytes = 200L * 1024 * 1024;

    public static string? Check(byte[] bytes)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxEntries) return $"文件包内最多{MaxEntries}项,这里有{zip.Entries.Count}项";
            var inflated = zip.Entries.Sum(entry => entry.Length);
            return inflated > MaxInflatedBytes ? $"解压后最大{MaxInflatedBytes / 1024 / 1024} MB,这个文件解压后有{inflated / 1024 / 1024} MB" : null;
        }
        catch (InvalidDataException)
        {
            return "不是 Office 文件(无法按 zip 打开)";
        }
    }
}
