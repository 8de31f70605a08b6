using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace WorkflowHost.Infrastructure.Persistence;

/// <summary>The web app's tables: evidence files and the audit log (the Identity tables come from the base context).</summary>
internal static class WebModel
{
    public static void Configure(ModelBuilder model)
    {
        // Identity's tables under plain lower-case names, like the rest of the schema.
        model.Entity<AppUser>(e =>
        {
            e.ToTable("users");
            e.HasIndex(u => u.UnitId);
        });
        model.Entity<IdentityRole>().ToTable("roles");
        model.Entity<IdentityUserRole<string>>().ToTable("user_roles");
        model.Entity<IdentityUserClaim<string>>().ToTable("user_claims");
        model.Entity<IdentityUserLogin<string>>().ToTable("user_logins");
        model.Entity<IdentityUserToken<string>>().ToTable("user_tokens");
        model.Entity<IdentityRoleClaim<string>>().ToTable("role_claims");
        model.Entity<EvidenceFileRow>(e =>
        {
            e.ToTable("evidence_files");
            e.HasIndex(f => f.AssignmentId);
            e.HasOne<AssignmentRow>().WithMany().HasForeignKey(f => f.AssignmentId);
        });
        model.Entity<AuditRow>(e =>
        {
            e.ToTable("audit");
            e.HasIndex(a => a.At);
        });
    }
}
