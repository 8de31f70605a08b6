using MimeKit;

namespace WorkflowHost.Infrastructure.Mail.Delivery;

/// <summary>
/// The embedded default: each message becomes an .eml file (open it with any mail program) in a folder under the data
/// folder. The file is named after the Message-ID and written under a temporary name first, so a reader never sees
/// half a message and a message sent twice is one file.
/// </summary>
public sealed class PickupFolderDelivery(string folder) : IMailDelivery, IMailSession
{
    public string Folder => folder;

    public Task<IMailSession> OpenAsync(CancellationToken cancel)
    {
        Directory.CreateDirectory(folder);
        return Task.FromResult<IMailSession>(this);
    }

    public async Task SendAsync(MimeMessage message, CancellationToken cancel)
    {
        var name = FileNameOf(message);
        var target = Path.Combine(folder, name);
        var temporary = target + ".tmp";
        try
        {
            await message.WriteToAsync(temporary, cancel);
            File.Move(temporary, target, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MailDeliveryException($"cannot write {target}: {e.Message}", permanent: false, e);
        }
    }

    /// <summary>「20240308-0900-outbox.123.ab12cd34ef56ab78.eml」: sorts by time, unique per message.</summary>
    public static string FileNameOf(MimeMessage message)
    {
        var id = message.MessageId ?? throw new ArgumentException("a message needs a Message-ID to be written to the pickup folder", nameof(message));
        var local = id.Split('@')[0];
        var safe = string.Concat(local.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '_'));
        return $"{message.Date.ToOffset(TimeSpan.FromHours(8)):yyyyMMdd-HHmm}-{safe}.eml";
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
