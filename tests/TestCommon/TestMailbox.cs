using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MimeKit;

namespace CleanAuth.TestCommon;

/// <summary>
/// Reads the Maildir the test SMTP server writes (aiosmtpd's Mailbox handler: each message is written to
/// <c>tmp</c>, then renamed into <c>new</c>, so a file seen in <c>new</c> or <c>cur</c> is complete). Read-only:
/// other tests' mail is never moved or deleted. A message counts as sent to an address when the address is an
/// envelope recipient (the <c>X-RcptTo</c> header the server adds) or in <c>To</c>/<c>Cc</c>.
/// </summary>
public sealed partial class TestMailbox
{
    /// <summary>Generous: a busy machine runs many hosts at once, and every one of them polls its outbox.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(100);

    private readonly string _root;
    private readonly ConcurrentDictionary<string, Entry> _parsed = new(StringComparer.Ordinal);

    public TestMailbox(string maildir)
    {
        _root = maildir;
    }

    /// <summary>Every message delivered to the address so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> MessagesTo(string address) =>
        Scan().Where(e => e.IsFor(address)).Select(e => e.Message).ToList();

    /// <summary>Waits for the first (oldest) message to the address that matches, and returns it.</summary>
    public async Task<MimeMessage> WaitForMessageAsync(string to, Func<MimeMessage, bool>? match, TimeSpan timeout, CancellationToken cancellationToken) =>
        (await WaitForMessagesAsync(to, 1, match, timeout, cancellationToken))[0];

    /// <summary>Waits until at least <paramref name="count"/> matching messages reached the address; returns all of them, oldest first.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForMessagesAsync(string to, int count, Func<MimeMessage, bool>? match, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var found = MessagesTo(to).Where(m => match is null || match(m)).ToList();
            if (found.Count >= count)
            {
                return found;
            }

            if (DateTime.UtcNow >= deadline)
            {
                var seen = MessagesTo(to).Select(m => $"\"{m.Subject}\"").ToList();
                throw new TimeoutException(
                    $"Waited {timeout.TotalSeconds:0.#} s for {count} matching message(s) to {to}; found {found.Count}. " +
                    $"Messages to that address: {(seen.Count == 0 ? "none" : string.Join(", ", seen))}.");
            }

            await Task.Delay(s_pollInterval, cancellationToken);
        }
    }

    /// <summary>
    /// The one token in the message's plain-text part (the query parameter <c>token</c> or <c>invite_token</c> of a
    /// link; 43 base64url characters), after asserting the HTML part carries the same link.
    /// </summary>
    public static string ExtractToken(MimeMessage message) => ExtractLink(message).Token;

    /// <summary>The one token link in the plain-text part, asserted to be in the HTML part as well.</summary>
    public static (string Url, string Token) ExtractLink(MimeMessage message)
    {
        var text = message.TextBody;
        text.Should().NotBeNullOrEmpty($"the message \"{message.Subject}\" has a plain-text part");
        var links = TokenLink().Matches(text!).Select(m => (Url: m.Groups["url"].Value, Token: m.Groups["token"].Value)).Distinct().ToList();
        links.Should().ContainSingle($"the plain-text part of \"{message.Subject}\" carries exactly one token link:\n{text}");
        var (url, token) = links[0];

        var html = message.HtmlBody;
        html.Should().NotBeNullOrEmpty($"the message \"{message.Subject}\" has an HTML part");
        (html!.Contains(url, StringComparison.Ordinal) || html.Contains(url.Replace("&", "&amp;", StringComparison.Ordinal), StringComparison.Ordinal))
            .Should().BeTrue($"the HTML part carries the same link as the plain-text part ({url}):\n{html}");
        return (url, token);
    }

    /// <summary>Whether any part of the message carries a token link (notices must not).</summary>
    public static bool HasTokenLink(MimeMessage message) =>
        (message.TextBody ?? string.Empty).Contains("token=", StringComparison.OrdinalIgnoreCase)
        || (message.HtmlBody ?? string.Empty).Contains("token=", StringComparison.OrdinalIgnoreCase);

    /// <summary>The subject, headers, decoded text and HTML parts and the raw message, for "is this secret anywhere in it" checks.</summary>
    public static string AllText(MimeMessage message)
    {
        using var raw = new MemoryStream();
        message.WriteTo(raw);
        return string.Join('\n', message.Subject, message.Headers.ToString(), message.TextBody, message.HtmlBody, Encoding.UTF8.GetString(raw.ToArray()));
    }

    [GeneratedRegex(@"(?<url>https?://[^\s<>""']*?[?&](?:token|invite_token)=(?<token>[A-Za-z0-9_-]{43}))(?![A-Za-z0-9_-])")]
    private static partial Regex TokenLink();

    // aiosmtpd stores through Python's mailbox.Maildir: "<seconds>.M<microseconds>P<pid>Q<counter>.<host>".
    [GeneratedRegex(@"^(?<s>\d+)\.M(?<us>\d+)P\d+Q(?<q>\d+)\.")]
    private static partial Regex MaildirName();

    private List<Entry> Scan()
    {
        var entries = new List<Entry>();
        foreach (var folder in new[] { "new", "cur" })
        {
            var directory = Path.Combine(_root, folder);
            if (!Directory.Exists(directory))
            {
                continue;
            }

            foreach (var path in Directory.EnumerateFiles(directory))
            {
                // A message keeps its unique name (the part before ':') when a reader moves it from new to cur.
                var unique = Path.GetFileName(path).Split(':')[0];
                if (!_parsed.TryGetValue(unique, out var entry))
                {
                    entry = Load(path, unique);
                    if (entry is null)
                    {
                        continue;
                    }

                    _parsed[unique] = entry;
                }

                entries.Add(entry);
            }
        }

        return entries.DistinctBy(e => e.Unique).OrderBy(e => e.Seconds).ThenBy(e => e.Microseconds).ThenBy(e => e.Counter).ThenBy(e => e.Unique, StringComparer.Ordinal).ToList();
    }

    private static Entry? Load(string path, string unique)
    {
        MimeMessage message;
        DateTime written;
        try
        {
            written = File.GetLastWriteTimeUtc(path);
            message = MimeMessage.Load(path);
        }
        catch (IOException)
        {
            return null; // moved or removed under us: the next scan sees it where it went
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        var recipients = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in message.Headers.Where(h => h.Field.Equals("X-RcptTo", StringComparison.OrdinalIgnoreCase)))
        {
            foreach (var address in header.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                recipients.Add(address.Trim('<', '>'));
            }
        }

        foreach (var mailbox in message.To.Mailboxes.Concat(message.Cc.Mailboxes))
        {
            recipients.Add(mailbox.Address);
        }

        var name = MaildirName().Match(unique);
        return name.Success
            ? new Entry(unique, message, recipients, Parse(name.Groups["s"].Value), Parse(name.Groups["us"].Value), Parse(name.Groups["q"].Value))
            : new Entry(unique, message, recipients, written.Ticks / TimeSpan.TicksPerSecond, written.Ticks % TimeSpan.TicksPerSecond / 10, 0);
    }

    private static long Parse(string digits) => long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    private sealed record Entry(string Unique, MimeMessage Message, HashSet<string> Recipients, long Seconds, long Microseconds, long Counter)
    {
        public bool IsFor(string address) => Recipients.Contains(address);
    }
}
