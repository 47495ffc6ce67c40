namespace CleanAuth.TestCommon;

/// <summary>
/// The real SMTP server the tests send mail to: <c>CLEANAUTH_TEST_SMTP_PORT</c> names its loopback port and
/// <c>CLEANAUTH_TEST_MAILDIR</c> the Maildir it stores every accepted message in (build/test.sh starts aiosmtpd
/// and sets both). Every test shares it; addresses are unique per test, so nobody reads anyone else's mail.
/// </summary>
public static class SmtpTestServer
{
    public const string PortVariable = "CLEANAUTH_TEST_SMTP_PORT";
    public const string MaildirVariable = "CLEANAUTH_TEST_MAILDIR";
    public const string Host = "127.0.0.1";

    private static readonly Lazy<TestMailbox> s_mailbox = new(() => new TestMailbox(Maildir));

    public static int Port =>
        Environment.GetEnvironmentVariable(PortVariable) is { Length: > 0 } value && int.TryParse(value, out var port) && port is > 0 and < 65536
            ? port
            : throw new InvalidOperationException(
                $"{PortVariable} is not set to a port. Run build/test.sh (it starts a throwaway SMTP server), or start one yourself: " +
                $"/usr/bin/python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c aiosmtpd.handlers.Mailbox DIR, then set {PortVariable}=PORT and {MaildirVariable}=DIR.");

    public static string Maildir =>
        Environment.GetEnvironmentVariable(MaildirVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{MaildirVariable} is not set. Run build/test.sh (it starts a throwaway SMTP server), or set it to the Maildir the server at {PortVariable} writes.");

    /// <summary>The mail the server has accepted, shared by every test in the process.</summary>
    public static TestMailbox Mailbox => s_mailbox.Value;
}
