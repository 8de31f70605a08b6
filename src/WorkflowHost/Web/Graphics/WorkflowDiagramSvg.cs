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

    /// <summary>A box on the drawing: a state or an edge label, in the SVG's coordinates.</summary>
    public sealed record Box(double X, double Y, double Width, double Height)
    {
        public bool Overlaps(Box other) =>
            X < other.X + other.Width && other.X < X + Width && Y < other.Y + other.Height && other.Y < Y + Height;
    }

    /// <summary>One transition's arc and its label, where the label's box sits once placed clear of the others.</summary>
    public sealed record Edge(string Label, bool ByTimer, (double X, double Y) From, (double X, double Y) Control, (double X, double Y) To, Box LabelBox);

    /// <summary>Everything drawn, laid out: state boxes, arcs, label boxes, and the canvas that holds them all.</summary>
    public sealed record Layout(IReadOnlyDictionary<string, Box> States, IReadOnlyList<Edge> Edges, double Width, double Height);

    // Edge labels are 11 px: a CJK character is as wide as the font size, other characters about half; a little padding.
    private const double EdgeFont = 11, LabelPadding = 4, LabelStep = 14, HereHeight = 16;

    /// <summary>Places states in columns by their distance from the initial state, arcs between them, and each arc's
    /// label at the first spot near the arc's middle that meets no other label and no state (trying above and below in
    /// growing steps), so no two labels ever overlap whatever the definition holds.</summary>
    public static Layout Arrange(WorkflowDefinition def)
    {
        var depth = Depths(def);
        var columns = def.States.GroupBy(s => depth[s.Name]).OrderBy(g => g.Key).ToList();
        var states = new Dictionary<string, Box>();
        var rows = columns.Max(c => c.Count());
        foreach (var column in columns)
        {
            var i = 0;
            foreach (var state in column)
                states[state.Name] = new Box(Margin + column.Key * (BoxWidth + ColumnGap), Margin + 40 + (i++ + (rows - column.Count()) / 2.0) * (BoxHeight + RowGap), BoxWidth, BoxHeight);
        }
        var width = Margin * 2 + columns.Count * (BoxWidth + ColumnGap) - ColumnGap;
        var height = Margin * 2 + 80 + rows * (BoxHeight + RowGap) - RowGap;

        var edges = new List<Edge>();
        // A state's box and the strip above it, where the current state says 当前.
        var taken = states.Values.Select(b => b with { Y = b.Y - HereHeight, Height = b.Height + HereHeight }).ToList();
        // How many arcs already join each pair of states: the next bends further out, on the other side.
        var pairs = new Dictionary<(string, string), int>();
        foreach (var transition in def.Transitions)
        {
            foreach (var from in transition.From)
            {
                foreach (var to in new[] { transition.To, transition.ToWhenPastDue }.OfType<string>().Distinct())
                {
                    var pair = string.CompareOrdinal(from, to) <= 0 ? (from, to) : (to, from);
                    var k = pairs.GetValueOrDefault(pair);
                    pairs[pair] = k + 1;
                    var (x1, y1) = Center(states[from]);
                    var (x2, y2) = Center(states[to]);
                    // The arc bows sideways from the straight line (perpendicular to it, so arcs between states of one
                    // column bow too), measured on the pair's own direction so arcs both ways alternate sides.
                    var (dx, dy) = (x2 - x1, y2 - y1);
                    var length = Math.Max(1, Math.Sqrt(dx * dx + dy * dy));
                    var flip = pair.Item1 == from ? 1 : -1;
                    var side = k % 2 == 0 ? 1 : -1;
                    // A transition back into its own state bows straight up.
                    var (nx, ny) = dx == 0 && dy == 0 ? (0.0, -1.0) : (-dy / length * flip * side, dx / length * flip * side);
                    var bow = 26 + 24 * (k / 2);
                    // An arc that would run through a state between its ends (three states in one column) bows around it.
                    var others = states.Where(st => st.Key != from && st.Key != to).Select(st => st.Value with { X = st.Value.X - 16, Width = st.Value.Width + 32 }).ToList();
                    while (bow < 400 && others.Any(o => o.Overlaps(new Box((x1 + x2) / 2 + nx * bow - 1, (y1 + y2) / 2 + ny * bow - 1, 2, 2)))) bow += 24;
                    var (mx, my) = ((x1 + x2) / 2 + nx * bow, (y1 + y2) / 2 + ny * bow);
                    // The quadratic's control point, so that the curve passes through (mx, my) halfway along.
                    var control = (2 * mx - (x1 + x2) / 2, 2 * my - (y1 + y2) / 2);
                    var label = transition.Title + (transition.ToWhenPastDue is not null && transition.ToWhenPastDue != transition.To
                        ? (to == transition.To ? "(未逾期)" : "(已逾期)") : "");
                    var box = Place(label, mx, my, (nx, ny), taken);
                    taken.Add(box);
                    // From edge to edge of the boxes, so the arrowhead shows instead of hiding under the state it enters.
                    edges.Add(new Edge(label, transition.Actor == Actors.Timer, Border(states[from], control), control, Border(states[to], control), box));
                }
            }
        }
        // The canvas grows to every label placed above or below the columns.
        var top = Math.Min(0, taken.Min(b => b.Y) - 4);
        var bottom = Math.Max(height, taken.Max(b => b.Y + b.Height) + 4);
        var left = Math.Min(0, taken.Min(b => b.X) - 4);
        var right = Math.Max(width, taken.Max(b => b.X + b.Width) + 4);
        if (top < 0 || left < 0)
        {
            Box Shift(Box b) => b with { X = b.X - left, Y = b.Y - top };
            (double, double) Move((double X, double Y) p) => (p.X - left, p.Y - top);
            states = states.ToDictionary(s => s.Key, s => Shift(s.Value));
            edges = edges.Select(e => e with { From = Move(e.From), Control = Move(e.Control), To = Move(e.To), LabelBox = Shift(e.LabelBox) }).ToList();
        }
        return new Layout(states, edges, right - left, bottom - top);
    }

    /// <summary>The label's box centred on (<paramref name="x"/>, <paramref name="y"/>), the arc's middle, moved
    /// a step at a time out along the arc's bow, back, or along the arc, until it meets nothing placed.</summary>
    private static Box Place(string label, double x, double y, (double X, double Y) outward, List<Box> taken)
    {
        var width = TextWidth(label, EdgeFont) + LabelPadding * 2;
        var height = EdgeFont + LabelPadding;
        // Nearest spots first: out along the bow, back, then along the arc either way, a step further each round.
        var (ox, oy) = outward;
        var (tx, ty) = (-oy, ox);
        for (var round = 0; round < 40; round++)
        {
            var d = LabelStep * round;
            foreach (var (sx, sy) in round == 0 ? [(0.0, 0.0)] : new[] { (ox * d, oy * d), (-ox * d, -oy * d), (tx * d, ty * d), (-tx * d, -ty * d) })
            {
                var box = new Box(x + sx - width / 2, y + sy - height / 2, width, height);
                if (!taken.Any(box.Overlaps)) return box;
            }
        }
        // Nothing free near the arc (never seen with the product's definitions): below everything placed.
        return new Box(x - width / 2, taken.Max(b => b.Y + b.Height) + 2, width, height);
    }

    /// <summary>Where the line from <paramref name="box"/>'s centre toward <paramref name="toward"/> leaves the box.</summary>
    private static (double X, double Y) Border(Box box, (double X, double Y) toward)
    {
        var (cx, cy) = Center(box);
        var (dx, dy) = (toward.X - cx, toward.Y - cy);
        if (dx == 0 && dy == 0) return (cx, cy);
        var t = Math.Min(dx == 0 ? double.MaxValue : box.Width / 2 / Math.Abs(dx), dy == 0 ? double.MaxValue : box.Height / 2 / Math.Abs(dy));
        return (cx + dx * t, cy + dy * t);
    }

    /// <summary>The drawn width of <paramref name="text"/>: a CJK character (and a full-width bracket) as wide as the
    /// font is high, anything else about half.</summary>
    public static double TextWidth(string text, double fontSize) =>
        text.Sum(c => c >= '\u2E80' ? fontSize : fontSize * 0.6);

    public static string Render(WorkflowDefinition def, string? currentState)
    {
        var layout = Arrange(def);
        var (width, height) = (Math.Ceiling(layout.Width), Math.Ceiling(layout.Height));
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg class=\"diagram\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{Esc(def.Title)}流程图\" xmlns=\"http://www.w3.org/2000/svg\">"));
        svg.Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#64748b\"/></marker></defs>");
        foreach (var edge in layout.Edges)
        {
            var dashed = edge.ByTimer ? " stroke-dasharray=\"5 4\"" : "";
            svg.Append(Invariant($"<path d=\"M{edge.From.X:0},{edge.From.Y:0} Q{edge.Control.X:0},{edge.Control.Y:0} {edge.To.X:0},{edge.To.Y:0}\" fill=\"none\" stroke=\"#94a3b8\" stroke-width=\"1.4\"{dashed} marker-end=\"url(#arrow)\"/>"));
        }
        // Labels after every arc, on a white ground, so no line runs through their words.
        foreach (var edge in layout.Edges)
        {
            var b = edge.LabelBox;
            svg.Append(Invariant($"<rect class=\"edge-ground\" x=\"{b.X:0.#}\" y=\"{b.Y:0.#}\" width=\"{b.Width:0.#}\" height=\"{b.Height:0.#}\" rx=\"3\"/>"));
            svg.Append(Invariant($"<text x=\"{b.X + b.Width / 2:0.#}\" y=\"{b.Y + b.Height - LabelPadding / 2 - 1:0.#}\" class=\"edge\" text-anchor=\"middle\">{Esc(edge.Label)}</text>"));
        }
        foreach (var state in def.States)
        {
            var box = layout.States[state.Name];
            var current = state.Name == currentState;
            var css = current ? "state current" : state.Final ? "state final" : "state";
            svg.Append(Invariant($"<g class=\"{css}\"><rect x=\"{box.X:0}\" y=\"{box.Y:0}\" width=\"{BoxWidth}\" height=\"{BoxHeight}\" rx=\"8\"/>"));
            // The current state says so in words above its box (no arrow glyph a font may lack).
            if (current) svg.Append(Invariant($"<text class=\"here\" x=\"{box.X + BoxWidth / 2.0:0}\" y=\"{box.Y - 4:0}\" text-anchor=\"middle\">当前</text>"));
            svg.Append(Invariant($"<text x=\"{box.X + BoxWidth / 2.0:0}\" y=\"{box.Y + BoxHeight / 2.0 + 5:0}\" text-anchor=\"middle\">{Esc(state.Title)}</text></g>"));
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static (double, double) Center(Box b) => (b.X + b.Width / 2.0, b.Y + b.Height / 2.0);

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
