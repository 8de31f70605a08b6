using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace WorkflowHost.Infrastructure.Mail.Delivery;

/// <summary>Delivery over SMTP with MailKit: one connection per batch, reconnected if the server drops it mid-batch.</summary>
public sealed class SmtpDelivery(SmtpOptions options) : IMailDelivery
{
    public async Task<IMailSession> OpenAsync(CancellationToken cancel)
    {
        var session = new Session(options);
        await session.ConnectAsync(cancel);
        return session;
    }

    private sealed class Session(SmtpOptions options) : IMailSession
    {
        private readonly SmtpClient _client = new() { Timeout = options.TimeoutSeconds * 1000 };

        public async Task ConnectAsync(CancellationToken cancel)
        {
            try
            {
                await _client.ConnectAsync(await OpenSocketAsync(cancel), options.Host ?? "", options.Port, options.Security, cancel);
                if (!string.IsNullOrEmpty(options.UserName))
                    await _client.AuthenticateAsync(options.UserName, options.Password ?? "", cancel);
            }
            catch (Exception e) when ((IsTransportFailure(e) || e is AuthenticationException or SmtpCommandException) && !cancel.IsCancellationRequested)
            {
                throw new MailDeliveryException($"cannot connect to SMTP server {options.Host}:{options.Port}: {e.Message}", permanent: false, e);
            }
        }

        /// <summary>The connection, with Nagle's algorithm off: SMTP is a conversation of short commands each waiting for
        /// its answer, and with it on every message waited out the peer's delayed acknowledgement (≈ 40 ms: 18 messages
        /// a second to a local server that takes 500). MailKit owns the socket from here on.</summary>
        private async Task<Socket> OpenSocketAsync(CancellationToken cancel)
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
                timeout.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
                await socket.ConnectAsync(options.Host ?? "", options.Port, timeout.Token);
                return socket;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        public async Task SendAsync(MimeMessage message, CancellationToken cancel)
        {
            if (!_client.IsConnected) await ConnectAsync(cancel);
            try
            {
                await _client.SendAsync(message, cancel);
            }
            catch (SmtpCommandException e)
            {
                // 5xx is the server's final word (unknown mailbox, message refused); 4xx asks us to come back later.
                var permanent = (int)e.StatusCode >= 500;
                var who = e.Mailbox is { } mailbox ? $" for {mailbox.Address}" : "";
                throw new MailDeliveryException($"SMTP {(int)e.StatusCode}{who}: {e.Message.Trim()}", permanent, e);
            }
            catch (Exception e) when (IsTransportFailure(e) && !cancel.IsCancellationRequested)
            {
                // The connection is in an unknown state: drop it, and let the next message reconnect.
                try { await _client.DisconnectAsync(false, CancellationToken.None); } catch (Exception) { /* already broken */ }
                throw new MailDeliveryException($"SMTP server {options.Host}:{options.Port} failed during sending: {e.Message}", permanent: false, e);
            }
        }

        private static bool IsTransportFailure(Exception e) =>
            // A server slower than the client's timeout surfaces as a cancellation we did not ask for.
            e is SocketException or IOException or SmtpProtocolException or ServiceNotConnectedException or TimeoutException
                or SslHandshakeException or OperationCanceledException;

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (_client.IsConnected) await _client.DisconnectAsync(true, CancellationToken.None);
            }
            catch (Exception e) when (IsTransportFailure(e) || e is SmtpCommandException)
            {
                // Everything sent is already marked; a rude server at QUIT changes nothing.
            }
            _client.Dispose();
        }
    }
}
