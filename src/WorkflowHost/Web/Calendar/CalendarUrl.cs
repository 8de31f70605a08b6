using WorkflowHost.Infrastructure.Mail;

namespace WorkflowHost.Web.Calendar;

/// <summary>The absolute URL of a unit's calendar feed, as calendar apps need it. Built from the configured address of
/// the web app (<c>Mail:WebAppUrl</c>, the one the mails link to), never from the request: a forged <c>Host</c> header
/// must not end up in an address the unit copies into its calendar.</summary>
public sealed class CalendarUrl(CalendarTokens tokens, MailOptions mail)
{
    public string For(long unitId) => mail.WebAppUrl.TrimEnd('/') + CalendarTokens.UrlPath(unitId, tokens.For(unitId));
}
