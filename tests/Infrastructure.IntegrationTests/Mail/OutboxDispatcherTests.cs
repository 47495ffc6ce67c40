using System.Diagnostics.Metrics;
using System.Text;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Infrastructure.IntegrationTests.Persistence;
using CleanAuth.Infrastructure.IntegrationTests.Security;
using CleanAuth.Infrastructure.Mail;
using CleanAuth.Infrastructure.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MimeKit;

namespace CleanAuth.Infrastructure.IntegrationTests.Mail;

public sealed class OutboxDispatcherTests
{
    private const int MaxAttempts = 3;
    private const string ResetToken = "Zm9yLXRlc3RzLW9ubHktcmVzZXQtdG9rZW4tMTIzNDU2Nzg5";
    private static readonly DateTime s_start = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    private readonly ManualTimeProvider _clock = new(s_start);
    private readonly RecordingMailTransport _transport = new();

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task DeliverDue_WhenTheTransportAcceptsTheMessage_ShouldSendTextAndHtmlToTheRecipient(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await StartAsync(provider);
        await QueueAsync(host, mailer => mailer.PasswordReset("Alice@example.com", ResetToken), ct);

        var looked = await Dispatcher(host).DeliverDueAsync(ct);

        looked.Should().Be(1);
        var message = _transport.Handed.Should().ContainSingle().Subject;
        message.To.Mailboxes.Should().ContainSingle().Which.Address.Should().Be("Alice@example.com");
        message.From.Mailboxes.Should().ContainSingle().Which.Address.Should().Be("no-reply@auth.example.org");
        message.Subject.Should().Be("Reset your CleanAuth password");
        var link = $"https://auth.example.org/reset-password?token={ResetToken}";
        message.TextBody.Should().Contain(link);
        message.HtmlBody.Should().Contain($"href=\"{link}\"");
        message.BodyParts.OfType<TextPart>().Select(p => p.ContentType.MimeType).Should().BeEquivalentTo(["text/plain", "text/html"]);
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task DeliverDue_WhenTheTransportAcceptsTheMessage_ShouldMarkItSentEraseItsContentAndNotSendItAgain(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await StartAsync(provider);
        await QueueAsync(host, mailer => mailer.PasswordChanged("alice@example.com"), ct);
        _clock.Advance(TimeSpan.FromSeconds(3));

        await Dispatcher(host).DeliverDueAsync(ct);

        var row = await SingleRowAsync(host);
        row.SentAt.Should().Be(_clock.UtcNow);
        row.Payload.Should().BeEmpty();
        row.LeaseUntil.Should().BeNull();
        row.DeadAt.Should().BeNull();
        row.Kind.Should().Be("password-changed");

        _clock.Advance(TimeSpan.FromDays(1));
        (await Dispatcher(host).DeliverDueAsync(ct)).Should().Be(0);
        _transport.Handed.Should().HaveCount(1);
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task DeliverDue_WhenTheTransportFails_ShouldCountTheAttemptAndRetryOnlyAfterTheDelay(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await StartAsync(provider);
        var options = new EmailOptions { RetryBaseSeconds = 5 };
        await QueueAsync(host, mailer => mailer.PasswordChanged("alice@example.com"), ct);
        _transport.Failure = new InvalidOperationException("The mail server is down.");
        var dispatcher = Dispatcher(host);

        await dispatcher.DeliverDueAsync(ct);

        var first = await SingleRowAsync(host);
        first.Attempts.Should().Be(1);
        first.NextAttemptAt.Should().Be(s_start + options.RetryDelay(1));
        first.LeaseUntil.Should().BeNull();
        first.SentAt.Should().BeNull();
        first.DeadAt.Should().BeNull();
        first.LastError.Should().Be("InvalidOperationException: The mail server is down.");
        first.Payload.Should().NotBeEmpty("it is still to be sent");

        _clock.Advance(options.RetryDelay(1) - TimeSpan.FromSeconds(1));
        (await dispatcher.DeliverDueAsync(ct)).Should().Be(0, "the retry is not due yet");
        _transport.Handed.Should().HaveCount(1);

        _clock.Advance(TimeSpan.FromSeconds(1));
        await dispatcher.DeliverDueAsync(ct);

        var second = await SingleRowAsync(host);
        _transport.Handed.Should().HaveCount(2);
        second.Attempts.Should().Be(2);
        second.NextAttemptAt.Should().Be(_clock.UtcNow + options.RetryDelay(2));
        options.RetryDelay(2).Should().Be(TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task DeliverDue_WhenTheLastAttemptFails_ShouldMoveTheMessageToDeadAndDegradeTheHealthCheck(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await StartAsync(provider);
        await QueueAsync(host, mailer => mailer.PasswordChanged("alice@example.com"), ct);
        _transport.Failure = new IOException("Connection refused.");
        var dispatcher = Dispatcher(host);
        (await CheckHealthAsync(host)).Status.Should().Be(HealthStatus.Healthy);

        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            (await dispatcher.DeliverDueAsync(ct)).Should().Be(1);
            _clock.Advance(TimeSpan.FromHours(2));
        }

        var row = await SingleRowAsync(host);
        row.Attempts.Should().Be(MaxAttempts);
        row.DeadAt.Should().Be(_clock.UtcNow - TimeSpan.FromHours(2));
        row.Payload.Should().BeEmpty("a dead message's link is erased: nobody will send it");
        row.SentAt.Should().BeNull();
        row.LeaseUntil.Should().BeNull();
        _transport.Handed.Should().HaveCount(MaxAttempts);

        var health = await CheckHealthAsync(host);
        health.Status.Should().Be(HealthStatus.Degraded);
        health.Data["dead_messages"].Should().Be(1);
        health.Data["pending_messages"].Should().Be(0);

        _clock.Advance(TimeSpan.FromDays(30));
        (await dispatcher.DeliverDueAsync(ct)).Should().Be(0, "a dead message is never tried again");
        _transport.Handed.Should().HaveCount(MaxAttempts);
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task DeliverDue_WhenMailIsSentRetriedAndGivenUp_ShouldCountEachAttemptByResult(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await StartAsync(provider);
        using var emails = TestMetrics.Collect<long>(host.Services.GetRequiredService<IMeterFactory>(), "cleanauth.emails");
        var dispatcher = Dispatcher(host);
        await QueueAsync(host, mailer => mailer.PasswordChanged("alice@example.com"), ct);
        await dispatcher.DeliverDueAsync(ct);
        await QueueAsync(host, mailer => mailer.PasswordChanged("bob@example.com"), ct);
        _transport.Failure = new IOException("Connection refused.");

        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            (await dispatcher.DeliverDueAsync(ct)).Should().Be(1);
            _clock.Advance(TimeSpan.FromHours(2));
        }

        emails.GetMeasurementSnapshot().Select(m => (m.Value, Result: m.Tags["result"]))
            .Should().Equal((1L, "sent"), (1L, "failed"), (1L, "failed"), (1L, "dead"));
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task CountForMetrics_WhenMessagesArePendingAndDead_ShouldReportBothOnTheGauge(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await StartAsync(provider);
        using var gauge = TestMetrics.Collect<long>(host.Services.GetRequiredService<IMeterFactory>(), "cleanauth.outbox.messages");
        var dispatcher = Dispatcher(host);
        await QueueAsync(host, mailer => mailer.PasswordChanged("alice@example.com"), ct);
        _transport.Failure = new IOException("Connection refused.");
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            await dispatcher.DeliverDueAsync(ct);
            _clock.Advance(TimeSpan.FromHours(2));
        }

        await QueueAsync(host, mailer =>
        {
            mailer.PasswordChanged("bob@example.com");
            mailer.PasswordChanged("carol@example.com");
        }, ct);

        await dispatcher.CountForMetricsAsync(ct);
        gauge.RecordObservableInstruments();

        gauge.GetMeasurementSnapshot().ToDictionary(m => (string)m.Tags["state"]!, m => m.Value)
            .Should().Equal(new Dictionary<string, long> { ["pending"] = 2, ["dead"] = 1 });
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task HealthCheck_WhenMailIsWaiting_ShouldStayHealthyAndCountIt(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await StartAsync(provider);
        await QueueAsync(host, mailer =>
        {
            mailer.PasswordChanged("alice@example.com");
            mailer.PasswordChanged("bob@example.com");
        }, ct);

        var health = await CheckHealthAsync(host);

        health.Status.Should().Be(HealthStatus.Healthy);
        health.Data["pending_messages"].Should().Be(2);
        health.Data["dead_messages"].Should().Be(0);
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task DeliverDue_WhenTwoDispatchersRunAtOnce_ShouldHandEachMessageToTheTransportOnce(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await StartAsync(provider);
        const int count = 12;
        await QueueAsync(host, mailer =>
        {
            for (var i = 0; i < count; i++)
            {
                mailer.PasswordChanged($"user{i}@example.com");
            }
        }, ct);
        _transport.Delay = TimeSpan.FromMilliseconds(40);
        var first = Dispatcher(host);
        var second = Dispatcher(host);

        await Task.WhenAll(Task.Run(() => first.DeliverDueAsync(ct), ct), Task.Run(() => second.DeliverDueAsync(ct), ct));

        _transport.Handed.Select(m => m.MessageId).Should().OnlyHaveUniqueItems().And.HaveCount(count);
        (await host.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.SentAt != null, ct))).Should().Be(count);
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task DeliverDue_WhenTheHostStopsWhileAMailIsBeingSent_ShouldFinishAndRecordItAndClaimNoOther(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await StartAsync(provider);
        await QueueAsync(host, mailer =>
        {
            mailer.PasswordChanged("alice@example.com");
            mailer.PasswordChanged("bob@example.com");
        }, ct);
        _transport.Delay = TimeSpan.FromMilliseconds(500);
        using var stopping = new CancellationTokenSource();

        var delivery = Dispatcher(host).DeliverDueAsync(stopping.Token);
        while (_transport.Handed.IsEmpty)
        {
            await Task.Delay(10, ct);
        }

        await stopping.CancelAsync(); // SIGTERM while the first mail is on the wire
        await delivery;

        _transport.Handed.Should().ContainSingle("no message is claimed once the host stops");
        var rows = await host.QueryAsync(db => db.OutboxMessages.AsNoTracking().ToListAsync(ct));
        rows.Should().ContainSingle(m => m.SentAt != null, "the mail being sent was finished and recorded, not cut off");
        rows.Should().ContainSingle(m => m.SentAt == null && m.Attempts == 0 && m.LeaseUntil == null, "the other stays due, untouched");
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task DeliverDue_WhenTwoDispatchersRunAtOnceAndTheTransportFails_ShouldTryEachMessageOnceAndCountEveryAttempt(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await StartAsync(provider);
        const int count = 12;
        await QueueAsync(host, mailer =>
        {
            for (var i = 0; i < count; i++)
            {
                mailer.PasswordChanged($"user{i}@example.com");
            }
        }, ct);
        _transport.Delay = TimeSpan.FromMilliseconds(40);
        _transport.Failure = new IOException("Connection refused.");
        var first = Dispatcher(host);
        var second = Dispatcher(host);

        await Task.WhenAll(Task.Run(() => first.DeliverDueAsync(ct), ct), Task.Run(() => second.DeliverDueAsync(ct), ct));

        _transport.Handed.Select(m => m.MessageId).Should().OnlyHaveUniqueItems("a failed message waits for its retry delay").And.HaveCount(count);
        (await host.QueryAsync(db => db.OutboxMessages.Select(m => m.Attempts).ToListAsync(ct))).Should().AllBeEquivalentTo(1);
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Queue_WhenTheMailCarriesAToken_ShouldStoreNoTraceOfItInTheClear(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await StartAsync(provider);

        await QueueAsync(host, mailer => mailer.PasswordReset("alice@example.com", ResetToken), ct);

        var payload = (await SingleRowAsync(host)).Payload;
        payload.AsSpan().IndexOf(Encoding.UTF8.GetBytes(ResetToken)).Should().Be(-1);
        payload.AsSpan().IndexOf(Encoding.UTF8.GetBytes("reset-password")).Should().Be(-1);
        payload.AsSpan().IndexOf(Encoding.Unicode.GetBytes(ResetToken)).Should().Be(-1);
        var content = host.Services.GetRequiredService<OutboxPayloadProtector>().Unprotect<MailContent>(payload);
        content.Text.Should().Contain(ResetToken, "the token is in the payload, only encrypted");
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Queue_WhenTheUnitOfWorkFails_ShouldLeaveNoMessage(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await StartAsync(provider);

        var act = () => host.InUnitOfWorkAsync<int>(services =>
        {
            services.GetRequiredService<IAccountMailer>().PasswordReset("alice@example.com", ResetToken);
            throw new InvalidOperationException("The command failed.");
        }, ct);

        await act.Should().ThrowAsync<InvalidOperationException>();
        (await host.QueryAsync(db => db.OutboxMessages.CountAsync(ct))).Should().Be(0);
    }

    private Task<InfrastructureHost> StartAsync(TestProvider provider) =>
        InfrastructureHost.StartAsync(provider, clock: _clock, settings: new Dictionary<string, string?>
        {
            ["Email:MaxAttempts"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:From"] = "CleanAuth <no-reply@auth.example.org>",
            ["App:PublicBaseUrl"] = "https://auth.example.org/",
        }, configureServices: services => services.AddSingleton<IMailTransport>(_transport));

    private static OutboxDispatcher Dispatcher(InfrastructureHost host) =>
        ActivatorUtilities.CreateInstance<OutboxDispatcher>(host.Services);

    private static Task QueueAsync(InfrastructureHost host, Action<IAccountMailer> queue, CancellationToken ct) =>
        host.InUnitOfWorkAsync(services => queue(services.GetRequiredService<IAccountMailer>()), ct);

    private static Task<OutboxMessage> SingleRowAsync(InfrastructureHost host) =>
        host.QueryAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken));

    private static Task<HealthCheckResult> CheckHealthAsync(InfrastructureHost host) =>
        host.ReadAsync(services => ActivatorUtilities.CreateInstance<OutboxHealthCheck>(services)
            .CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken));
}
