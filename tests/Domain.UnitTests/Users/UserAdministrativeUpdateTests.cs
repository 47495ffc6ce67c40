using CleanAuth.Domain.Common;
using CleanAuth.Domain.UnitTests.Common;
using CleanAuth.Domain.Users;

namespace CleanAuth.Domain.UnitTests.Users;

/// <summary><see cref="User.UpdateByAdministrator"/>: what an administrator's PUT changes, and the one event it records.</summary>
public sealed class UserAdministrativeUpdateTests
{
    private static readonly DateTime s_later = TestData.Now.AddHours(1);

    [Fact]
    public void UpdateByAdministrator_WhenEveryFieldChanges_ShouldApplyThemAndRaiseOneEventNamingEach()
    {
        var user = NewUserWithoutEvents();

        user.UpdateByAdministrator(Username.Create("Alice_L"), Email.Create("New.Alice@Example.org"), " Alice P. Liddell ", emailVerified: true, s_later);

        user.Username.Should().Be("Alice_L");
        user.NormalizedUsername.Should().Be("alice_l");
        user.Email.Should().Be("New.Alice@example.org");
        user.NormalizedEmail.Should().Be("new.alice@example.org");
        user.FullName.Should().Be("Alice P. Liddell");
        user.EmailVerified.Should().BeTrue();
        user.UpdatedAt.Should().Be(s_later);
        var raised = user.DomainEvents.Should().ContainSingle().Which.Should().BeOfType<ProfileUpdatedEvent>().Subject;
        raised.UserId.Should().Be(user.Id);
        raised.Fields.Should().Equal("username", "email", "full_name", "email_verified");
        raised.OccurredAt.Should().Be(s_later);
    }

    [Fact]
    public void UpdateByAdministrator_WhenEveryFieldIsNull_ShouldChangeAndRecordNothing()
    {
        var user = NewUserWithoutEvents();

        user.UpdateByAdministrator(null, null, null, null, s_later);

        user.Username.Should().Be("alice");
        user.Email.Should().Be("alice@example.com");
        user.FullName.Should().Be("Alice Liddell");
        user.UpdatedAt.Should().Be(TestData.Now);
        user.DomainEvents.Should().BeEmpty();
    }

    [Fact]
    public void UpdateByAdministrator_WhenTheValuesAreTheCurrentOnes_ShouldRecordNothing()
    {
        var user = NewUserWithoutEvents();

        user.UpdateByAdministrator(Username.Create("alice"), Email.Create("ALICE@example.com"), "Alice Liddell", emailVerified: false, s_later);

        user.Email.Should().Be("alice@example.com", "the same address in another case is not a new one");
        user.UpdatedAt.Should().Be(TestData.Now);
        user.DomainEvents.Should().BeEmpty();
    }

    [Fact]
    public void UpdateByAdministrator_WhenANewEmailIsGivenAlone_ShouldApplyItAtOnceUnverifiedAndDropThePendingOne()
    {
        var user = NewUserWithoutEvents();
        user.MarkEmailVerified(s_later);
        user.RequestEmailChange(Email.Create("pending@example.org"), s_later);
        user.ClearDomainEvents();

        user.UpdateByAdministrator(null, Email.Create("other@example.org"), null, null, s_later.AddMinutes(1));

        user.Email.Should().Be("other@example.org");
        user.PendingEmail.Should().BeNull();
        user.PendingNormalizedEmail.Should().BeNull();
        user.EmailVerified.Should().BeFalse("nobody has proven the new address");
        user.DomainEvents.Should().ContainSingle().Which.Should().BeOfType<ProfileUpdatedEvent>()
            .Which.Fields.Should().Equal("email", "email_verified");
    }

    [Fact]
    public void UpdateByAdministrator_WhenTheNewEmailIsThePendingOneAndSaidVerified_ShouldApplyItVerified()
    {
        var user = NewUserWithoutEvents();
        user.RequestEmailChange(Email.Create("pending@example.org"), s_later);
        user.ClearDomainEvents();

        user.UpdateByAdministrator(null, Email.Create("pending@example.org"), null, emailVerified: true, s_later.AddMinutes(1));

        user.Email.Should().Be("pending@example.org");
        user.PendingEmail.Should().BeNull();
        user.EmailVerified.Should().BeTrue();
        user.DomainEvents.Should().ContainSingle().Which.Should().BeOfType<ProfileUpdatedEvent>()
            .Which.Fields.Should().Equal("email", "email_verified");
    }

    [Fact]
    public void UpdateByAdministrator_WhenOnlyEmailVerifiedChanges_ShouldNameOnlyIt()
    {
        var user = NewUserWithoutEvents();

        user.UpdateByAdministrator(null, null, null, emailVerified: true, s_later);

        user.EmailVerified.Should().BeTrue();
        user.Email.Should().Be("alice@example.com");
        user.DomainEvents.Should().ContainSingle().Which.Should().BeOfType<ProfileUpdatedEvent>()
            .Which.Fields.Should().Equal("email_verified");
    }

    [Fact]
    public void UpdateByAdministrator_WhenUnverifyingTheCurrentAddress_ShouldKeepTheAddressAndThePendingOne()
    {
        var user = NewUserWithoutEvents();
        user.MarkEmailVerified(s_later);
        user.RequestEmailChange(Email.Create("pending@example.org"), s_later);
        user.ClearDomainEvents();

        user.UpdateByAdministrator(null, null, null, emailVerified: false, s_later.AddMinutes(1));

        user.EmailVerified.Should().BeFalse();
        user.Email.Should().Be("alice@example.com");
        user.PendingEmail.Should().Be("pending@example.org", "only a new address drops the pending one");
    }

    [Fact]
    public void UpdateByAdministrator_WhenTheFullNameIsEmpty_ShouldClearIt()
    {
        var user = NewUserWithoutEvents();

        user.UpdateByAdministrator(null, null, "", null, s_later);

        user.FullName.Should().BeNull();
        ((ProfileUpdatedEvent)user.DomainEvents.Single()).Fields.Should().Equal("full_name");
    }

    [Fact]
    public void UpdateByAdministrator_WhenTheFullNameIsInvalid_ShouldThrowAndChangeNothing()
    {
        var user = NewUserWithoutEvents();

        var act = () => user.UpdateByAdministrator(Username.Create("bob"), null, "bad\u0000name", null, s_later);

        act.Should().Throw<DomainException>();
        user.Username.Should().Be("alice");
        user.DomainEvents.Should().BeEmpty();
    }

    [Fact]
    public void UpdateByAdministrator_ShouldLeaveRolesActiveStateAndSecurityStampAlone()
    {
        var user = NewUserWithoutEvents();
        var stamp = user.SecurityStamp;

        user.UpdateByAdministrator(Username.Create("bob"), Email.Create("bob@example.org"), "Bob", emailVerified: true, s_later);

        user.SortedRoleNames().Should().Equal("user");
        user.IsActive.Should().BeTrue();
        user.SecurityStamp.Should().Be(stamp, "the password still is the one sessions were granted on");
    }

    private static User NewUserWithoutEvents()
    {
        var user = TestData.NewUser();
        user.ClearDomainEvents();
        return user;
    }
}
