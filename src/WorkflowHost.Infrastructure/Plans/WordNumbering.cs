using System.Globalization;
using DocumentFormat.OpenXml.Wordprocessing;

namespace WorkflowHost.Infrastructure.Plans;

/// <summary>
/// Word's automatic list numbering, written out as text: a paragraph numbered by Word shows 「1.」 or 「(一)」 to the
/// reader but holds no such characters. Counters run per list and level, and a level restarts when one above it
/// advances. Formats read: decimal and the Chinese counting formats; others give no label (the text is kept as is).
/// </summary>
internal sealed class WordNumbering(Numbering? numbering)
{
    private readonly Dictionary<(int NumId, int Level), int> counters = [];

    public string Label(Paragraph paragraph)
    {
        var properties = paragraph.ParagraphProperties?.NumberingProperties;
        if (numbering is null || properties?.NumberingId?.Val?.Value is not { } numId || numId == 0) return "";
        var level = properties.NumberingLevelReference?.Val?.Value ?? 0;
        var definition = LevelOf(numId, level);
        if (definition is null) return "";

        var count = counters.GetValueOrDefault((numId, level), (definition.StartNumberingValue?.Val?.Value ?? 1) - 1) + 1;
        counters[(numId, level)] = count;
        foreach (var deeper in counters.Keys.Where(k => k.NumId == numId && k.Level > level).ToArray()) counters.Remove(deeper);

        var format = definition.NumberingFormat?.Val?.Value;
        string? number = format == NumberFormatValues.Decimal ? count.ToString(CultureInfo.InvariantCulture)
            : format == NumberFormatValues.ChineseCounting || format == NumberFormatValues.ChineseCountingThousand
              || format == NumberFormatValues.IdeographTraditional || format == NumberFormatValues.TaiwaneseCountingThousand ? Chinese(count)
            : null;
        var pattern = definition.LevelText?.Val?.Value;
        return number is null || pattern is null ? "" : pattern.Replace($"%{level + 1}", number, StringComparison.Ordinal);
    }

    private Level? LevelOf(int numId, int level)
    {
        var instance = numbering!.Elements<NumberingInstance>().FirstOrDefault(n => n.NumberID?.Value == numId);
        var abstractId = instance?.AbstractNumId?.Val?.Value;
        var definition = numbering.Elements<AbstractNum>().FirstOrDefault(a => a.AbstractNumberId?.Value == abstractId);
        return definition?.Elements<Level>().FirstOrDefault(l => l.LevelIndex?.Value == level);
    }

    // 1–99 as 一 … 九十九, the range lists use.
    private static string Chinese(int n)
    {
        const string digits = "零一二三四五六七八九";
        if (n is < 1 or > 99) return n.ToString(CultureInfo.InvariantCulture);
        if (n < 10) return digits[n].ToString();
        var tens = n / 10 == 1 ? "十" : $"{digits[n / 10]}十";
        return n % 10 == 0 ? tens : tens + digits[n % 10];
    }
}
