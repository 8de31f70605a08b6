using WorkflowHost.Engine.Units;

namespace WorkflowHost.Engine.Plans;

/// <summary>
/// Reads the responsibility part of a task's parenthesis, e.g. 「省安委会办公室牵头,省安委会各有关成员单位分工负责」.
/// The text is clauses separated by , or ; (ASCII or full-width, outside brackets). A clause is an optional label
/// (「牵头单位:」, see <see cref="ResponsibilityLabels"/>), names (split by <see cref="NameSplitter"/>), optionally 「等」
/// and a description of the rest (「等有关部门」, 「等县直部门」: it names no unit), then optionally a verb.
/// Roles: a unit either leads (in Leads and Units) or shares the work (in Units only). 牵头 / 分别牵头 and the label
/// 牵头单位 lead; every other verb or label, or none (「省安委会办公室」 alone), shares the work. A clause with neither label
/// nor verb takes the role of the label before it, so 「牵头单位:X,Y」 makes both leads.
/// Names written once for several bodies (「各县区党委、政府」) are expanded by <see cref="DistributiveNames"/>.
/// Asides in brackets (「(详见任务分工)」) are dropped from the names and kept in Notes (see <see cref="BracketAsides"/>).
/// Every name must be in the directory, as a unit or a group: an unknown name is an error, never a new unit. Every
/// problem of the text is reported at once (<see cref="ResponsibilityFormatException"/>), not only the first.
/// </summary>
public static class ResponsibilityParser
{
    // Task 5 names the regions as a whole; its 兰州新区 is part of this phrase, not a separate unit mention.
    private const string RegionsPhrase = "各市州、兰州新区";

    // Task 5 states the regions rule in words; the words name no unit. Written with the ASCII comma Normalize produces.
    private const string RegionsRuleNote = "以下各项工作均需各地落实,不再注明";

    // Longest first: 「分工负责」 must not be read as 「负责」 after a name ending in 分工.
    // Lead: 分别牵头, 共同牵头, 牵头. Shares the work (co-unit): 分工负责, 负责, 配合, 协同, 会同, 参与.
    private static readonly (string Verb, bool Leads)[] Verbs =
    [
        ("分别牵头", true),
        ("共同牵头", true),
        ("按职责分工负责", false),
        ("按职责分工", false),
        ("分工负责", false),
        ("牵头", true),
        ("负责", false),
        ("配合", false),
        ("协同", false),
        ("会同", false),
        ("参与", false),
    ];

    // 「X、Y等有关部门单位按职责分工负责」, 「X、Y、Z等县直部门协同」: what follows 等 describes the rest; it names no unit.
    private const string OpenEnding = "等";

    private const char FullWidthComma = '\uFF0C'; // full-width comma
    private const char FullWidthSemicolon = '\uFF1B'; // full-width semicolon
    private const char FullWidthColon = '\uFF1A'; // full-width colon

    private static readonly string[] ClauseSeparators = [",", ";"];

    /// <param name="text">The responsibility part only (before the ; that starts the deadline).</param>
    /// <param name="directory">Where every named unit and group must be found.</param>
    /// <param name="regionsRuleInForce">Whether task 5's rule applies to this task (the caller knows the task number).</param>
    /// <exception cref="ResponsibilityFormatException">Names not in the directory, clauses that name nothing, groups that lead.</exception>
    public static Responsibility Parse(string text, UnitDirectory directory, bool regionsRuleInForce)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(directory);

        var leads = new List<string>();
        var units = new List<string>();
        var groups = new List<string>();
        var regions = regionsRuleInForce;
        var issues = new List<ResponsibilityIssue>();

        var (withoutAsides, notes) = BracketAsides.Extract(Normalize(text).Replace(RegionsRuleNote, ""));
        var clauses = Brackets.SplitTopLevel(withoutAsides, ClauseSeparators);
        if (clauses.All(clause => clause.Length == 0))
        {
            throw new ResponsibilityFormatException([new($"没有写责任单位(原文「{text}」)")]);
        }

        bool? labelRole = null;
        foreach (var clause in clauses.Where(clause => clause.Length > 0))
        {
            var (unlabelled, labelLeads) = ResponsibilityLabels.SplitOff(clause);
            var (names, verbLeads) = SplitOffVerb(unlabelled);
            labelRole = labelLeads ?? labelRole;
            var clauseLeads = verbLeads ?? labelLeads ?? labelRole ?? false;
            names = SplitOffOpenEnding(names);

            var namesRegions = names.Contains(RegionsPhrase, StringComparison.Ordinal);
            if (namesRegions)
            {
                regions = true;
                names = names.Replace(RegionsPhrase, "、", StringComparison.Ordinal);
            }

            var named = DistributiveNames.Expand(NameSplitter.Split(names, name => Known(directory, name)), name => Known(directory, name));
            if (named.Count == 0 && !namesRegions)
            {
                issues.Add(new($"「{clause}」没有写出单位名称(原文「{text}」)"));
                continue;
            }

            foreach (var name in named)
            {
                if (FindUnit(directory, name) is { } unit)
                {
                    AddOnce(units, unit.Name);
                    if (clauseLeads)
                    {
                        AddOnce(leads, unit.Name);
                    }
                }
                else if (FindGroup(directory, name) is { } group)
                {
                    if (clauseLeads)
                    {
                        issues.Add(new($"「{name}」是一组单位,不能牵头:牵头须写明具体单位,一组单位只能分工负责(原文「{text}」)"));
                        continue;
                    }

                    AddOnce(groups, group.Name);
                }
                else if (!issues.Any(issue => issue.UnknownName == name))
                {
                    issues.Add(new($"单位目录中没有「{name}」(原文「{text}」)", name));
                }
            }
        }

        if (issues.Count > 0)
        {
            throw new ResponsibilityFormatException(issues);
        }

        return new Responsibility(text, leads, units, groups, regions) { Notes = notes };
    }

    private static OrgUnit? FindUnit(UnitDirectory directory, string name)
        => Brackets.Spellings(name).Select(directory.Find).FirstOrDefault(unit => unit is not null);

    private static UnitGroup? FindGroup(UnitDirectory directory, string name)
        => Brackets.Spellings(name).Select(directory.FindGroup).FirstOrDefault(group => group is not null);

    private static bool Known(UnitDirectory directory, string name)
        => FindUnit(directory, name) is not null || FindGroup(directory, name) is not null;

    // One spelling (ASCII) for the punctuation the plan mixes, so the rules above need only one form.
    private static string Normalize(string text)
        => text.Trim().TrimEnd('。').Replace(FullWidthComma, ',').Replace(FullWidthSemicolon, ';').Replace(FullWidthColon, ':');

    private static (string Names, bool? Leads) SplitOffVerb(string clause)
    {
        foreach (var (verb, leads) in Verbs)
        {
            if (clause.EndsWith(verb, StringComparison.Ordinal))
            {
                return (clause[..^verb.Length].Trim(), leads);
            }
        }

        return (clause, null);
    }

    private static string SplitOffOpenEnding(string names)
    {
        var at = Brackets.IndexOfTopLevel(names, OpenEnding);
        return at < 0 ? names : names[..at];
    }

    private static void AddOnce(List<string> names, string name)
    {
        if (!names.Contains(name))
        {
            names.Add(name);
        }
    }
}
