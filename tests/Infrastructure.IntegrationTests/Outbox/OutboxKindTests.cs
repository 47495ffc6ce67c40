using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Domain.Common;
using CleanAuth.Infrastructure.IntegrationTests.Mail;
using CleanAuth.Infrastructure.IntegrationTests.Persistence;
using CleanAuth.Infrastructure.IntegrationTests.Security;
using CleanAuth.Infrastructure.Mail;
using CleanAuth.Infrastructure.Outbox;
using CleanAuth.Infrastructure.Outbox.Handlers;
using CleanAuth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CleanAuth.Infrastructure.IntegrationTests.Outbox;

/// <summary>The outbox by kind: the real dispatcher, on a real database, with the handlers registered as the app registers them.</summary>
public sealed class OutboxKindTests
{
    private const int MaxAttempts = 3;
    private static readonly DateTime s_start = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    private readonly ManualTimeProvider _clock = new(s_start);
    private readonly RecordingMailTransport _transport = new();
    private readonly EchoRecorder _echoes = new();

    [Theory]
    [InlineData(TestProvider.Postgres)]
    [InlineData(TestProvider.Sqlite)]
    public async Task NewKind_WhenItsOneHandlerIsRegistered_ShouldBeCarriedOutWithItsArgumentEncryptedUntilThenAndErasedAfter(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await StartAsync(provider, services => services.AddOutboxHandler<EchoHandler>());
        using var emails = TestMetrics.Collect<long>(host.Services.GetRequiredService<IMeterFactory>(), "cleanauth.emails");

        await host.InUnitOfWorkAsync(services => services.GetRequiredService<OutboxWriter>().Enqueue(EchoHandler.Kind, new EchoArgument("a test-only argument")), ct);

        var queued = await SingleRowAsync(host);
        queued.Kind.Should().Be(EchoHandler.Kind);
        queued.Recipient.Should().BeNull("the argument is in the payload, not in a mail column");
        queued.Payload.AsSpan().IndexOf(Encoding.UTF8.GetBytes("a test-only argument")).Should().Be(-1);

        (await Dispatcher(host).DeliverDueAsync(ct)).Should().Be(1);

        _echoes.Seen.Should().Equal("a test-only argument");
        var row = await SingleRowAsync(host);
        row.SentAt.Should().Be(_clock.UtcNow);
        row.Payload.Should().BeEmpty();
        row.LeaseUntil.Should().BeNull();
        row.Attempts.Should().Be(0);
        _transport.Handed.Should().BeEmpty("the dispatcher hands a kind only to its own handler");
        emails.GetMeasurementSnapshot().Should().BeEmpty("background work is not mail: cleanauth_emails_total counts mail only");
    }

    [Theory]
    [InlineData(TestProvider.Postgres)]
    [InlineData(TestProvider.Sqlite)]
    public async Task UnknownKind_WhenDue_ShouldBeRetriedWithBackoffThenGoDeadWithoutHoldingUpOtherMessages(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await StartAsync(provider);
        var protector = host.Services.GetRequiredService<OutboxPayloadProtector>();
        // Written directly: OutboxWriter refuses a kind nobody handles, but a newer instance may have queued one.
        await host.InUnitOfWorkAsync(services => services.GetRequiredService<CleanAuthDbContext>().OutboxMessages
            .Add(new OutboxMessage(Guid7.New(s_start), "test:from-a-newer-version", null, protector.Protect(new EchoArgument("x")), s_start)), ct);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await host.InUnitOfWorkAsync(services => services.GetRequiredService<IAccountMailer>().PasswordChanged("alice@example.com"), ct);
        var dispatcher = Dispatcher(host);

        (await dispatcher.DeliverDueAsync(ct)).Should().Be(2);

        _transport.Handed.Should().ContainSingle("the mail queued after the unknown kind still goes out in the same pass")
            .Which.To.Mailboxes.Single().Address.Should().Be("alice@example.com");
        var unknown = await host.QueryAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Kind == "test:from-a-newer-version", ct));
        unknown.Attempts.Should().Be(1);
        unknown.LastError.Should().Be("InvalidOperationException: No outbox handler is registered for kind 'test:from-a-newer-version'.");
        unknown.NextAttemptAt.Should().Be(_clock.UtcNow + new EmailOptions().RetryDelay(1));
        unknown.DeadAt.Should().BeNull("an instance that knows the kind may still pick it up");
        unknown.Payload.Should().NotBeEmpty();

        for (var attempt = 2; attempt <= MaxAttempts; attempt++)
        {
            _clock.Advance(TimeSpan.FromHours(2));
            (await dispatcher.DeliverDueAsync(ct)).Should().Be(1);
        }

        var dead = await host.QueryAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Kind == "test:from-a-newer-version", ct));
        dead.Attempts.Should().Be(MaxAttempts);
        dead.DeadAt.Should().Be(_clock.UtcNow);
        dead.Payload.Should().BeEmpty();
        var health = await host.ReadAsync(services => ActivatorUtilities.CreateInstance<OutboxHealthCheck>(services).CheckHealthAsync(new HealthCheckContext(), ct));
        health.Status.Should().Be(HealthStatus.Degraded);
        health.Data["dead_messages"].Should().Be(1);
        health.Data["pending_messages"].Should().Be(0);
    }

    [Theory]
    [InlineData(TestProvider.Postgres)]
    [InlineData(TestProvider.Sqlite)]
    public async Task Enqueue_WhenNoHandlerIsRegisteredForTheKind_ShouldThrowAndQueueNothing(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await StartAsync(provider);

        var act = () => host.InUnitOfWorkAsync(services => services.GetRequiredService<OutboxWriter>().Enqueue("test:nobody", new EchoArgument("x")), ct);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("No outbox handler is registered for kind 'test:nobody'.");
        (await host.QueryAsync(db => db.OutboxMessages.CountAsync(ct))).Should().Be(0);
    }

    [Theory]
    [InlineData(TestProvider.Postgres)]
    [InlineData(TestProvider.Sqlite)]
    public async Task PasswordResetLookup_WhenQueued_ShouldKeepTheAddressOnlyEncryptedAndEraseItOnceTheResetMailIsQueued(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await StartAsync(provider);
        await host.AddUsersAsync(ct, HostScopes.NewUser(s_start, "alice"));

        await host.InUnitOfWorkAsync(services => services.GetRequiredService<IBackgroundWork>().IssuePasswordReset("alice@example.com"), ct);

        var lookup = await SingleRowAsync(host);
        lookup.Kind.Should().Be(IssuePasswordResetHandler.Kind);
        lookup.Recipient.Should().BeNull();
        lookup.Payload.AsSpan().IndexOf(Encoding.UTF8.GetBytes("alice")).Should().Be(-1, "the address is personal data");

        (await Dispatcher(host).DeliverDueAsync(ct)).Should().Be(1);

        var handled = await host.QueryAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == lookup.Id, ct));
        handled.SentAt.Should().NotBeNull();
        handled.Payload.Should().BeEmpty();
        handled.Recipient.Should().BeNull();
        var mail = await host.QueryAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id != lookup.Id, ct));
        mail.Kind.Should().Be(MailKinds.PasswordReset);
        mail.Recipient.Should().Be("alice@example.com");

        (await Dispatcher(host).DeliverDueAsync(ct)).Should().Be(1);
        _transport.Handed.Should().ContainSingle().Which.Subject.Should().Be("Reset your CleanAuth password");
    }

    [Theory]
    [InlineData(TestProvider.Postgres)]
    [InlineData(TestProvider.Sqlite)]
    public async Task PasswordResetLookup_WhenQueuedBeforeThePayloadMigration_ShouldStillBeCarriedOut(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await StartAsync(provider);
        await host.AddUsersAsync(ct, HostScopes.NewUser(s_start, "bob"));
        // The shape OutboxBackgroundWork wrote before OutboxPayloadPerKind: the address in recipient, no payload.
        await host.InUnitOfWorkAsync(services => services.GetRequiredService<CleanAuthDbContext>().OutboxMessages
            .Add(new OutboxMessage(Guid7.New(s_start), IssuePasswordResetHandler.Kind, "bob@example.com", [], s_start)), ct);

        await Dispatcher(host).DeliverDueAsync(ct);
        await Dispatcher(host).DeliverDueAsync(ct);

        _transport.Handed.Should().ContainSingle().Which.To.Mailboxes.Single().Address.Should().Be("bob@example.com");
    }

    [Fact]
    public void Handlers_WhenTwoClaimTheSameKind_ShouldRefuseToStart()
    {
        var act = () => new OutboxHandlers([new OutboxHandlerType(typeof(EchoHandler), ["x"]), new OutboxHandlerType(typeof(MailHandler), ["x"])]);

        act.Should().Throw<InvalidOperationException>().WithMessage("Outbox kind 'x' has two handlers: EchoHandler and MailHandler.");
    }

    private Task<InfrastructureHost> StartAsync(TestProvider provider, Action<IServiceCollection>? configure = null) =>
        InfrastructureHost.StartAsync(provider, clock: _clock, settings: new Dictionary<string, string?>
        {
            ["Email:MaxAttempts"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, configureServices: services =>
        {
            services.AddSingleton<IMailTransport>(_transport);
            services.AddSingleton(_echoes);
            configure?.Invoke(services);
        });

    private static OutboxDispatcher Dispatcher(InfrastructureHost host) => ActivatorUtilities.CreateInstance<OutboxDispatcher>(host.Services);

    private static Task<OutboxMessage> SingleRowAsync(InfrastructureHost host) =>
        host.QueryAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken));
}

internal sealed record EchoArgument(string Text);

internal sealed class EchoRecorder
{
    public ConcurrentQueue<string> Seen { get; } = new();
}

/// <summary>A test-only kind of background work: the whole of what adding a kind takes, besides its registration line.</summary>
internal sealed class EchoHandler : IOutboxHandler
{
    public const string Kind = "test:echo";

    private readonly EchoRecorder _recorder;
    private readonly OutboxPayloadProtector _protector;

    public EchoHandler(EchoRecorder recorder, OutboxPayloadProtector protector)
    {
        _recorder = recorder;
        _protector = protector;
    }

    public static IReadOnlyCollection<string> Kinds { get; } = [Kind];

    public Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        _recorder.Seen.Enqueue(_protector.Unprotect<EchoArgument>(message.Payload).Text);
        return Task.CompletedTask;
    }
}
