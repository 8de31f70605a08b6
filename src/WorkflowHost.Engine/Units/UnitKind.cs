// The namespace is WorkflowHost.Engine.Units, not ….Directory: a namespace named Directory would shadow
// System.IO.Directory in every file under WorkflowHost.Engine.* (tests included), so `Directory.Exists(…)` would stop compiling.
namespace WorkflowHost.Engine.Units;

/// <summary>What sort of body a unit is. Decides how it is addressed and whether it can be a region.</summary>
public enum UnitKind
{
    /// <summary>省直部门: a department of the provincial Party committee or government (省应急厅, 省委宣传部).</summary>
    ProvincialDepartment,

    /// <summary>中央驻甘单位: a vertically managed central body in Gansu (国家矿山安监局甘肃局, 省气象局, 省消防救援总队).</summary>
    CentralAgency,

    /// <summary>An enterprise or media group that carries tasks (国网电力甘肃公司, 甘肃日报社).</summary>
    Enterprise,

    /// <summary>人民团体 (省总工会, 团省委).</summary>
    MassOrganization,

    /// <summary>The office of a committee, which does the committee's daily work (省安委会办公室).</summary>
    Office,

    /// <summary>A deliberative committee (省安委会): it issues plans but is not assigned work itself.</summary>
    Committee,

    /// <summary>A school or academy (省委党校).</summary>
    Institution,

    /// <summary>市州, 兰州新区 and other areas with their own 安委会.</summary>
    Region,

    /// <summary>县(市、区): a county or district under a 市州, to which the city hands its work down (城关区, 榆中县).</summary>
    County,

    /// <summary>A department of a 市州 or 县区 government (兰州市应急管理局), to which its government hands work down.</summary>
    LocalDepartment,
}

public static class UnitKindNames
{
    private static readonly Dictionary<UnitKind, string> WireNames = new()
    {
        [UnitKind.ProvincialDepartment] = "provincial-department",
        [UnitKind.CentralAgency] = "central-agency",
        [UnitKind.Enterprise] = "enterprise",
        [UnitKind.MassOrganization] = "mass-organization",
        [UnitKind.Office] = "office",
        [UnitKind.Committee] = "committee",
        [UnitKind.Institution] = "institution",
        [UnitKind.Region] = "region",
        [UnitKind.County] = "county",
        [UnitKind.LocalDepartment] = "local-department",
    };

    /// <summary>Every wire name, for error messages that list what is accepted.</summary>
    public static IReadOnlyCollection<string> All => WireNames.Values;

    /// <summary>The stable wire name used in units.json and CLI output.</summary>
    public static string ToWireName(this UnitKind kind) => WireNames[kind];

    public static bool TryFromWireName(string? name, out UnitKind kind)
    {
        foreach (var (candidate, wireName) in WireNames)
        {
            if (wireName == name)
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
