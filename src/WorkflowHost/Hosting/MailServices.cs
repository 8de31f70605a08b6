using WorkflowHost.Infrastructure.Mail;
using WorkflowHost.Infrastructure.Mail.Delivery;

namespace WorkflowHost.Hosting;

public static class MailServices
{
    /// <summary>The mail the official documents travel with: digests, dispatcher, delivery (SMTP when a
    /// host is configured, the pickup folder under the data folder otherwise) and the outbox's administration.
    /// Mail settings are checked here, so a bad address stops the start instead of surfacing at 09:00.</summary>
    public static IServiceCollection AddMail(this IServiceCollection services, ProductSettings settings)
    {
        var mail = settings.Configuration.GetSection(MailOptions.Section).Get<MailOptions>() ?? new MailOptions();
        if (mail.Problems() is { Count: > 0 } problems)
            throw new InvalidOperationException("mail settings are invalid:\n  " + string.Join("\n  ", problems));
        services.AddSingleton(mail);
        services.AddSingleton<MessageComposer>();
        services.AddSingleton<DailyDigestComposer>();
        services.AddSingleton<LetterBundler>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<OutboxAdministration>();
        services.AddSingleton<IMailDelivery>(string.IsNullOrWhiteSpace(mail.Smtp.Host)
            ? new PickupFolderDelivery(Path.Combine(settings.DataFolder, mail.PickupFolder))
            : new SmtpDelivery(mail.Smtp));
        return services;
    }
}
