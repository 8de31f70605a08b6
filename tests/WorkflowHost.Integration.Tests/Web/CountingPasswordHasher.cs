using System.Buffers.Binary;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using WorkflowHost.Infrastructure.Persistence;

namespace WorkflowHost.Integration.Tests.Web;

/// <summary>
/// The product's password hasher, recording each verification with the work it cost — the PBKDF2 iteration count of
/// the hash it was checked against (Identity's v3 format: a marker byte, the PRF, then the count) — so a test can see
/// that an unknown name costs the same work as a wrong password without timing anything.
/// </summary>
public sealed class CountingPasswordHasher(IOptions<PasswordHasherOptions> options) : IPasswordHasher<AppUser>
{
    private readonly PasswordHasher<AppUser> _inner = new(options);

    public static ConcurrentQueue<int> Verifications { get; } = new();

    public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
    {
        Verifications.Enqueue(IterationsOf(hashedPassword));
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }

    public static int IterationsOf(string hashedPassword)
    {
        var bytes = Convert.FromBase64String(hashedPassword);
        return bytes[0] == 0x01 ? (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5, 4)) : 0;
    }
}
