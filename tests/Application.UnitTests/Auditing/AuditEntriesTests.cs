using System.Text.Json;
using CleanAuth.Application.Auditing;
using CleanAuth.Application.Auditing.Events;
using CleanAuth.Application.Common.Events;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.UnitTests.Common;
using CleanAuth.Domain.AccountTokens;
using CleanAuth.Domain.Auditing;
using CleanAuth.Domain.Authorization;
using CleanAuth.Domain.Common;
using CleanAuth.Domain.LoginThrottling;
using CleanAuth.Domain.Sessions;
using CleanAuth.Domain.Users;
using MediatR;
using NSubstitute;

namespace CleanAuth.Application.UnitTests.Auditing;

/// <summary>
/// The audit mapping (issue 8's table): which entry each domain event becomes, whom it is about (<c>user_id</c>), who acted
/// (<c>actor_id</c>: the caller; the account itself for registration, login and mailed links; null for the operator and
/// unauthenticated failures) and its details.
/// </summary>
public sealed class AuditEntriesTests
{
    private static readonly Guid s_user = Guid.Parse("0193a000-0000-7000-8000-000000000001");
    private static readonly Guid s_caller = Guid.Parse("0193a000-0000-7000-8000-0000000000c0");
    private static readonly Guid s_session = Guid.Parse("0193a000-0000-7000-8000-000000000055");
    private static readonly DateTime s_at = TestData.Now;
    private static readonly Actor s_signedIn = Actor.ForUser(s_caller);

    private readonly IRequestContext _request = Substitute.For<IRequestContext>();

    public AuditEntriesTests()
    {
        _request.IpAddress.Returns("203.0.113.7");
        _request.UserAgent.Returns("audit-tests/1.0");
        _request.TraceId.Returns("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    /// <summary>Each event, the actor it was published with, and the entry it must become (details as JSON).</summary>
    public static TheoryData<string, IDomainEvent, Actor, string, Guid?, Guid?, string> Mappings() => new()
    {
        { "self-registration", new UserRegisteredEvent(s_user, "a@example.com", false, s_at), Actor.Anonymous, AuditEventType.UserRegistered, s_user, s_user, "{}" },
        { "registration with an invitation", new UserRegisteredEvent(s_user, "a@example.com", true, s_at), Actor.Anonymous, AuditEventType.UserRegistered, s_user, s_user, "{}" },
        { "bootstrap from settings", new AdminBootstrappedEvent(s_user, AdminBootstrappedEvent.FromConfiguration, s_at), Actor.Operator, AuditEventType.AdminBootstrapped, s_user, null, """{"source":"configuration"}""" },
        { "create-admin verb", new AdminBootstrappedEvent(s_user, AdminBootstrappedEvent.FromCommandLine, s_at), Actor.Operator, AuditEventType.AdminBootstrapped, s_user, null, """{"source":"command_line"}""" },
        { "login", new SessionStartedEvent(s_session, s_user, s_at), Actor.Anonymous, AuditEventType.LoginSucceeded, s_user, s_user, "{}" },
        { "wrong password", new LoginFailedEvent(s_user, "INVALID_CREDENTIALS", s_at), Actor.Anonymous, AuditEventType.LoginFailed, s_user, null, """{"code":"INVALID_CREDENTIALS"}""" },
        { "unknown identifier", new LoginFailedEvent(null, "INVALID_CREDENTIALS", s_at), Actor.Anonymous, AuditEventType.LoginFailed, null, null, """{"code":"INVALID_CREDENTIALS"}""" },
        { "inactive account", new LoginFailedEvent(s_user, "ACCOUNT_INACTIVE", s_at), Actor.Anonymous, AuditEventType.LoginFailed, s_user, null, """{"code":"ACCOUNT_INACTIVE"}""" },
        { "throttled login", new LoginThrottledEvent(s_user, s_at), Actor.Anonymous, AuditEventType.LoginThrottled, s_user, null, "{}" },
        { "throttled unknown identifier", new LoginThrottledEvent(null, s_at), Actor.Anonymous, AuditEventType.LoginThrottled, null, null, "{}" },
        { "throttled password check of a signed-in user", new LoginThrottledEvent(s_caller, s_at), s_signedIn, AuditEventType.LoginThrottled, s_caller, null, "{}" },
        { "logout", new SessionRevokedEvent(s_session, s_caller, SessionRevocationReason.Logout, s_at), s_signedIn, AuditEventType.Logout, s_caller, s_caller, "{}" },
        { "one session revoked", new SessionRevokedEvent(s_session, s_caller, SessionRevocationReason.RevokedByUser, s_at), s_signedIn, AuditEventType.SessionRevoked, s_caller, s_caller, "{}" },
        { "refresh token reuse", new SessionRevokedEvent(s_session, s_user, SessionRevocationReason.RefreshTokenReuse, s_at), Actor.Anonymous, AuditEventType.TokenReuseDetected, s_user, null, "{}" },
        { "logout-all", new AllSessionsEndedEvent(s_caller, s_at), s_signedIn, AuditEventType.LogoutAll, s_caller, s_caller, "{}" },
        { "admin force logout", new AllSessionsEndedEvent(s_user, s_at), s_signedIn, AuditEventType.LogoutAll, s_user, s_caller, "{}" },
        { "password change", new PasswordChangedEvent(s_caller, "a@example.com", s_at), s_signedIn, AuditEventType.PasswordChanged, s_caller, s_caller, "{}" },
        { "reset link issued (background)", new PasswordResetRequestedEvent(s_user, s_at), Actor.Anonymous, AuditEventType.PasswordResetRequested, s_user, null, "{}" },
        { "password reset from the link", new PasswordResetEvent(s_user, "a@example.com", s_at), Actor.Anonymous, AuditEventType.PasswordReset, s_user, s_user, "{}" },
        { "verification sent on request", new EmailVerificationSentEvent(s_caller, "a@example.com", s_at), s_signedIn, AuditEventType.EmailVerificationSent, s_caller, s_caller, "{}" },
        { "verification sent at registration", new EmailVerificationSentEvent(s_user, "a@example.com", s_at), Actor.Anonymous, AuditEventType.EmailVerificationSent, s_user, null, "{}" },
        { "email verified from the link", new EmailVerifiedEvent(s_user, "a@example.com", s_at), Actor.Anonymous, AuditEventType.EmailVerified, s_user, s_user, "{}" },
        { "email change requested", new EmailChangeRequestedEvent(s_caller, "a@example.com", "b@example.com", s_at), s_signedIn, AuditEventType.EmailChangeRequested, s_caller, s_caller, "{}" },
        { "email changed from the link", new EmailChangedEvent(s_user, "a@example.com", "b@example.com", s_at), Actor.Anonymous, AuditEventType.EmailChanged, s_user, s_user, "{}" },
        { "profile update", new ProfileUpdatedEvent(s_caller, ["username", "full_name"], s_at), s_signedIn, AuditEventType.UserUpdated, s_caller, s_caller, """{"fields":["username","full_name"]}""" },
        { "admin update", new ProfileUpdatedEvent(s_user, ["email", "email_verified"], s_at), s_signedIn, AuditEventType.UserUpdated, s_user, s_caller, """{"fields":["email","email_verified"]}""" },
        { "activation", new UserActivatedEvent(s_user, s_at), s_signedIn, AuditEventType.UserActivated, s_user, s_caller, "{}" },
        { "deactivation", new UserDeactivatedEvent(s_user, s_at), s_signedIn, AuditEventType.UserDeactivated, s_user, s_caller, "{}" },
        { "self-deletion", new AccountDeletedEvent(s_caller, s_at), s_signedIn, AuditEventType.UserDeleted, s_caller, s_caller, "{}" },
        { "admin deletion", new UserDeletedEvent(s_user, s_at), s_signedIn, AuditEventType.UserDeleted, s_user, s_caller, "{}" },
        { "roles replaced", new RolesChangedEvent(s_user, ["user"], ["admin", "user"], s_at), s_signedIn, AuditEventType.RolesChanged, s_user, s_caller, """{"old_roles":["user"],"new_roles":["admin","user"]}""" },
        { "invitation over HTTP", new InvitationCreatedEvent(Guid.NewGuid(), "c@example.com", ["guest"], s_at), s_signedIn, AuditEventType.InvitationCreated, null, s_caller, """{"email":"c@example.com","roles":["guest"]}""" },
        { "invitation from the invite verb, no address, no roles", new InvitationCreatedEvent(Guid.NewGuid(), null, [], s_at), Actor.Operator, AuditEventType.InvitationCreated, null, null, """{"email":null,"roles":["user"]}""" },
        { "access denied", new AccessDeniedEvent(s_caller, Permissions.Users.Read, s_at), s_signedIn, AuditEventType.AccessDenied, s_caller, s_caller, """{"permission":"users:read"}""" },
    };

    [Theory]
    [MemberData(nameof(Mappings))]
    public void For_ShouldRecordWhomItIsAboutWhoActedAndTheDetails(
        string action, IDomainEvent domainEvent, Actor actor, string eventType, Guid? userId, Guid? actorId, string details)
    {
        var entry = AuditEntries.For(domainEvent, actor, _request);

        entry.Should().NotBeNull(action);
        entry!.EventType.Should().Be(eventType, action);
        entry.UserId.Should().Be(userId, $"user_id of {action}");
        entry.ActorId.Should().Be(actorId, $"actor_id of {action}");
        JsonDocument.Parse(entry.Details).RootElement.ValueKind.Should().Be(JsonValueKind.Object);
        entry.Details.Should().Be(details, action);
        entry.OccurredAt.Should().Be(s_at);
        (entry.IpAddress, entry.UserAgent, entry.TraceId).Should().Be(("203.0.113.7", "audit-tests/1.0", "4bf92f3577b34da6a3ce929d0e0e4736"));
    }

    [Fact]
    public void Mappings_ShouldProduceEveryAuditEventType() =>
        Mappings().Select(row => row.Data.Item4).Distinct().Should().BeEquivalentTo(AuditEventType.All, "every event type of the log is written by some event");

    [Fact]
    public void Mappings_ShouldCoverEveryDomainEvent() =>
        Mappings().Select(row => row.Data.Item2.GetType()).Distinct().Should().BeEquivalentTo(DomainEventTypes());

    [Theory]
    [InlineData(SessionRevocationReason.LogoutAll)]
    [InlineData(SessionRevocationReason.PasswordChanged)]
    [InlineData(SessionRevocationReason.PasswordReset)]
    [InlineData(SessionRevocationReason.AccountDeactivated)]
    [InlineData(SessionRevocationReason.RevokedByAdmin)]
    public void For_WhenASessionEndsBecauseOfAnotherAction_ShouldRecordNothing(SessionRevocationReason reason) =>
        AuditEntries.For(new SessionRevokedEvent(s_session, s_user, reason, s_at), s_signedIn, _request).Should().BeNull("the action that ended it is the entry");

    [Fact]
    public void For_WhenTheOperatorRegistersAnAccount_ShouldRecordNothing_TheBootstrapIsTheOneEntry() =>
        AuditEntries.For(new UserRegisteredEvent(s_user, "root@example.com", true, s_at), Actor.Operator, _request)
            .Should().BeNull("an admin the operator creates is recorded as admin.bootstrapped alone");

    [Fact]
    public void For_OutsideAnHttpRequest_ShouldRecordNoAddressUserAgentOrTraceId()
    {
        var nowhere = Substitute.For<IRequestContext>();
        nowhere.IpAddress.Returns((string?)null);
        nowhere.UserAgent.Returns((string?)null);
        nowhere.TraceId.Returns((string?)null);

        var entry = AuditEntries.For(new AdminBootstrappedEvent(s_user, AdminBootstrappedEvent.FromCommandLine, s_at), Actor.Operator, nowhere)!;

        (entry.IpAddress, entry.UserAgent, entry.TraceId).Should().Be(((string?)null, (string?)null, (string?)null));
    }

    [Fact]
    public void For_ShouldNeverRecordTheEmailsOfAnAccountsEvents()
    {
        var entries = new IDomainEvent[]
        {
            new UserRegisteredEvent(s_user, "secret.person@example.com", false, s_at),
            new PasswordChangedEvent(s_user, "secret.person@example.com", s_at),
            new EmailChangedEvent(s_user, "secret.person@example.com", "secret.new@example.com", s_at),
            new EmailVerificationSentEvent(s_user, "secret.person@example.com", s_at),
        }.Select(e => AuditEntries.For(e, Actor.Anonymous, _request)!);

        entries.Should().OnlyContain(e => !e.Details.Contains("secret", StringComparison.Ordinal));
    }

    [Fact]
    public void RecordInAuditLog_ShouldHandleBeforeCommitOfEveryDomainEvent()
    {
        var handled = typeof(RecordInAuditLog).GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(INotificationHandler<>))
            .Select(i => i.GetGenericArguments()[0])
            .Where(n => n.GetGenericTypeDefinition() == typeof(BeforeCommit<>))
            .Select(n => n.GetGenericArguments()[0]);

        handled.Should().BeEquivalentTo(DomainEventTypes(), "every domain event is audited (or deliberately mapped to nothing)");
    }

    [Fact]
    public async Task RecordInAuditLog_ShouldAddTheEntryToTheUnitOfWork()
    {
        var auditLog = Substitute.For<IAuditLogRepository>();
        var handler = new RecordInAuditLog(auditLog, _request);

        await handler.Handle(new BeforeCommit<LoginFailedEvent>(new LoginFailedEvent(null, "INVALID_CREDENTIALS", s_at), Actor.Anonymous), TestContext.Current.CancellationToken);
        await handler.Handle(
            new BeforeCommit<SessionRevokedEvent>(new SessionRevokedEvent(s_session, s_user, SessionRevocationReason.PasswordChanged, s_at), s_signedIn),
            TestContext.Current.CancellationToken);

        auditLog.Received(1).Add(Arg.Is<AuditLogEntry>(e => e.EventType == AuditEventType.LoginFailed && e.UserId == null && e.TraceId == "4bf92f3577b34da6a3ce929d0e0e4736"));
        auditLog.ReceivedCalls().Should().HaveCount(1, "a session ended by a password change is recorded as the password change");
    }

    private static IEnumerable<Type> DomainEventTypes() =>
        typeof(IDomainEvent).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IDomainEvent).IsAssignableFrom(t));
}
