using System.Security.Cryptography;
using System.Text;
using WorkflowHost.Hosting;
using WorkflowHost.Web.Security;

namespace WorkflowHost.Web.Calendar;

/// <summary>
/// The secret token in a unit's calendar URL: an HMAC of the unit id, so it needs no table and cannot be guessed for
/// another unit. The key comes from configuration or is generated once into the data folder.
/// </summary>
public sealed class CalendarTokens
{
    private readonly byte[] _key;

    public CalendarTokens(WebOptions options, ProductSettings settings)
    {
        if (options.CalendarSecret.Length > 0)
        {
            _key = Encoding.UTF8.GetBytes(options.CalendarSecret);
            return;
        }
        var file = Path.Combine(settings.DataFolder, "calendar-feed.key");
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(settings.DataFolder);
            File.WriteAllText(file, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        }
        _key = Convert.FromBase64String(File.ReadAllText(file).Trim());
    }

    public string For(long unitId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"calendar:{unitId}")))[..32];

    public bool Matches(long unitId, string token) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(For(unitId)), Encoding.ASCII.GetBytes(token));

    public static string UrlPath(long unitId, string token) => $"/calendar/{unitId}/{token}.ics";
}
