using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Web.Security;

/// <summary>
/// A hash of a random password made with the product's hasher settings, checked against when the name is unknown or
/// the account locked: those answers then cost the same hashing time as a wrong password, and the response time does
/// not tell which names exist.
/// </summary>
public sealed class DecoyPasswordHash(IOptions<PasswordHasherOptions> options)
{
    private readonly Lazy<string> _hash = new(() =>
        new PasswordHasher<AppUser>(options).HashPassword(new AppUser(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(24))));

    public string Hash => _hash.Value;
}
