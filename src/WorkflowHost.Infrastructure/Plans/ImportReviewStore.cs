using System.Collections.Concurrent;

namespace WorkflowHost.Infrastructure.Plans;

/// <summary>
/// The reviews under way, in memory: an upload stays out of the database until it is imported, so an abandoned review
/// leaves nothing behind (a restart forgets it; the working group uploads again). Bounded, the oldest dropped first, so
/// repeated uploads cannot fill the memory.
/// </summary>
public sealed class ImportReviewStore
{
    /// <summary>Reviews kept at once; a working group has one or two under way.</summary>
    public const int MaxReviews = 20;

    private readonly ConcurrentDictionary<Guid, ImportReview> reviews = new();

    public ImportReview Add(ImportReview review)
    {
        reviews[review.Id] = review;
        foreach (var old in reviews.Values.OrderByDescending(r => r.StartedAt).Skip(MaxReviews))
            reviews.TryRemove(old.Id, out _);
        return review;
    }

    public ImportReview? Find(Guid id) => reviews.GetValueOrDefault(id);

    public void Remove(Guid id) => reviews.TryRemove(id, out _);
}
