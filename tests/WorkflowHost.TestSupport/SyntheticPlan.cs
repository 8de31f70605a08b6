using WorkflowHost.Engine.Calendar;
using WorkflowHost.Engine.Plans;
using WorkflowHost.Engine.Units;
using WorkflowHost.Hosting;
using WorkflowHost.Infrastructure.Plans;

namespace WorkflowHost.DataSets;

/// <summary>
/// The national-scale data set, shaped as offices really are: a generated directory of 省直部门, 市州 and their 县区,
/// and the real 43 tasks of the 2024 plan. Each task has one department as 牵头 with up to 30 other departments
/// 分工负责 under it (their parent, which confirms them), and task 5's rule makes every 市州 carry it; each 市州 then
/// hands its share down to its 县区 (<see cref="SyntheticHandDown"/>). At <c>units</c> = 23,000: 100 departments,
/// 2,290 市州, 20,610 县区 (9 each) — 43 × 22,931 ≈ 1,000,000 assignments once handed down. Deadlines, cadences and
/// workflows are the real ones, so 19 tasks share 12月底前 and their timers come due at the same instants.
/// </summary>
public static class SyntheticPlan
{
    public const int CoUnitsPerTask = 30;

    /// <summary>The data set of <paramref name="units"/> units on the product's real plan, and when it is imported:
    /// 09:00 of the day the plan was issued.</summary>
    public sealed record Issued(Plan Plan, UnitDirectory Directory, DateTimeOffset ImportAt);

    public static Issued Build(ProductSettings product, int units)
    {
        var real = PlanLoader.Load(product.PlanPath ?? throw new InvalidOperationException("no plan configured (WorkflowHost:Plan): the data set reuses its tasks"),
            product.LoadDirectory());
        var directory = Directory(units);
        return new Issued(For(real, directory), directory, ChinaTime.At(real.Info.IssuedOn, new TimeOnly(9, 0)));
    }

    /// <summary>How <paramref name="units"/> units divide: a department per 230 units (at least 2), a tenth of the rest
    /// 市州 (at least 1), the others 县区 spread over the 市州 in turn.</summary>
    public sealed record Shape(int Departments, int Cities, int Counties)
    {
        public static Shape Of(int units)
        {
            if (units < 3) throw new ArgumentOutOfRangeException(nameof(units), units, "the tree shape needs at least 3 units");
            var departments = Math.Max(2, units / 230);
            var cities = Math.Max(1, (units - departments) / 10);
            return new Shape(departments, cities, units - departments - cities);
        }

        /// <summary>Assignments of one task once every 市州 has handed down: the lead, its co-units, the 市州, the 县区.</summary>
        public int PerTask => 1 + Math.Min(Departments - 1, CoUnitsPerTask) + Cities + Counties;
    }

    public static string Department(int i) => $"某省直部门-{i:D3}";
    public static string City(int i) => $"某市-{i:D4}";
    public static string County(int city, int i) => $"{City(city)}某县-{i:D2}";

    public static UnitDirectory Directory(int units)
    {
        var shape = Shape.Of(units);
        var list = new List<OrgUnit>(units);
        for (var d = 1; d <= shape.Departments; d++)
            list.Add(new OrgUnit(Department(d), null, [], UnitKind.ProvincialDepartment, $"dept-{d:D3}@bench.example", false));
        for (var c = 1; c <= shape.Cities; c++)
            list.Add(new OrgUnit(City(c), null, [], UnitKind.Region, $"city-{c:D4}@bench.example", true));
        var perCity = new int[shape.Cities + 1];
        for (var k = 0; k < shape.Counties; k++)
        {
            var city = 1 + k % shape.Cities;
            var n = ++perCity[city];
            list.Add(new OrgUnit(County(city, n), null, [], UnitKind.County, $"county-{city:D4}-{n:D2}@bench.example", false, City(city)));
        }
        return UnitDirectory.Create(list, [], "synthetic directory");
    }

    /// <summary>The real plan with each task's responsibility replaced: department (No − 1) mod D leads, the next 30
    /// departments in turn share it under the lead, and every 市州 carries it by task 5's rule.</summary>
    public static Plan For(Plan real, UnitDirectory directory)
    {
        var departments = directory.Units.Where(u => u.Kind == UnitKind.ProvincialDepartment).Select(u => u.Name).ToArray();
        var coUnits = Math.Min(departments.Length - 1, CoUnitsPerTask);
        return real with
        {
            Tasks = real.Tasks.Select(t =>
            {
                var lead = (t.No - 1) % departments.Length;
                var units = Enumerable.Range(0, coUnits + 1).Select(i => departments[(lead + i) % departments.Length]).ToList();
                return t with { Responsibility = new Responsibility(t.Responsibility.Text, [departments[lead]], units, [], true), LeadOf = new Dictionary<string, string>() };
            }).ToList(),
            SourceHash = $"{real.SourceHash}:bench-tree:{directory.Units.Count}",
        };
    }
}
