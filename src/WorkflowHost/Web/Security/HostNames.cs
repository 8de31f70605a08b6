using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using WorkflowHost.Infrastructure.Mail;

namespace WorkflowHost.Web.Security;

/// <summary>
/// Which host names the server answers to, and what it says about itself. <c>AllowedHosts</c> (appsettings.json)
/// lists the names; the host of <c>Mail:WebAppUrl</c> is always added, since that is the address every mail and link
/// gives out. A request naming another host gets 400, so a forged <c>Host</c> header never reaches a page. No
/// <c>Server</c> header: the banner tells an attacker which server to look up, and nobody else needs it.
/// </summary>
public static class HostNames
{
    public static IServiceCollection AddHostNames(this IServiceCollection services, MailOptions mail)
    {
        services.Configure<KestrelServerOptions>(options => options.AddServerHeader = false);
        // After the web host's own PostConfigure, which fills the list from AllowedHosts ("*" when unset).
        services.PostConfigure<HostFilteringOptions>(options =>
        {
            if (options.AllowedHosts.Contains("*") || !Uri.TryCreate(mail.WebAppUrl, UriKind.Absolute, out var url)) return;
            if (!options.AllowedHosts.Contains(url.IdnHost, StringComparer.OrdinalIgnoreCase)) options.AllowedHosts = [.. options.AllowedHosts, url.IdnHost];
        });
        return services;
    }
}
