using WorkflowHost.Engine.Units;

namespace WorkflowHost.Engine.Plans;

/// <summary>
/// Reads the responsibility part of a task's parenthesis, e.g. 「省安委会办公室牵头,省安委会各有关成员单位分工负责」.
/// The text is clauses separated by , or ; (ASCII or full-width); each clause is names separated by 、 or 及, then
/// optionally 「等」/「等有关部门(单位)」, then optionally a verb. A clause whose verb is 牵头 or 分别牵头 names leads; any
/// other clause, or one with no verb (「省安委会办公室」 alone), names units that share the work but do not lead.
/// Every name must be in the directory, as a unit or a group: an unknown name is an error, never a new unit.
/// </summary>
public static class ResponsibilityParser
{
    // Task 5 names the regions as a whole; its 兰州新区 is part of this phrase, not a separate unit mention.
    private const string RegionsPhrase = "各市州、兰州新区";

    // Task 5 states the regions rule in words; the words name no unit. Written with the ASCII comma Normalize produces.
    private const string RegionsRuleNote = "以下各项工作均需各地落实,不再注明";

    // Longest first: 「分工负责」 must not be read as 「负责」 after a name ending in 分工.
    private static readonly (string Verb, bool Leads)[] Verbs =
    [
        ("分别牵头", true),
        ("按职责分工负责", false),
        ("分工负责", false),
        ("牵头", true),
        ("负责", false),
        ("配合", false),
    ];

    // 「X、Y等有关部门单位按职责分工负责」 assigns the named units; the open ending names no group, so it is dropped.
    private static readonly string[] OpenEndings = ["等有关部门单位", "等有关部门", "等有关单位", "等"];

    private const char FullWidthComma = '\uFF0C'; // full-width comma
    private const char FullWidthSemicolon = '\uFF1B'; // full-width semicolon

    private static readonly char[] ClauseSeparators = [',', ';'];

    // Keep in step with UnitDirectoryRules, which rejects directory names containing these.
    private static readonly char[] NameSeparators = ['、', '及'];

    /// <param name="text">The responsibility part only (before the ; that starts the deadline).</param>
    /// <param name="directory">Where every named unit and group must be found.</param>
    /// <param name="regionsRuleInForce">Whether task 5's rule applies to this task (the caller knows the task number).</param>
    /// <exception cref="PlanFormatException">A name is not in the directory, a clause names nothing, or a group leads.</exception>
    public static Responsibility Parse(string text, UnitDirectory directory, bool regionsRuleInForce)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(directory);

        var leads = new List<string>();
        var units = new List<string>();
        var groups = new List<string>();
        var regions = regionsRuleInForce;

        var clauses = Normalize(text).Replace(RegionsRuleNote, "").Split(ClauseSeparators, StringSplitOptions.TrimEntries);
        if (clauses.All(clause => clause.Length == 0))
        {
            throw new PlanFormatException($"empty responsibility text '{text}'");
        }

        foreach (var clause in clauses.Where(clause => clause.Length > 0))
        {
            var (names, clauseLeads) = SplitOffVerb(clause);
            names = SplitOffOpenEnding(names);

            var namesRegions = names.Contains(RegionsPhrase, StringComparison.Ordinal);
            if (namesRegions)
            {
                regions = true;
                names = names.Replace(RegionsPhrase, NameSeparators[0].ToString(), StringComparison.Ordinal);
            }

            var named = names.Split(NameSeparators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (named.Length == 0 && !namesRegions)
            {
                throw new PlanFormatException($"no unit named in '{clause}' of '{text}'");
            }

            foreach (var name in named)
            {
                if (directory.Find(name) is { } unit)
                {
                    AddOnce(units, unit.Name);
                    if (clauseLeads)
                    {
                        AddOnce(leads, unit.Name);
                    }
                }
                else if (directory.FindGroup(name) is { } group)
                {
                    if (clauseLeads)
                    {
                        throw new PlanFormatException(
                            $"group '{name}' cannot lead in '{text}': 牵头 needs named units, a group only shares the work");
                    }

                    AddOnce(groups, group.Name);
                }
                else
                {
                    throw new PlanFormatException($"unknown unit '{name}' in '{text}'");
                }
            }
        }

        return new Responsibility(text, leads, units, groups, regions);
    }

    // One spelling (ASCII) for the punctuation the plan mixes, so the rules above need only one form.
    private static string Normalize(string text)
        => text.Trim().TrimEnd('。').Replace(FullWidthComma, ',').Replace(FullWidthSemicolon, ';');

    private static (string Names, bool Leads) SplitOffVerb(string clause)
    {
        foreach (var (verb, leads) in Verbs)
        {
            if (clause.EndsWith(verb, StringComparison.Ordinal))
            {
                return (clause[..^verb.Length], leads);
            }
        }

        return (clause, false);
    }

    private static string SplitOffOpenEnding(string names)
    {
        foreach (var ending in OpenEndings)
        {
            if (names.EndsWith(ending, StringComparison.Ordinal))
            {
                return names[..^ending.Length];
            }
        }

        return names;
    }

    private static void AddOnce(List<string> names, string name)
    {
        if (!names.Contains(name))
        {
            names.Add(name);
        }
    }
}
