using CleanAuth.Application.Auth.Events;
using CleanAuth.Application.Common.Events;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.UnitTests.Common;
using CleanAuth.Application.Users.Events;
using CleanAuth.Domain.AccountTokens;
using CleanAuth.Domain.Sessions;
using CleanAuth.Domain.Users;
using NSubstitute;

namespace CleanAuth.Application.UnitTests.Events;

/// <summary>What follows a state change, in the command's transaction: the handlers of its events.</summary>
public sealed class LifecycleEventHandlerTests
{
    private readonly ISessionRepository _sessions = Substitute.For<ISessionRepository>();
    private readonly IAccountTokenRepository _tokens = Substitute.For<IAccountTokenRepository>();
    private readonly IAccountMailer _mailer = Substitute.For<IAccountMailer>();
    private readonly DateTime _now = TestData.Now.AddHours(3);
    private readonly Guid _userId = Guid.CreateVersion7();
    private readonly Session _current;
    private readonly Session _laptop;
    private readonly Session _phone;

    public LifecycleEventHandlerTests()
    {
        _current = TestData.NewSession(_userId, "rt-current");
        _laptop = TestData.NewSession(_userId, "rt-laptop");
        _phone = TestData.NewSession(_userId, "rt-phone");
        _sessions.ListActiveByUserAsync(_userId, _now, Arg.Any<CancellationToken>()).Returns([_current, _laptop, _phone]);
    }

    [Fact]
    public async Task PasswordChanged_ShouldEndEveryOtherSessionRetireResetLinksAndMailTheOwnerOnce()
    {
        var handler = new EndSessionsAfterPasswordChange(_sessions, _tokens, _mailer, AccountFakes.Caller(_userId, _current.Id));

        await handler.Handle(
            new BeforeCommit<PasswordChangedEvent>(new PasswordChangedEvent(_userId, "alice@example.com", _now), Actor.ForUser(_userId)),
            TestContext.Current.CancellationToken);

        new[] { _laptop, _phone }.Should().OnlyContain(s => s.IsRevoked && s.RevocationReason == SessionRevocationReason.PasswordChanged && s.RevokedAt == _now);
        _current.IsRevoked.Should().BeFalse("the session that changed the password stays");
        await _tokens.Received(1).SupersedeForUserAsync(AccountTokenKind.PasswordReset, _userId, _now, TestContext.Current.CancellationToken);
        _mailer.Received(1).PasswordChanged("alice@example.com");
        _mailer.ReceivedCalls().Should().HaveCount(1);
    }

    [Fact]
    public async Task PasswordReset_ShouldEndEverySessionRetireResetLinksAndMailTheOwnerOnce()
    {
        var handler = new EndSessionsAfterPasswordChange(_sessions, _tokens, _mailer, AccountFakes.Anonymous());

        await handler.Handle(
            new BeforeCommit<PasswordResetEvent>(new PasswordResetEvent(_userId, "alice@example.com", _now), Actor.Anonymous),
            TestContext.Current.CancellationToken);

        new[] { _current, _laptop, _phone }.Should().OnlyContain(s => s.IsRevoked && s.RevocationReason == SessionRevocationReason.PasswordReset);
        await _tokens.Received(1).SupersedeForUserAsync(AccountTokenKind.PasswordReset, _userId, _now, TestContext.Current.CancellationToken);
        _mailer.Received(1).PasswordChanged("alice@example.com");
    }

    [Fact]
    public async Task AccountDeletedOrDeactivated_ShouldEndEverySession()
    {
        var handler = new EndSessionsOnDeactivation(_sessions);

        await handler.Handle(new BeforeCommit<AccountDeletedEvent>(new AccountDeletedEvent(_userId, _now), Actor.ForUser(_userId)), TestContext.Current.CancellationToken);

        new[] { _current, _laptop, _phone }.Should().OnlyContain(s => s.IsRevoked && s.RevocationReason == SessionRevocationReason.AccountDeactivated && s.RevokedAt == _now);

        var later = TestData.NewSession(_userId, "rt-later");
        _sessions.ListActiveByUserAsync(_userId, _now, Arg.Any<CancellationToken>()).Returns([later]);
        await handler.Handle(new BeforeCommit<UserDeactivatedEvent>(new UserDeactivatedEvent(_userId, _now), Actor.Operator), TestContext.Current.CancellationToken);
        later.IsRevoked.Should().BeTrue();
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 0)]
    public async Task Registration_ShouldMailAVerificationLinkUnlessTheAddressIsProven(bool emailVerified, int mails)
    {
        var handler = new SendVerificationOnRegistration(AccountFakes.Issuer(_tokens, _mailer));

        await handler.Handle(
            new BeforeCommit<UserRegisteredEvent>(new UserRegisteredEvent(_userId, "Alice@Example.com", emailVerified, _now), Actor.Anonymous),
            TestContext.Current.CancellationToken);

        _mailer.ReceivedWithAnyArgs(mails).EmailVerification(default!, default!);
        _tokens.ReceivedWithAnyArgs(mails).Add(default!);
        if (mails == 1)
        {
            _mailer.Received(1).EmailVerification("Alice@example.com", TokenServiceFake.OpaqueToken);
            _tokens.Received(1).Add(Arg.Is<AccountToken>(t => t.Kind == AccountTokenKind.EmailVerification && t.UserId == _userId && t.Email == "alice@example.com"));
        }
    }
}
