using System.Globalization;
using System.Net;
using System.Text;
using WorkflowHost.Engine.Workflows;

namespace WorkflowHost.Web.Graphics;

/// <summary>
/// A workflow definition drawn as inline SVG, with the current state highlighted. States are placed in columns by
/// their distance from the initial state; transitions are arcs labelled with their Chinese title. (The engine's
/// Mermaid text needs a JavaScript renderer; this needs none and prints.)
/// </summary>
public static class WorkflowDiagramSvg
{
    private const int BoxWidth = 120, BoxHeight = 40, ColumnGap = 90, RowGap = 70, Margin = 30;

    public static string Render(WorkflowDefinition def, string? currentState)
    {
        var depth = Depths(def);
        var columns = def.States.GroupBy(s => depth[s.Name]).OrderBy(g => g.Key).ToList();
        var position = new Dictionary<string, (double X, double Y)>();
        var rows = columns.Max(c => c.Count());
        foreach (var column in columns)
        {
            var i = 0;
            foreach (var state in column)
                position[state.Name] = (Margin + column.Key * (BoxWidth + ColumnGap), Margin + 40 + (i++ + (rows - column.Count()) / 2.0) * (BoxHeight + RowGap));
        }
        var width = Margin * 2 + columns.Count * (BoxWidth + ColumnGap) - ColumnGap;
        var height = Margin * 2 + 80 + rows * (BoxHeight + RowGap) - RowGap;

        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg class=\"diagram\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{Esc(def.Title)}流程图\" xmlns=\"http://www.w3.org/2000/svg\">"));
        svg.Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#64748b\"/></marker></defs>");
        var drawn = 0;
        foreach (var transition in def.Transitions)
        {
            foreach (var from in transition.From)
            {
                foreach (var to in new[] { transition.To, transition.ToWhenPastDue }.Where(t => t is not null).Distinct())
                {
                    var (x1, y1) = Center(position[from]);
                    var (x2, y2) = Center(position[to!]);
                    // Arcs bend alternately up and down so transitions between the same states stay apart.
                    var bend = (drawn++ % 2 == 0 ? -1 : 1) * (30 + 6 * (drawn % 4));
                    var (mx, my) = ((x1 + x2) / 2, (y1 + y2) / 2 + bend);
                    var label = transition.Title + (transition.ToWhenPastDue is not null && transition.ToWhenPastDue != transition.To
                        ? (to == transition.To ? "(未逾期)" : "(已逾期)") : "");
                    var dashed = transition.Actor == Actors.Timer ? " stroke-dasharray=\"5 4\"" : "";
                    svg.Append(Invariant($"<path d=\"M{x1:0},{y1:0} Q{mx:0},{my:0} {x2:0},{y2:0}\" fill=\"none\" stroke=\"#94a3b8\" stroke-width=\"1.4\"{dashed} marker-end=\"url(#arrow)\"/>"));
                    svg.Append(Invariant($"<text x=\"{mx:0}\" y=\"{(y1 + y2) / 2 + bend / 2.0:0}\" class=\"edge\" text-anchor=\"middle\">{Esc(label)}</text>"));
                }
            }
        }
        foreach (var state in def.States)
        {
            var (x, y) = position[state.Name];
            var current = state.Name == currentState;
            var css = current ? "state current" : state.Final ? "state final" : "state";
            svg.Append(Invariant($"<g class=\"{css}\"><rect x=\"{x:0}\" y=\"{y:0}\" width=\"{BoxWidth}\" height=\"{BoxHeight}\" rx=\"8\"/>"));
            svg.Append(Invariant($"<text x=\"{x + BoxWidth / 2.0:0}\" y=\"{y + BoxHeight / 2.0 + 5:0}\" text-anchor=\"middle\">{Esc(state.Title)}{(current ? " ◀ 当前" : "")}</text></g>"));
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static (double, double) Center((double X, double Y) p) => (p.X + BoxWidth / 2.0, p.Y + BoxHeight / 2.0);

    /// <summary>Shortest number of transitions from the initial state; unreachable states go in a last column.</summary>
    private static Dictionary<string, int> Depths(WorkflowDefinition def)
    {
        var depth = new Dictionary<string, int> { [def.InitialState] = 0 };
        var queue = new Queue<string>([def.InitialState]);
        while (queue.TryDequeue(out var state))
        {
            foreach (var t in def.Transitions.Where(t => t.From.Contains(state)))
            foreach (var to in new[] { t.To, t.ToWhenPastDue }.OfType<string>())
                if (depth.TryAdd(to, depth[state] + 1)) queue.Enqueue(to);
        }
        var last = depth.Count == 0 ? 0 : depth.Values.Max() + 1;
        foreach (var s in def.States) depth.TryAdd(s.Name, last);
        return depth;
    }

    private static string Esc(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
