using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Hosting;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows;
using WorkflowHost.Web.Security;

namespace WorkflowHost.Web.Files;

/// <summary>A file as it arrives from a form or the API.</summary>
public sealed record IncomingFile(string FileName, long Length, Func<Stream> Open)
{
    public static IncomingFile From(IFormFile file) => new(file.FileName, file.Length, file.OpenReadStream);
}

/// <summary>Evidence files: checked before anything is written, stored under <c>data/uploads/</c> by a generated name.</summary>
public sealed class EvidenceStore(ProductSettings settings, WebOptions options, IDbContextFactory<WorkflowDbContext> contexts, TimeProvider clock)
{
    public const int MaxFilesPerSubmission = 10;

    private string Folder => Path.Combine(settings.DataFolder, "uploads");

    /// <summary>Every problem with the files, or none. Reads their first bytes, and every entry of a zip package
    /// (inflated in memory, never extracted to disk: see <see cref="ArchiveInspector"/>).</summary>
    public List<string> Check(IReadOnlyList<IncomingFile> files)
    {
        var problems = new List<string>();
        if (files.Count > MaxFilesPerSubmission) problems.Add($"一次最多上传 {MaxFilesPerSubmission} 个文件 (at most {MaxFilesPerSubmission} files at once)");
        var max = options.MaxUploadMegabytes * 1024L * 1024L;
        foreach (var file in files)
        {
            var name = EvidenceFileTypes.SafeName(file.FileName);
            if (file.Length == 0) { problems.Add($"“{name}”是空文件 ('{name}' is empty)"); continue; }
            if (file.Length > max) { problems.Add($"“{name}”超过 {options.MaxUploadMegabytes} MB ('{name}' is larger than {options.MaxUploadMegabytes} MB)"); continue; }
            var head = new byte[8];
            using var stream = file.Open();
            var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            if (EvidenceFileTypes.Check(name, head.AsSpan(0, read)).Problem is { } problem) { problems.Add(problem); continue; }
            if (EvidenceFileTypes.IsZipPackage(name))
            {
                using var whole = file.Open();
                var limits = new ArchiveLimits(options.MaxArchiveEntries, options.MaxArchiveMegabytes * 1024L * 1024L, options.MaxCompressionRatio);
                if (ArchiveInspector.Problem(name, whole, limits, entriesAreEvidence: EvidenceFileTypes.IsPlainArchive(name)) is { } archiveProblem)
                    problems.Add(archiveProblem);
            }
        }
        return problems;
    }

    public async Task<List<EvidenceFileRow>> SaveAsync(long assignmentId, long unitId, string purpose, IReadOnlyList<IncomingFile> files, CurrentUser user, CancellationToken cancel)
    {
        Directory.CreateDirectory(Folder);
        var rows = new List<EvidenceFileRow>();
        foreach (var file in files)
        {
            var name = EvidenceFileTypes.SafeName(file.FileName);
            var stored = $"{assignmentId}-{Guid.NewGuid():N}";
            var path = Path.Combine(Folder, stored);
            await using (var source = file.Open())
            await using (var target = File.Create(path))
                await source.CopyToAsync(target, cancel);
            await using var written = File.OpenRead(path);
            var head = new byte[8];
            var read = written.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            written.Position = 0;
            rows.Add(new EvidenceFileRow
            {
                AssignmentId = assignmentId,
                UnitId = unitId,
                Purpose = purpose,
                FileName = name,
                ContentType = EvidenceFileTypes.Check(name, head.AsSpan(0, read)).ContentType ?? "application/octet-stream",
                Size = written.Length,
                Sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(written, cancel)),
                StoredName = stored,
                UploadedAt = UnixTime.Of(clock.GetUtcNow()),
                UploadedBy = user.UserName,
            });
        }
        await using var db = await contexts.CreateDbContextAsync(cancel);
        db.EvidenceFiles.AddRange(rows);
        await db.SaveChangesAsync(cancel);
        return rows;
    }

    public async Task<EvidenceFileRow?> FindAsync(long id, CancellationToken cancel)
    {
        await using var db = await contexts.CreateDbContextAsync(cancel);
        return await db.EvidenceFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, cancel);
    }

    public Stream Open(EvidenceFileRow row) => File.OpenRead(Path.Combine(Folder, row.StoredName));
}
