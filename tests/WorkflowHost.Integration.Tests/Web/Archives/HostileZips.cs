using System.Buffers.Binary;
using System.IO.Compression;

namespace WorkflowHost.Integration.Tests.Web.Archives;

/// <summary>Builds zips in memory, the hostile ones by editing the bytes a zip writer produced (flags and declared
/// sizes in both the local and the central headers), as an attacker's tool would.</summary>
public static class HostileZips
{
    public static byte[] Png() => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D];

    public static byte[] Zip(params (string Name, byte[] Content)[] entries) => Zip(CompressionLevel.Optimal, entries);

    public static byte[] Zip(CompressionLevel level, params (string Name, byte[] Content)[] entries)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name, level).Open();
                stream.Write(content);
            }
        return memory.ToArray();
    }

    /// <summary>Marks every entry encrypted (general purpose flag bit 0) without encrypting anything.</summary>
    public static byte[] MarkedEncrypted(byte[] zip)
    {
        var bytes = (byte[])zip.Clone();
        foreach (var local in Offsets(bytes, 0x04034b50)) bytes[local + 6] |= 1;
        foreach (var central in Offsets(bytes, 0x02014b50)) bytes[central + 8] |= 1;
        return bytes;
    }

    /// <summary>Rewrites every entry's declared uncompressed size (the lie of a bomb that hides its size, or of one that
    /// claims to be larger than it is).</summary>
    public static byte[] DeclaringSize(byte[] zip, uint uncompressed)
    {
        var bytes = (byte[])zip.Clone();
        foreach (var local in Offsets(bytes, 0x04034b50)) BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(local + 22), uncompressed);
        foreach (var central in Offsets(bytes, 0x02014b50)) BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(central + 24), uncompressed);
        return bytes;
    }

    private static IEnumerable<int> Offsets(byte[] bytes, uint signature)
    {
        for (var i = 0; i + 4 <= bytes.Length; i++)
            if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i)) == signature) yield return i;
    }
}
