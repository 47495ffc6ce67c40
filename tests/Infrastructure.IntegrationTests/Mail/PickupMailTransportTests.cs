using System.Runtime.Versioning;
using CleanAuth.Infrastructure.IntegrationTests.FileSystem;
using CleanAuth.Infrastructure.Mail;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MimeKit;
using NSubstitute;

namespace CleanAuth.Infrastructure.IntegrationTests.Mail;

public sealed class PickupMailTransportTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("cleanauth-pickup-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task Send_WhenTheFolderIsRelative_ShouldWriteAParseableEmlUnderTheContentRoot()
    {
        var transport = Transport("data/mail");

        await transport.SendAsync(Message("alice@example.com"), TestContext.Current.CancellationToken);

        var file = new DirectoryInfo(Path.Combine(_root.FullName, "data", "mail")).GetFiles().Should().ContainSingle().Subject;
        file.Extension.Should().Be(".eml");
        var loaded = await MimeMessage.LoadAsync(file.FullName, TestContext.Current.CancellationToken);
        loaded.Subject.Should().Be("Verify your email address for CleanAuth");
        loaded.To.Mailboxes.Should().ContainSingle().Which.Address.Should().Be("alice@example.com");
        loaded.From.Mailboxes.Should().ContainSingle().Which.Address.Should().Be("no-reply@localhost");
        loaded.TextBody.Should().Contain("https://auth.example.org/verify-email?token=abc");
        loaded.HtmlBody.Should().Contain("<a href=\"https://auth.example.org/verify-email?token=abc\">");
        loaded.MessageId.Should().Be("0123456789abcdef@cleanauth");
    }

    [Fact]
    public async Task Send_WhenTheFolderIsAbsolute_ShouldWriteThereAndKeepEveryMessageInAFileOfItsOwn()
    {
        var folder = Path.Combine(_root.FullName, "absolute", "pickup");
        var transport = Transport(folder);

        await transport.SendAsync(Message("alice@example.com"), TestContext.Current.CancellationToken);
        await transport.SendAsync(Message("bob@example.com"), TestContext.Current.CancellationToken);

        var recipients = new List<string>();
        foreach (var file in Directory.GetFiles(folder, "*.eml"))
        {
            var loaded = await MimeMessage.LoadAsync(file, TestContext.Current.CancellationToken);
            recipients.Add(loaded.To.Mailboxes.Single().Address);
        }

        recipients.Should().BeEquivalentTo(["alice@example.com", "bob@example.com"]);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task Send_UnderUmask022_ShouldCreateTheFolder0700AndEachEml0600()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        var folder = Path.Combine(_root.FullName, "data", "mail");

        using (ProcessUmask.Set(ProcessUmask.Usual))
        {
            await Transport("data/mail").SendAsync(Message("alice@example.com"), TestContext.Current.CancellationToken);
        }

        File.GetUnixFileMode(folder).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.GetUnixFileMode(Path.Combine(_root.FullName, "data")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var file = Directory.GetFiles(folder, "*.eml").Should().ContainSingle().Subject;
        File.GetUnixFileMode(file).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private PickupMailTransport Transport(string pickupDirectory)
    {
        var environment = Substitute.For<IHostEnvironment>();
        environment.ContentRootPath.Returns(_root.FullName);
        return new PickupMailTransport(Options.Create(new EmailOptions { PickupDirectory = pickupDirectory }), environment);
    }

    private static MimeMessage Message(string to)
    {
        var message = new MimeMessage { Subject = "Verify your email address for CleanAuth", MessageId = "0123456789abcdef@cleanauth" };
        message.From.Add(MailboxAddress.Parse(new EmailOptions().From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Body = new BodyBuilder
        {
            TextBody = "Open https://auth.example.org/verify-email?token=abc\n",
            HtmlBody = "<p><a href=\"https://auth.example.org/verify-email?token=abc\">Verify email address</a></p>",
        }.ToMessageBody();
        return message;
    }
}
