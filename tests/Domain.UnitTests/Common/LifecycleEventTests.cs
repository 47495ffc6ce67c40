using CleanAuth.Domain.AccountTokens;
using CleanAuth.Domain.Common;
using CleanAuth.Domain.Sessions;
using CleanAuth.Domain.Users;

namespace CleanAuth.Domain.UnitTests.Common;

/// <summary>
/// Each state change of the account lifecycle that an aggregate makes raises its event, carrying the subject and what
/// changed (never a secret). Events with no aggregate to change (failed or throttled logins, logout-all) are raised
/// by their handlers and tested there.
/// </summary>
public sealed class LifecycleEventTests
{
    private const string NewHash = "$argon2id$v=19$m=19456,t=2,p=1$bmV3c2FsdG5ld3NhbHQ$bmV3aGFzaG5ld2hhc2huZXdoYXNoaGFzaA";
    private static readonly DateTime s_now = TestData.Now;
    private static readonly DateTime s_later = TestData.Now.AddHours(1);

    [Fact]
    public void Register_ShouldRaiseUserRegisteredWithWhetherTheAddressIsProven()
    {
        var invited = User.Register(Email.Create("Bob@Example.com"), Username.Create("bob"), null, TestData.StoredHash, s_now, emailVerified: true);

        invited.EmailVerified.Should().BeTrue();
        invited.DomainEvents.Should().Equal(new UserRegisteredEvent(invited.Id, "Bob@example.com", EmailVerified: true, s_now));
    }

    [Fact]
    public void ResetPassword_ShouldRaisePasswordResetAndProveTheAddress()
    {
        var user = Fresh();

        user.ResetPassword(NewHash, s_later);

        user.PasswordHash.Should().Be(NewHash);
        user.EmailVerified.Should().BeTrue("the link reached the address");
        user.DomainEvents.Should().Equal(
            new EmailVerifiedEvent(user.Id, user.Email, s_later),
            new PasswordResetEvent(user.Id, user.Email, s_later));
        AssertNoSecret(user.DomainEvents, NewHash, TestData.StoredHash);
    }

    [Fact]
    public void DeleteAccount_ShouldDeactivateOnceAndRaiseAccountDeleted()
    {
        var user = Fresh();

        user.DeleteAccount(s_later);
        user.DeleteAccount(s_later.AddMinutes(1));
        user.Deactivate(s_later.AddMinutes(2));

        user.IsActive.Should().BeFalse();
        user.DomainEvents.Should().Equal(new AccountDeletedEvent(user.Id, s_later));
    }

    [Fact]
    public void MarkEmailVerified_ShouldRaiseEmailVerifiedOnce()
    {
        var user = Fresh();

        user.MarkEmailVerified(s_later);
        user.MarkEmailVerified(s_later.AddMinutes(1));

        user.DomainEvents.Should().Equal(new EmailVerifiedEvent(user.Id, user.Email, s_later));
    }

    [Fact]
    public void RequestEmailChange_ShouldRaiseEmailChangeRequestedWhenThePendingAddressChanges()
    {
        var user = Fresh();

        user.RequestEmailChange(Email.Create("new@example.com"), s_later);
        user.RequestEmailChange(Email.Create("NEW@example.com"), s_later);
        user.RequestEmailChange(Email.Create(user.Email), s_later);

        user.DomainEvents.Should().Equal(new EmailChangeRequestedEvent(user.Id, "alice@example.com", "new@example.com", s_later));
    }

    [Fact]
    public void ConfirmEmail_OfThePendingAddress_ShouldRaiseEmailChangedWithBothAddresses()
    {
        var user = Fresh();
        user.RequestEmailChange(Email.Create("new@example.com"), s_now);
        user.ClearDomainEvents();

        user.ConfirmEmail("new@example.com", s_later).Should().BeTrue();

        user.DomainEvents.Should().Equal(new EmailChangedEvent(user.Id, "alice@example.com", "new@example.com", s_later));
    }

    [Fact]
    public void ConfirmEmail_OfTheCurrentAddress_ShouldRaiseEmailVerified()
    {
        var user = Fresh();

        user.ConfirmEmail("alice@example.com", s_later).Should().BeTrue();

        user.DomainEvents.Should().Equal(new EmailVerifiedEvent(user.Id, "alice@example.com", s_later));
    }

    [Fact]
    public void SessionStart_ShouldRaiseSessionStarted()
    {
        var userId = Guid.CreateVersion7();

        var session = Session.Start(userId, TestData.TokenHash("rt"), s_now, TimeSpan.FromDays(30), TimeSpan.FromDays(7), null, null);

        session.DomainEvents.Should().Equal(new SessionStartedEvent(session.Id, userId, s_now));
        AssertNoSecret(session.DomainEvents, TestData.TokenHash("rt"));
    }

    [Fact]
    public void AccountTokens_ShouldRaiseResetRequestedVerificationSentAndInvitationCreatedWithoutTheirHashes()
    {
        var userId = Guid.CreateVersion7();

        var reset = AccountToken.ForPasswordReset(userId, TestData.TokenHash("reset"), s_now, TimeSpan.FromMinutes(30));
        var verification = AccountToken.ForEmailVerification(userId, "alice@example.com", TestData.TokenHash("verify"), s_now, TimeSpan.FromHours(48));
        var invitation = AccountToken.ForInvitation("bob@example.com", ["user", "admin"], TestData.TokenHash("invite"), s_now, TimeSpan.FromDays(7));

        reset.DomainEvents.Should().Equal(new PasswordResetRequestedEvent(userId, s_now));
        verification.DomainEvents.Should().Equal(new EmailVerificationSentEvent(userId, "alice@example.com", s_now));
        var created = invitation.DomainEvents.Should().ContainSingle().Which.Should().BeOfType<InvitationCreatedEvent>().Subject;
        created.InvitationId.Should().Be(invitation.Id);
        created.Email.Should().Be("bob@example.com");
        created.Roles.Should().Equal("user", "admin");
        AssertNoSecret([.. reset.DomainEvents, .. verification.DomainEvents, .. invitation.DomainEvents],
            TestData.TokenHash("reset"), TestData.TokenHash("verify"), TestData.TokenHash("invite"));
    }

    [Fact]
    public void SessionRevoke_ShouldRaiseSessionRevokedWithItsReasonOnce()
    {
        var session = Session.Start(Guid.CreateVersion7(), TestData.TokenHash("rt"), s_now, TimeSpan.FromDays(30), TimeSpan.FromDays(7), null, null);
        session.ClearDomainEvents();

        session.Revoke(SessionRevocationReason.Logout, s_later);
        session.Revoke(SessionRevocationReason.LogoutAll, s_later);

        session.DomainEvents.Should().Equal(new SessionRevokedEvent(session.Id, session.UserId, SessionRevocationReason.Logout, s_later));
    }

    private static User Fresh()
    {
        var user = TestData.NewUser();
        user.ClearDomainEvents();
        return user;
    }

    private static void AssertNoSecret(IEnumerable<IDomainEvent> events, params string[] secrets)
    {
        foreach (var domainEvent in events)
        {
            var printed = domainEvent.ToString();
            foreach (var secret in secrets)
            {
                printed.Should().NotContain(secret);
            }
        }
    }
}
