namespace WorkflowHost.Engine.Plans;

/// <summary>Task numbers must run 1, 2, 3 … without gaps or repeats, whatever the source (text or table).</summary>
public static class PlanNumbering
{
    public static void Check(IReadOnlyList<RawPlanTask> tasks, string sourceName, List<PlanProblem> problems)
    {
        var seen = new Dictionary<int, int>();
        foreach (var task in tasks)
        {
            if (seen.TryGetValue(task.No, out var firstLine))
                problems.Add(new(sourceName, task.Line, task.No, "no", $"序号{task.No}出现两次(第一次在第{firstLine}行)"));
            else
                seen[task.No] = task.Line;
        }
        if (seen.Count == 0) return;
        for (var no = 1; no <= seen.Keys.Max(); no++)
        {
            if (!seen.ContainsKey(no))
                problems.Add(new(sourceName, null, no, "no", $"缺少任务{no}:序号应从1起连续编排"));
        }
    }
}
