using System.IO.Compression;
using WorkflowHost.Web.Files;

namespace WorkflowHost.Integration.Tests.Web.Archives;

/// <summary>Every rule of the archive inspection on zips built here, with small limits so a bomb is cheap to build.
/// Each hostile zip must be refused with a message naming the entry and the reason.</summary>
public sealed class ArchiveInspectorTests
{
    private static readonly ArchiveLimits Limits = new(MaxEntries: 20, MaxUncompressedBytes: 8 * 1024 * 1024, MaxCompressionRatio: 100);
    private static byte[] Pdf => WebTestData.Pdf();

    public static TheoryData<string, string, string> Hostile() => new()
    {
        // case, entry named in the message, reason named in the message
        { "parent-folder", "../../etc/cron.d/x.pdf", "'..'" },
        { "parent-inside", "docs/../../x.pdf", "'..'" },
        { "absolute", "/etc/passwd.pdf", "absolute path" },
        { "drive", "C:/Windows/x.pdf", "drive letter" },
        { "backslash", "..\\..\\x.pdf", "backslash" },
        { "nested-zip", "inner.zip", "archive inside an archive" },
        { "nested-7z", "inner.7z", "archive inside an archive" },
        { "disguised", "报告.pdf", "not an accepted evidence file" },
        { "script", "run.sh", "not an accepted evidence file" },
        { "encrypted", "secret.pdf", "encrypted" },
        { "ratio-bomb", "zeros.pdf", "compression ratio exceeds 100:1" },
        { "declared-total", "big.pdf", "declared uncompressed total exceeds 8 MB" },
        { "header-lies", "small.pdf", "more than the 100 bytes its header declares" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void A_hostile_zip_is_refused_naming_the_entry_and_the_reason(string kind, string entry, string reason)
    {
        var problem = Inspect(Build(kind));

        Assert.NotNull(problem);
        Assert.Contains($"entry '{entry}'", problem);
        Assert.Contains(reason, problem);
        Assert.Contains("evidence.zip", problem);
    }

    [Fact]
    public void Too_many_entries_are_refused_before_anything_is_inflated()
    {
        var zip = HostileZips.Zip(Enumerable.Range(0, 21).Select(i => ($"{i}.pdf", Pdf)).ToArray());

        Assert.Contains("21 entries, more than 20", Inspect(zip));
    }

    [Fact]
    public void Bytes_that_are_not_a_zip_are_refused()
    {
        Assert.Contains("not a readable zip", Inspect("PK\x03\x04 and then garbage"u8.ToArray()));
    }

    [Fact]
    public void An_entry_whose_local_header_lies_outside_the_file_is_refused_as_damaged()
    {
        var zip = HostileZips.Zip(("a.pdf", Pdf));
        var central = zip.AsSpan().LastIndexOf("PK\x01\x02"u8);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(central + 42), (uint)zip.Length + 1000);

        var problem = Inspect(zip);

        Assert.NotNull(problem);
        Assert.Contains("evidence.zip", problem);
    }

    [Fact]
    public void Evidence_in_folders_office_files_and_an_incompressible_large_file_pass()
    {
        var random = new byte[3 * 1024 * 1024];
        new Random(7).NextBytes(random);
        "%PDF-"u8.CopyTo(random);
        var zip = HostileZips.Zip(("报告/总结.pdf", Pdf), ("报告/", []), ("图片/现场.png", HostileZips.Png()),
            ("台账.xlsx", HostileZips.Zip(("xl/workbook.xml", "<workbook/>"u8.ToArray()))), ("扫描件.pdf", random));

        Assert.Null(Inspect(zip));
    }

    [Fact]
    public void An_office_package_is_held_to_the_structural_rules_only()
    {
        var docx = HostileZips.Zip(("word/document.xml", "<w:document/>"u8.ToArray()), ("[Content_Types].xml", "<Types/>"u8.ToArray()));
        var traversing = HostileZips.Zip(("../word/document.xml", "<w:document/>"u8.ToArray()));

        Assert.Null(ArchiveInspector.Problem("a.docx", new MemoryStream(docx), Limits, entriesAreEvidence: false));
        Assert.Contains("'..'", ArchiveInspector.Problem("a.docx", new MemoryStream(traversing), Limits, entriesAreEvidence: false));
    }

    private static string? Inspect(byte[] zip) => ArchiveInspector.Problem("evidence.zip", new MemoryStream(zip), Limits, entriesAreEvidence: true);

    private static byte[] Build(string kind) => kind switch
    {
        "parent-folder" => HostileZips.Zip(("ok.pdf", Pdf), ("../../etc/cron.d/x.pdf", Pdf)),
        "parent-inside" => HostileZips.Zip(("docs/../../x.pdf", Pdf)),
        "absolute" => HostileZips.Zip(("/etc/passwd.pdf", Pdf)),
        "drive" => HostileZips.Zip(("C:/Windows/x.pdf", Pdf)),
        "backslash" => HostileZips.Zip(("..\\..\\x.pdf", Pdf)),
        "nested-zip" => HostileZips.Zip(("ok.pdf", Pdf), ("inner.zip", HostileZips.Zip(("a.pdf", Pdf)))),
        "nested-7z" => HostileZips.Zip(("inner.7z", "7z\xBC\xAF\x27\x1C"u8.ToArray())),
        "disguised" => HostileZips.Zip(("报告.pdf", "MZ\x90\0 not a pdf"u8.ToArray())),
        "script" => HostileZips.Zip(("run.sh", "#!/bin/sh\nrm -rf /\n"u8.ToArray())),
        "encrypted" => HostileZips.MarkedEncrypted(HostileZips.Zip(("secret.pdf", Pdf))),
        "ratio-bomb" => HostileZips.Zip(("zeros.pdf", [.. "%PDF-"u8, .. new byte[4 * 1024 * 1024]])),
        "declared-total" => HostileZips.DeclaringSize(HostileZips.Zip(CompressionLevel.NoCompression, ("big.pdf", Pdf)), 9 * 1024 * 1024),
        // The header says 100 bytes; the entry inflates to 64 KiB.
        "header-lies" => HostileZips.DeclaringSize(HostileZips.Zip(("small.pdf", [.. "%PDF-"u8, .. new byte[64 * 1024]])), 100),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
