using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Units;
using WorkflowHost.Infrastructure.Persistence;
using WorkflowHost.Infrastructure.Workflows;

namespace WorkflowHost.Infrastructure.Plans;

/// <summary>
/// The working group's import review: start one from an upload, decide what each unknown name is (a directory unit or
/// group, kept as its alias; or a new unit), set missing deadlines, and import. Each decision is checked before it is
/// kept, and refused in Chinese naming the field. Until the import nothing is written anywhere: the review lives in
/// <see cref="ImportReviewStore"/>. The import is <see cref="PlanImporter"/>'s one transaction; the directory file
/// (<paramref name="unitsFile"/>) gets the aliases and units once the plan is in.
/// </summary>
public sealed class ImportReviewer(IDbContextFactory<WorkflowDbContext> databases, WorkflowRuntime runtime, ImportReviewStore store, string unitsFile)
{
    /// <summary>One writer of the directory file at a time (two reviews imported at once would lose one's aliases).</summary>
    private static readonly SemaphoreSlim DirectoryFileLock = new(1, 1);

    public ImportReviewStore Store => store;

    public UnitDirectory Directory() => UnitDirectory.Load(unitsFile);

    public ImportReview Start(string fileName, byte[] file, ImportFacts facts) =>
        store.Add(new ImportReview(Guid.NewGuid(), Path.GetFileName(fileName), file, facts, runtime.Clock.GetUtcNow()));

    public ReviewedPlan Read(ImportReview review)
    {
        lock (review) return ImportReviewReader.Read(review, Directory());
    }

    /// <summary>Takes <paramref name="name"/> for the directory unit or group <paramref name="target"/> (by any of its names).</summary>
    public string? Map(ImportReview review, string? name, string? target)
    {
        if (ImportReviewInput.Name("名称", name) is { } refused) return refused;
        if (ImportReviewInput.Name("对应单位", target) is { } refusedTarget) return refusedTarget;
        var directory = Directory();
        var canonical = directory.Find(target!.Trim())?.Name ?? directory.FindGroup(target.Trim())?.Name;
        if (canonical is null) return $"对应单位:单位名录中没有「{target.Trim()}」";
        lock (review)
        {
            if (review.NewUnits.Any(u => u.Name == name!.Trim())) return $"名称:「{name!.Trim()}」已作为新单位添加";
            return Try(review, r => r.Aliases[name!.Trim()] = canonical, r => r.Aliases.Remove(name!.Trim()), name!.Trim());
        }
    }

    public string? AddUnit(ImportReview review, string? name, string? fullName, string? kind, string? email)
    {
        var (unitKind, kindProblem) = ImportReviewInput.Kind(kind);
        var problem = ImportReviewInput.Name("单位名称", name)
            ?? (string.IsNullOrWhiteSpace(fullName) ? null : ImportReviewInput.Name("单位全称", fullName, ImportReviewInput.MaxFullNameLength))
            ?? kindProblem ?? ImportReviewInput.Email(email);
        if (problem is not null) return problem;
        var unit = new ReviewNewUnit(name!.Trim(), string.IsNullOrWhiteSpace(fullName) ? null : fullName.Trim(), unitKind!.Value, email!.Trim());
        // The directory holds one unit per address: its mail would otherwise go to two units.
        if (Directory().Units.Concat(review.NewUnits.Select(n => new OrgUnit(n.Name, null, [], n.Kind, n.Email, false)))
                .FirstOrDefault(u => string.Equals(u.Email, unit.Email, StringComparison.OrdinalIgnoreCase)) is { } holder)
            return $"邮箱:已是「{holder.Name}」的地址";
        lock (review)
        {
            if (review.Aliases.ContainsKey(unit.Name)) return $"单位名称:「{unit.Name}」已对应到单位名录中的「{review.Aliases[unit.Name]}」";
            return Try(review, r => r.NewUnits.Add(unit), r => r.NewUnits.Remove(unit), unit.Name);
        }
    }

    public string? SetDeadline(ImportReview review, int taskNo, string? text)
    {
        if (ImportReviewInput.TaskDeadline(text, review.Facts.Year) is { } refused) return refused;
        lock (review)
        {
            if (!Read(review).Tasks.Any(t => t.No == taskNo)) return $"任务序号:清单中没有任务{taskNo}";
            review.Deadlines[taskNo] = text!.Trim();
        }
        return null;
    }

    /// <summary>Imports the reviewed plan when nothing is left to fix; otherwise refuses and changes nothing.</summary>
    public async Task<(PlanImporter.Outcome? Outcome, string? Problem)> ImportAsync(ImportReview review, CancellationToken cancel)
    {
        await DirectoryFileLock.WaitAsync(cancel);
        try
        {
            ReviewedPlan reviewed;
            lock (review) reviewed = ImportReviewReader.Read(review, Directory());
            if (reviewed.Plan is not { } plan) return (null, $"还有{reviewed.Problems.Count}个问题未解决,没有导入任何内容");
            await using var db = await databases.CreateDbContextAsync(cancel);
            if (await db.Plans.AnyAsync(p => p.Year == plan.Info.Year, cancel))
                return (null, $"年度:{plan.Info.Year}年的计划已经导入;同一年度只能有一份清单,没有导入任何内容");

            // The directory file is written beside the old one first and put in place only after the commit: a refused
            // or failed import leaves it untouched.
            string? staged = null;
            if (review.Aliases.Count > 0 || review.NewUnits.Count > 0)
            {
                staged = unitsFile + ".import-review";
                await File.WriteAllTextAsync(staged, UnitDirectoryFileWriter.WithAdditions(await File.ReadAllTextAsync(unitsFile, cancel), review.Aliases, review.NewUnits), cancel);
            }
            try
            {
                var outcome = await new PlanImporter(db, runtime).ImportAsync(plan, reviewed.Directory, cancel);
                if (staged is not null) File.Move(staged, unitsFile, overwrite: true);
                store.Remove(review.Id);
                return (outcome, null);
            }
            finally
            {
                if (staged is not null && File.Exists(staged)) File.Delete(staged);
            }
        }
        finally
        {
            DirectoryFileLock.Release();
        }
    }

    /// <summary>Applies a decision and keeps it only if the directory still holds together (a name claimed twice, a
    /// name the directory would refuse).</summary>
    private string? Try(ImportReview review, Action<ImportReview> apply, Action<ImportReview> undo, string name)
    {
        apply(review);
        try
        {
            ImportReviewReader.WithDecisions(Directory(), review);
            return null;
        }
        catch (DirectoryFormatException)
        {
            undo(review);
            return $"名称:「{name}」已是单位名录中某个单位或分组的名称,或不符合单位名录的规则";
        }
    }
}
