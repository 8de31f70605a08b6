namespace WorkflowHost.Infrastructure.Dashboard;

/// <summary>
/// Where a page of an ordered list falls, from how many lines each group of its leading sort keys holds (the board's
/// cells count them): the groups the page spans, with the lines to skip and take in each. The page is then read group by
/// group, each a small ordered query, instead of ordering the whole selection to keep 50 lines.
/// </summary>
public static class CountedPage
{
    public static IEnumerable<(TKey Key, int Skip, int Take)> Spans<TKey>(IEnumerable<(TKey Key, int Count)> orderedGroups, int skip, int limit)
    {
        foreach (var (key, count) in orderedGroups)
        {
            if (limit <= 0) yield break;
            if (skip >= count)
            {
                skip -= count;
                continue;
            }
            var take = Math.Min(limit, count - skip);
            yield return (key, skip, take);
            limit -= take;
            skip = 0;
        }
    }
}
