using Microsoft.AspNetCore.Identity;

namespace WorkflowHost.Infrastructure.Persistence;

/// <summary>A person who signs in to the web app. Unit staff (联络员, 单位负责人) belong to one unit; the working group
/// and administrators to none.</summary>
public sealed class AppUser : IdentityUser
{
    public long? UnitId { get; set; }

    /// <summary>What pages and the journal call the person (省应急厅联络员).</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>Created from the unit directory for the demo configuration; a production configuration refuses to
    /// start while any such account exists.</summary>
    public bool IsDemo { get; set; }

    /// <summary>When the password was last set, in real time; null (never recorded) counts as too old. MLPS 2.0
    /// level 3 asks for passwords to be changed periodically (<c>WorkflowHost:Web:PasswordMaxAgeDays</c>).</summary>
    public DateTimeOffset? PasswordChangedAt { get; set; }
}
