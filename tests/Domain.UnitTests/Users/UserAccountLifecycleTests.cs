using CleanAuth.Domain.Common;
using CleanAuth.Domain.UnitTests.Common;
using CleanAuth.Domain.Users;

namespace CleanAuth.Domain.UnitTests.Users;

/// <summary>Password change, profile edits, email change and verification, deactivation.</summary>
public sealed class UserAccountLifecycleTests
{
    private const string NewHash = "$argon2id$v=19$m=19456,t=2,p=1$bmV3c2FsdG5ld3NhbHQ$bmV3aGFzaG5ld2hhc2huZXdoYXNoaGFzaA";

    private static readonly DateTime s_now = TestData.Now;
    private static readonly DateTime s_later = TestData.Now.AddHours(1);
    private static readonly DateTime s_evenLater = TestData.Now.AddHours(2);

    [Fact]
    public void ChangePassword_WhenGivenNewHash_ShouldReplaceItTouchUpdatedAtAndRaisePasswordChangedEvent()
    {
        var user = NewUserWithoutEvents();

        user.ChangePassword(NewHash, s_later);

        user.PasswordHash.Should().Be(NewHash);
        user.UpdatedAt.Should().Be(s_later);
        user.DomainEvents.Should().ContainSingle().Which.Should().Be(new PasswordChangedEvent(user.Id, user.Email, s_later));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void ChangePassword_WhenHashIsBlank_ShouldThrowAndChangeNothing(string hash)
    {
        var user = NewUserWithoutEvents();

        var act = () => user.ChangePassword(hash, s_later);

        act.Should().Throw<ArgumentException>();
        user.PasswordHash.Should().Be(TestData.StoredHash);
        user.UpdatedAt.Should().Be(s_now);
        user.DomainEvents.Should().BeEmpty();
    }

    [Fact]
    public void UpgradePasswordHash_WhenCalled_ShouldRaiseNoPasswordChangedEvent()
    {
        var user = NewUserWithoutEvents();

        user.UpgradePasswordHash(NewHash, s_later);

        user.DomainEvents.Should().BeEmpty("a re-hash with new parameters is not a password change");
    }

    [Fact]
    public void Deactivate_WhenCalledTwice_ShouldRaiseUserDeactivatedEventOnce()
    {
        var user = NewUserWithoutEvents();

        user.Deactivate(s_later);
        user.Deactivate(s_evenLater);

        user.IsActive.Should().BeFalse();
        user.DomainEvents.Should().ContainSingle().Which.Should().Be(new UserDeactivatedEvent(user.Id, s_later));
    }

    [Fact]
    public void SecurityStamp_ShouldChangeWithThePasswordAndTheActiveStateOnly()
    {
        var user = NewUserWithoutEvents();
        var stamps = new List<int> { user.SecurityStamp };

        user.UpgradePasswordHash(NewHash, s_later);
        user.UpdateProfile(null, "Somebody Else", s_later);
        user.MarkEmailVerified(s_later);
        stamps.Add(user.SecurityStamp);
        user.ChangePassword(NewHash, s_later);
        stamps.Add(user.SecurityStamp);
        user.Deactivate(s_later);
        stamps.Add(user.SecurityStamp);
        user.Deactivate(s_evenLater);
        stamps.Add(user.SecurityStamp);

        stamps.Should().Equal(stamps[0], stamps[0], stamps[0] + 1, stamps[0] + 2, stamps[0] + 2);
    }

    [Fact]
    public void UpdateProfile_Username_WhenDifferent_ShouldSetBothFormsAndTouchUpdatedAt()
    {
        var user = TestData.NewUser();

        user.UpdateProfile(Username.Create("Bob_Smith"), null, s_later);

        user.Username.Should().Be("Bob_Smith");
        user.NormalizedUsername.Should().Be("bob_smith");
        user.UpdatedAt.Should().Be(s_later);
    }

    [Fact]
    public void UpdateProfile_Username_WhenOnlyTheCasingDiffers_ShouldKeepTheNormalizedForm()
    {
        var user = TestData.NewUser();

        user.UpdateProfile(Username.Create("ALICE"), null, s_later);

        user.Username.Should().Be("ALICE");
        user.NormalizedUsername.Should().Be("alice");
        user.UpdatedAt.Should().Be(s_later);
    }

    [Fact]
    public void UpdateProfile_Username_WhenSame_ShouldDoNothing()
    {
        var user = TestData.NewUser();

        user.UpdateProfile(Username.Create("alice"), null, s_later);

        user.Username.Should().Be("alice");
        user.UpdatedAt.Should().Be(s_now);
    }

    [Theory]
    [InlineData("  Alice Pleasance Liddell ", "Alice Pleasance Liddell")]
    [InlineData("", null)]
    [InlineData("   ", null)]
    public void UpdateProfile_FullName_WhenDifferent_ShouldStoreTheTrimmedValueOrClearIt(string? given, string? expected)
    {
        var user = TestData.NewUser();

        user.UpdateProfile(null, given, s_later);

        user.FullName.Should().Be(expected);
        user.UpdatedAt.Should().Be(s_later);
    }

    [Fact]
    public void UpdateProfile_FullName_WhenSameAfterTrimming_ShouldDoNothing()
    {
        var user = TestData.NewUser();

        user.UpdateProfile(null, "  Alice Liddell ", s_later);

        user.FullName.Should().Be("Alice Liddell");
        user.UpdatedAt.Should().Be(s_now);
    }

    [Theory]
    [InlineData("Alice\nLiddell")]
    [InlineData("Alice\0")]
    public void UpdateProfile_FullName_WhenInvalid_ShouldThrowDomainExceptionAndKeepTheOldName(string fullName)
    {
        var user = TestData.NewUser();

        var act = () => user.UpdateProfile(null, fullName, s_later);

        act.Should().Throw<DomainException>();
        user.FullName.Should().Be("Alice Liddell");
        user.UpdatedAt.Should().Be(s_now);
    }

    [Fact]
    public void UpdateProfile_WhenBothFieldsChange_ShouldRaiseOneEventNamingThem()
    {
        var user = NewUserWithoutEvents();

        user.UpdateProfile(Username.Create("Bob_Smith"), "Bob Smith", s_later);

        var updated = user.DomainEvents.Should().ContainSingle().Which.Should().BeOfType<ProfileUpdatedEvent>().Subject;
        updated.UserId.Should().Be(user.Id);
        updated.Fields.Should().Equal("username", "full_name");
        updated.OccurredAt.Should().Be(s_later);
    }

    [Fact]
    public void UpdateProfile_WhenNothingChangesOrNothingIsGiven_ShouldRaiseNothing()
    {
        var user = NewUserWithoutEvents();

        user.UpdateProfile(Username.Create(user.Username), user.FullName, s_later);
        user.UpdateProfile(null, null, s_later);

        user.DomainEvents.Should().BeEmpty();
        user.UpdatedAt.Should().Be(s_now);
    }

    [Fact]
    public void RequestEmailChange_WhenAddressDiffers_ShouldRecordItAsPendingAndKeepTheCurrentOne()
    {
        var user = TestData.NewUser();

        user.RequestEmailChange(Email.Create("New.Alice@Example.ORG"), s_later);

        user.PendingEmail.Should().Be("New.Alice@example.org");
        user.PendingNormalizedEmail.Should().Be("new.alice@example.org");
        user.Email.Should().Be("alice@example.com");
        user.NormalizedEmail.Should().Be("alice@example.com");
        user.EmailVerified.Should().BeFalse();
        user.UpdatedAt.Should().Be(s_later);
    }

    [Fact]
    public void RequestEmailChange_WhenAnotherChangeIsPending_ShouldReplaceIt()
    {
        var user = TestData.NewUser();
        user.RequestEmailChange(Email.Create("first@example.org"), s_later);

        user.RequestEmailChange(Email.Create("second@example.org"), s_evenLater);

        user.PendingNormalizedEmail.Should().Be("second@example.org");
        user.UpdatedAt.Should().Be(s_evenLater);
    }

    [Theory]
    [InlineData("alice@example.com")]
    [InlineData("ALICE@Example.com")]
    public void RequestEmailChange_WhenBackToTheCurrentAddress_ShouldClearThePendingOne(string current)
    {
        var user = TestData.NewUser();
        user.RequestEmailChange(Email.Create("new@example.org"), s_later);

        user.RequestEmailChange(Email.Create(current), s_evenLater);

        user.PendingEmail.Should().BeNull();
        user.PendingNormalizedEmail.Should().BeNull();
        user.Email.Should().Be("alice@example.com");
        user.UpdatedAt.Should().Be(s_evenLater);
    }

    [Fact]
    public void ConfirmEmail_WhenThePendingAddressIsConfirmed_ShouldApplyItAndMarkItVerified()
    {
        var user = TestData.NewUser();
        user.RequestEmailChange(Email.Create("New.Alice@example.org"), s_later);

        var confirmed = user.ConfirmEmail("new.alice@example.org", s_evenLater);

        confirmed.Should().BeTrue();
        user.Email.Should().Be("New.Alice@example.org");
        user.NormalizedEmail.Should().Be("new.alice@example.org");
        user.PendingEmail.Should().BeNull();
        user.PendingNormalizedEmail.Should().BeNull();
        user.EmailVerified.Should().BeTrue();
        user.UpdatedAt.Should().Be(s_evenLater);
    }

    [Fact]
    public void ConfirmEmail_WhenThePendingAddressIsConfirmedOnAVerifiedAccount_ShouldApplyItAndStayVerified()
    {
        var user = TestData.NewUser();
        user.MarkEmailVerified(s_now);
        user.RequestEmailChange(Email.Create("new@example.org"), s_later);

        user.ConfirmEmail("new@example.org", s_evenLater).Should().BeTrue();

        user.NormalizedEmail.Should().Be("new@example.org");
        user.EmailVerified.Should().BeTrue();
    }

    [Fact]
    public void ConfirmEmail_WhenTheCurrentAddressIsConfirmed_ShouldMarkItVerified()
    {
        var user = TestData.NewUser();

        var confirmed = user.ConfirmEmail("alice@example.com", s_later);

        confirmed.Should().BeTrue();
        user.EmailVerified.Should().BeTrue();
        user.Email.Should().Be("alice@example.com");
        user.UpdatedAt.Should().Be(s_later);
    }

    [Fact]
    public void ConfirmEmail_WhenTheCurrentAddressIsConfirmedWhileAChangeIsPending_ShouldVerifyItAndKeepThePendingOne()
    {
        var user = TestData.NewUser();
        user.RequestEmailChange(Email.Create("new@example.org"), s_later);

        user.ConfirmEmail("alice@example.com", s_evenLater).Should().BeTrue();

        user.EmailVerified.Should().BeTrue();
        user.NormalizedEmail.Should().Be("alice@example.com");
        user.PendingNormalizedEmail.Should().Be("new@example.org");
    }

    [Fact]
    public void ConfirmEmail_WhenTheAddressIsStale_ShouldReturnFalseAndChangeNothing()
    {
        var user = TestData.NewUser();
        user.RequestEmailChange(Email.Create("first@example.org"), s_later);
        user.RequestEmailChange(Email.Create("second@example.org"), s_later);

        var confirmed = user.ConfirmEmail("first@example.org", s_evenLater);

        confirmed.Should().BeFalse();
        user.Email.Should().Be("alice@example.com");
        user.NormalizedEmail.Should().Be("alice@example.com");
        user.PendingNormalizedEmail.Should().Be("second@example.org");
        user.EmailVerified.Should().BeFalse();
        user.UpdatedAt.Should().Be(s_later);
    }

    [Fact]
    public void ConfirmEmail_WhenTheOldAddressIsConfirmedAfterTheChangeTookEffect_ShouldReturnFalse()
    {
        var user = TestData.NewUser();
        user.RequestEmailChange(Email.Create("new@example.org"), s_later);
        user.ConfirmEmail("new@example.org", s_later);

        var confirmed = user.ConfirmEmail("alice@example.com", s_evenLater);

        confirmed.Should().BeFalse();
        user.NormalizedEmail.Should().Be("new@example.org");
        user.UpdatedAt.Should().Be(s_later);
    }

    [Fact]
    public void ConfirmEmail_WhenTheAccountHasNoPendingAddress_ShouldNotMatchAnEmptyOne()
    {
        var user = TestData.NewUser();

        user.ConfirmEmail("someone.else@example.org", s_later).Should().BeFalse();

        user.EmailVerified.Should().BeFalse();
        user.UpdatedAt.Should().Be(s_now);
    }

    private static User NewUserWithoutEvents()
    {
        var user = TestData.NewUser();
        user.ClearDomainEvents();
        return user;
    }
}
