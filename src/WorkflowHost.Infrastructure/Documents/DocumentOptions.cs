namespace WorkflowHost.Infrastructure.Documents;

/// <summary>Section <c>WorkflowHost:Documents</c>: who signs the documents and how they are numbered.</summary>
public sealed class DocumentOptions
{
    public const string Section = "WorkflowHost:Documents";

    /// <summary>发文机关: the working group sits in the committee's office, which signs letters, circulars and briefings.</summary>
    public string Office { get; set; } = "甘肃省安全生产委员会办公室";

    /// <summary>主送 of a circular: every member unit and the regions' committees.</summary>
    public string CircularAddressees { get; set; } = "省安委会各成员单位，各市州、兰州新区安委会";

    /// <summary>The 发文机关代字 before a document number (甘安委办督函〔2024〕12号).</summary>
    public string NumberPrefix { get; set; } = "甘安委办";

    /// <summary>The briefing's masthead.</summary>
    public string BriefingMasthead { get; set; } = "安全生产治本攻坚三年行动工作简报";

    /// <summary>Whether the office that hosts the working group gets 督办函 from itself; by default its late tasks are
    /// left to the working group's digest, which lists them.</summary>
    public bool LettersToOwnOffice { get; set; }

    /// <summary>Checked at start: every text here is printed on documents and in their numbers, which the register keeps
    /// for good. Every problem, named.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        void Check(string key, string value, int max)
        {
            if (string.IsNullOrWhiteSpace(value)) problems.Add($"{Section}:{key} is empty");
            else if (value.Length > max) problems.Add($"{Section}:{key} is {value.Length} characters long (at most {max})");
            else if (value.Any(char.IsControl)) problems.Add($"{Section}:{key} contains a control character");
        }
        Check(nameof(Office), Office, 40);
        Check(nameof(CircularAddressees), CircularAddressees, 200);
        Check(nameof(NumberPrefix), NumberPrefix, 20);
        Check(nameof(BriefingMasthead), BriefingMasthead, 40);
        return problems;
    }
}
