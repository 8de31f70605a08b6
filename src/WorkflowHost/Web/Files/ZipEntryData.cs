using System.Buffers.Binary;
using System.IO.Compression;

namespace WorkflowHost.Web.Files;

/// <summary>
/// An entry's raw data read from the archive's own headers, so its content can be inflated without trusting the sizes
/// it declares: .NET's reader stops at the declared size, but another unzip program follows the deflate stream to its
/// end, which is where a bomb that lies about its size hides its bulk. Only what evidence uploads need: stored and
/// deflated entries, no zip64 (an archive of at most the upload limit never needs it).
/// </summary>
public sealed record ZipEntryData(int Method, long LocalHeaderOffset, long CompressedSize)
{
    public const int Stored = 0;
    public const int Deflated = 8;

    /// <summary>The entries in central-directory order (the order of <see cref="ZipArchive.Entries"/>), or why the
    /// headers cannot be followed.</summary>
    public static (List<ZipEntryData>? Entries, string? Problem) ReadAll(Stream archive)
    {
        var length = archive.Length;
        var tailLength = (int)Math.Min(length, 22 + ushort.MaxValue);
        var tail = new byte[tailLength];
        archive.Position = length - tailLength;
        archive.ReadExactly(tail);
        var end = -1;
        for (var i = tailLength - 22; i >= 0 && end < 0; i--)
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) == 0x06054b50) end = i;
        if (end < 0) return (null, "no end of central directory");
        var count = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(end + 10));
        var size = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(end + 12));
        var offset = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(end + 16));
        if (count == ushort.MaxValue || size == uint.MaxValue || offset == uint.MaxValue) return (null, "zip64 archives are not accepted");
        if (offset + (long)size > length) return (null, "the central directory lies outside the file");

        var directory = new byte[size];
        archive.Position = offset;
        archive.ReadExactly(directory);
        var entries = new List<ZipEntryData>(count);
        var at = 0;
        for (var i = 0; i < count; i++)
        {
            if (at + 46 > directory.Length || BinaryPrimitives.ReadUInt32LittleEndian(directory.AsSpan(at)) != 0x02014b50)
                return (null, "a central directory header is missing");
            var header = directory.AsSpan(at);
            var compressed = BinaryPrimitives.ReadUInt32LittleEndian(header[20..]);
            var local = BinaryPrimitives.ReadUInt32LittleEndian(header[42..]);
            if (compressed == uint.MaxValue || local == uint.MaxValue) return (null, "zip64 entries are not accepted");
            entries.Add(new ZipEntryData(BinaryPrimitives.ReadUInt16LittleEndian(header[10..]), local, compressed));
            at += 46 + BinaryPrimitives.ReadUInt16LittleEndian(header[28..]) + BinaryPrimitives.ReadUInt16LittleEndian(header[30..]) + BinaryPrimitives.ReadUInt16LittleEndian(header[32..]);
        }
        return (entries, null);
    }

    /// <summary>The entry's content as the compression method produces it, to its real end; a deflated entry is
    /// inflated for as long as its deflate stream goes on, whatever its header said.</summary>
    public Stream OpenContent(Stream archive)
    {
        var header = new byte[30];
        archive.Position = LocalHeaderOffset;
        archive.ReadExactly(header);
        if (BinaryPrimitives.ReadUInt32LittleEndian(header) != 0x04034b50) throw new InvalidDataException("the local header is missing");
        var start = LocalHeaderOffset + 30 + BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(26)) + BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(28));
        archive.Position = start;
        return Method switch
        {
            Stored => new BoundedStream(archive, Math.Min(CompressedSize, archive.Length - start)),
            Deflated => new DeflateStream(new BoundedStream(archive, archive.Length - start), CompressionMode.Decompress, leaveOpen: true),
            _ => throw new InvalidDataException($"compression method {Method} is not accepted"),
        };
    }

    /// <summary>Reads at most a number of bytes of another stream from where it stands.</summary>
    private sealed class BoundedStream(Stream inner, long remaining) : Stream
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (remaining <= 0) return 0;
            var read = inner.Read(buffer, offset, (int)Math.Min(count, remaining));
            remaining -= read;
            return read;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
