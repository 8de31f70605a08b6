using System.Text.Json;

namespace WorkflowHost.Web.Views;

/// <summary>A report's stored figures ({"检查企业":120}) as people read them: 检查企业 120、发现隐患 36.</summary>
public static class FiguresView
{
    public static string Describe(string? json)
    {
        if (string.IsNullOrEmpty(json)) return "";
        using var document = JsonDocument.Parse(json);
        return string.Join("、", document.RootElement.EnumerateObject().Select(p => $"{p.Name} {p.Value}"));
    }
}
