using System.CommandLine;
using WorkflowHost.Engine.Units;
using WorkflowHost.Hosting;

namespace WorkflowHost.Cli;

/// <summary><c>units [--json]</c>: the unit directory with aliases, kinds, groups, contact addresses and contacts
/// (联系人, 联系电话), and which unit belongs to which (parent, sub-units).</summary>
public static class UnitsVerb
{
    public static Command Create(ProductSettings settings)
    {
        var json = new Option<bool>("--json") { Description = "print JSON" };
        var command = new Command("units", "List the unit directory") { json };
        command.SetAction(parse =>
        {
            var directory = settings.LoadDirectory();
            var groupsOf = directory.Groups
                .SelectMany(g => g.Members.Select(m => (Member: m, Group: g.Name)))
                .ToLookup(x => x.Member, x => x.Group);
            var units = directory.Units.Select(u => new
            {
                u.Name,
                u.FullName,
                u.Aliases,
                Kind = u.Kind.ToWireName(),
                u.Email,
                Contact = u.Contact?.Person,
                Phone = u.Contact?.Phone,
                Region = directory.Regions.Contains(u),
                Groups = groupsOf[u.Name].ToList(),
                u.Parent,
                SubUnits = directory.SubUnitsOf(u.Name).Select(s => s.Name).ToList(),
            }).ToList();
            if (parse.GetValue(json))
            {
                CliJson.Write(new
                {
                    units,
                    groups = directory.Groups.Select(g => new { g.Name, g.Aliases, g.Members, g.MembershipSource, g.Note }),
                });
                return;
            }
            foreach (var u in units)
                Console.WriteLine($"{u.Name,-16} {u.Kind,-20} {u.Email,-28} {u.Contact ?? "",-8} {u.Phone ?? "",-14} {string.Join("、", u.Aliases)}");
            foreach (var g in directory.Groups)
                Console.WriteLine($"[{g.Name}] {g.MembershipSource}: {string.Join("、", g.Members)}");
        });
        return command;
    }
}
