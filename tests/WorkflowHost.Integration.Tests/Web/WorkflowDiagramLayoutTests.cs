using WorkflowHost.Engine.Workflows;
using WorkflowHost.Integration.Tests.Support;
using WorkflowHost.Web.Graphics;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>Issue 15 part 10: the assignment page's workflow diagram had edge labels drawn over one another about 7 px
/// apart. Tested by layout, not by eye: every label's box, as the diagram places it, meets no other label and no state,
/// and lies on the canvas — for every definition the product ships.</summary>
public sealed class WorkflowDiagramLayoutTests
{
    public static TheoryData<string> Definitions() =>
        new(Directory.GetFiles(Path.Combine(RepoPaths.Root, "workflows"), "*.json").Select(Path.GetFileName).OfType<string>());

    [Theory]
    [MemberData(nameof(Definitions))]
    public void No_label_meets_another_label_or_a_state_and_all_lie_on_the_canvas(string file)
    {
        var layout = WorkflowDiagramSvg.Arrange(WorkflowDefinitionFile.Read(Path.Combine(RepoPaths.Root, "workflows", file)));
        var labels = layout.Edges.Select(e => (e.Label, e.LabelBox)).ToList();

        // An ongoing task has one state and no transitions; a dated task has a dozen arcs to keep apart.
        Assert.True(labels.Count >= (file.StartsWith("dated", StringComparison.Ordinal) ? 10 : 0), $"{file}: {labels.Count} labels");
        for (var i = 0; i < labels.Count; i++)
        {
            for (var j = i + 1; j < labels.Count; j++)
                Assert.False(labels[i].LabelBox.Overlaps(labels[j].LabelBox), $"{file}: 「{labels[i].Label}」 {labels[i].LabelBox} meets 「{labels[j].Label}」 {labels[j].LabelBox}");
            foreach (var (state, box) in layout.States)
                Assert.False(labels[i].LabelBox.Overlaps(box), $"{file}: 「{labels[i].Label}」 lies on the state {state}");
        }
        Assert.All(labels.Select(l => l.LabelBox).Concat(layout.States.Values), b =>
            Assert.True(b.X >= 0 && b.Y >= 0 && b.X + b.Width <= layout.Width && b.Y + b.Height <= layout.Height, $"{file}: {b} off the {layout.Width}×{layout.Height} canvas"));
    }

    [Fact]
    public void The_current_state_is_named_in_words_without_a_glyph_a_font_may_lack()
    {
        var definition = WorkflowDefinitionFile.Read(Path.Combine(RepoPaths.Root, "workflows", "dated-task.v2.json"));

        var svg = WorkflowDiagramSvg.Render(definition, definition.InitialState);

        Assert.Contains(">当前</text>", svg);
        Assert.DoesNotContain("◀", svg);
        // Each label is drawn once, on its own ground.
        Assert.Equal(WorkflowDiagramSvg.Arrange(definition).Edges.Count, svg.Split("class=\"edge-ground\"").Length - 1);
    }
}
