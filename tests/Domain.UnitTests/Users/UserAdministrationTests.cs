using CleanAuth.Domain.Auditing;
using CleanAuth.Domain.Common;
using CleanAuth.Domain.UnitTests.Common;
using CleanAuth.Domain.Users;

namespace CleanAuth.Domain.UnitTests.Users;

/// <summary>What administrators change on an account: its roles and its active state; and what they read: the last login.</summary>
public sealed class UserAdministrationTests
{
    private static readonly DateTime s_later = TestData.Now.AddHours(1);

    [Fact]
    public void ReplaceRoles_WhenTheSetChanges_ShouldHoldExactlyTheNewRolesAndRaiseBothSortedLists()
    {
        var user = NewUserWithoutEvents();

        user.ReplaceRoles(["user", "admin", "admin"], s_later).Should().BeTrue();

        user.SortedRoleNames().Should().Equal("admin", "user");
        user.RolesChangedAt.Should().Be(s_later);
        user.UpdatedAt.Should().Be(s_later);
        var raised = user.DomainEvents.Should().ContainSingle().Which.Should().BeOfType<RolesChangedEvent>().Subject;
        raised.OldRoles.Should().Equal("user");
        raised.NewRoles.Should().Equal("admin", "user");
        raised.UserId.Should().Be(user.Id);
    }

    [Fact]
    public void ReplaceRoles_WhenRemovingARole_ShouldDropIt()
    {
        var user = NewUserWithoutEvents();
        user.ReplaceRoles(["admin", "user"], s_later);
        user.ClearDomainEvents();

        user.ReplaceRoles(["guest"], s_later.AddMinutes(1)).Should().BeTrue();

        user.SortedRoleNames().Should().Equal("guest");
        user.IsAdmin.Should().BeFalse();
    }

    [Fact]
    public void ReplaceRoles_WhenTheSetIsTheSame_ShouldChangeAndRecordNothing()
    {
        var user = NewUserWithoutEvents();

        user.ReplaceRoles(["user"], s_later).Should().BeFalse();

        user.RolesChangedAt.Should().BeNull();
        user.UpdatedAt.Should().Be(TestData.Now);
        user.DomainEvents.Should().BeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("Admin")]
    [InlineData("user,")]
    public void ReplaceRoles_WhenEmptyOrInvalid_ShouldThrowAndKeepTheRoles(string commaSeparated)
    {
        var user = NewUserWithoutEvents();
        var roles = commaSeparated.Length == 0 ? [] : commaSeparated.Split(',');

        var act = () => user.ReplaceRoles(roles, s_later);

        act.Should().Throw<DomainException>();
        user.SortedRoleNames().Should().Equal("user");
        user.DomainEvents.Should().BeEmpty();
    }

    [Fact]
    public void Activate_AfterDeactivation_ShouldAllowLoginAgainWithANewStampAndRaiseOnce()
    {
        var user = NewUserWithoutEvents();
        user.Deactivate(s_later);
        var stampWhileInactive = user.SecurityStamp;
        user.ClearDomainEvents();

        user.Activate(s_later.AddMinutes(1)).Should().BeTrue();
        user.Activate(s_later.AddMinutes(2)).Should().BeFalse("it already is active");

        user.IsActive.Should().BeTrue();
        user.SecurityStamp.Should().NotBe(stampWhileInactive, "a login that read the inactive account must not race the change");
        user.DomainEvents.Should().ContainSingle().Which.Should().Be(new UserActivatedEvent(user.Id, s_later.AddMinutes(1)));
    }

    [Fact]
    public void Activate_AfterTheOwnerDeletedTheAccount_ShouldAllowLoginAgain()
    {
        var user = NewUserWithoutEvents();
        user.DeleteAccount(s_later);

        user.Activate(s_later.AddMinutes(1)).Should().BeTrue();

        user.IsActive.Should().BeTrue();
    }

    [Fact]
    public void RecordLogin_ShouldRememberTheLastSuccessfulLogin()
    {
        var user = NewUserWithoutEvents();
        user.LastLoginAt.Should().BeNull("it never logged in");

        user.RecordLogin(s_later);

        user.LastLoginAt.Should().Be(s_later);
    }

    [Fact]
    public void AuditLogEntry_WhenTheEventTypeIsUnknown_ShouldThrow()
    {
        var act = () => AuditLogEntry.Record("user.hacked", s_later, null, null, null, null, null);

        act.Should().Throw<DomainException>();
    }

    [Fact]
    public void AuditLogEntry_ShouldTruncateAnOverlongUserAgentToItsColumn()
    {
        var entry = AuditLogEntry.Record(AuditEventType.Logout, s_later, null, null, null, new string('a', 2000), null);

        entry.UserAgent.Should().HaveLength(AuditLogEntry.UserAgentMaxLength);
        entry.Details.Should().Be("{}");
    }

    private static User NewUserWithoutEvents()
    {
        var user = TestData.NewUser();
        user.ClearDomainEvents();
        return user;
    }
}
