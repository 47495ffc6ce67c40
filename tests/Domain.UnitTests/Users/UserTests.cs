using CleanAuth.Domain.Authorization;
using CleanAuth.Domain.Common;
using CleanAuth.Domain.UnitTests.Common;
using CleanAuth.Domain.Users;

namespace CleanAuth.Domain.UnitTests.Users;

public sealed class UserTests
{
    private static readonly DateTime s_now = TestData.Now;
    private static readonly DateTime s_later = TestData.Now.AddHours(1);

    [Fact]
    public void Register_WhenGivenValidData_ShouldCreateActiveUnverifiedUserWithUserRole()
    {
        var user = User.Register(Email.Create("Alice@Example.COM"), Username.Create("Alice"), "Alice Liddell", TestData.StoredHash, s_now);

        user.Id.Should().NotBe(Guid.Empty);
        user.Id.Version.Should().Be(7);
        user.Email.Should().Be("Alice@example.com");
        user.NormalizedEmail.Should().Be("alice@example.com");
        user.Username.Should().Be("Alice");
        user.NormalizedUsername.Should().Be("alice");
        user.FullName.Should().Be("Alice Liddell");
        user.PasswordHash.Should().Be(TestData.StoredHash);
        user.IsActive.Should().BeTrue();
        user.EmailVerified.Should().BeFalse();
        user.HasRole(RoleName.User).Should().BeTrue();
        user.RoleNames.Should().Equal(RoleName.User);
        user.IsAdmin.Should().BeFalse();
        user.PendingEmail.Should().BeNull();
        user.PendingNormalizedEmail.Should().BeNull();
    }

    [Fact]
    public void Register_WhenGivenRoles_ShouldHoldExactlyThoseRoles()
    {
        var user = User.Register(
            Email.Create("grace@example.com"), Username.Create("grace"), null, TestData.StoredHash, s_now, roles: [RoleName.Guest, RoleName.Guest]);

        user.RoleNames.Should().Equal(RoleName.Guest);
        user.HasRole(RoleName.User).Should().BeFalse();
    }

    [Fact]
    public void Register_WhenGivenNoRoles_ShouldHoldTheUserRole()
    {
        var user = User.Register(Email.Create("grace@example.com"), Username.Create("grace"), null, TestData.StoredHash, s_now, roles: []);

        user.RoleNames.Should().Equal(RoleName.User);
    }

    [Fact]
    public void Register_WhenARoleNameIsInvalid_ShouldThrow()
    {
        var act = () => User.Register(Email.Create("grace@example.com"), Username.Create("grace"), null, TestData.StoredHash, s_now, roles: ["Not Valid"]);

        act.Should().Throw<DomainException>();
    }

    [Fact]
    public void Register_WhenGivenValidData_ShouldStampCreatedAndUpdatedWithNow()
    {
        var user = TestData.NewUser(s_now);

        user.CreatedAt.Should().Be(s_now);
        user.UpdatedAt.Should().Be(s_now);
    }

    [Fact]
    public void Register_WhenGivenValidData_ShouldRaiseUserRegisteredEvent()
    {
        var user = TestData.NewUser(s_now);

        user.DomainEvents.Should().ContainSingle()
            .Which.Should().Be(new UserRegisteredEvent(user.Id, user.Email, EmailVerified: false, s_now));
    }

    [Theory]
    [InlineData(DateTimeKind.Local)]
    [InlineData(DateTimeKind.Unspecified)]
    public void Register_WhenNowIsNotUtc_ShouldThrow(DateTimeKind kind)
    {
        var act = () => TestData.NewUser(DateTime.SpecifyKind(s_now, kind));

        act.Should().Throw<ArgumentException>().WithParameterName("now");
    }

    [Theory]
    [InlineData("  Alice Liddell  ", "Alice Liddell")]
    [InlineData("Alice", "Alice")]
    [InlineData("   ", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Register_WhenFullNameHasSurroundingWhitespace_ShouldTrimIt(string? given, string? expected) =>
        TestData.NewUser(fullName: given).FullName.Should().Be(expected);

    [Theory]
    [InlineData("Alice\nLiddell")]
    [InlineData("Alice\0")]
    public void Register_WhenFullNameIsInvalid_ShouldThrowDomainException(string fullName)
    {
        var act = () => TestData.NewUser(fullName: fullName);

        act.Should().Throw<DomainException>();
    }

    [Fact]
    public void Register_WhenFullNameIsTooLong_ShouldThrowDomainException()
    {
        var act = () => TestData.NewUser(fullName: new string('a', FullNameRule.MaxLength + 1));

        act.Should().Throw<DomainException>();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Register_WhenPasswordHashIsBlank_ShouldThrow(string hash)
    {
        var act = () => User.Register(Email.Create("a@x.io"), Username.Create("alice"), null, hash, s_now);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void AssignRole_WhenRoleIsNew_ShouldAddItAndTouchUpdatedAt()
    {
        var user = TestData.NewUser();

        user.AssignRole(RoleName.Admin, s_later);

        user.RoleNames.Should().BeEquivalentTo([RoleName.User, RoleName.Admin]);
        user.IsAdmin.Should().BeTrue();
        user.UpdatedAt.Should().Be(s_later);
    }

    [Fact]
    public void AssignRole_WhenRoleIsAlreadyHeld_ShouldDoNothing()
    {
        var user = TestData.NewUser();
        user.AssignRole(RoleName.Admin, s_later);

        user.AssignRole(RoleName.Admin, s_later.AddHours(1));
        user.AssignRole(RoleName.User, s_later.AddHours(2));

        user.RoleNames.Should().BeEquivalentTo([RoleName.User, RoleName.Admin]);
        user.Roles.Should().HaveCount(2);
        user.UpdatedAt.Should().Be(s_later);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("Admin")]
    [InlineData("super user")]
    [InlineData("admin\n")]
    [InlineData("r\u00F4le")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")] // 33 characters
    public void AssignRole_WhenRoleNameIsInvalid_ShouldThrowDomainException(string role)
    {
        var user = TestData.NewUser();

        var act = () => user.AssignRole(role, s_later);

        act.Should().Throw<DomainException>();
        user.RoleNames.Should().Equal(RoleName.User);
        user.UpdatedAt.Should().Be(s_now);
    }

    [Fact]
    public void UpgradePasswordHash_WhenGivenNewHash_ShouldReplaceItAndTouchUpdatedAt()
    {
        var user = TestData.NewUser();

        user.UpgradePasswordHash("$argon2id$v=19$m=65536,t=3,p=1$new", s_later);

        user.PasswordHash.Should().Be("$argon2id$v=19$m=65536,t=3,p=1$new");
        user.UpdatedAt.Should().Be(s_later);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void UpgradePasswordHash_WhenHashIsBlank_ShouldThrowAndKeepOldHash(string hash)
    {
        var user = TestData.NewUser();

        var act = () => user.UpgradePasswordHash(hash, s_later);

        act.Should().Throw<ArgumentException>();
        user.PasswordHash.Should().Be(TestData.StoredHash);
    }

    [Fact]
    public void UpgradePasswordHash_WhenNowIsNotUtc_ShouldThrow()
    {
        var user = TestData.NewUser();

        var act = () => user.UpgradePasswordHash("new-hash", DateTime.SpecifyKind(s_later, DateTimeKind.Local));

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Deactivate_WhenActive_ShouldDeactivateAndTouchUpdatedAt()
    {
        var user = TestData.NewUser();

        user.Deactivate(s_later);

        user.IsActive.Should().BeFalse();
        user.UpdatedAt.Should().Be(s_later);
    }

    [Fact]
    public void Deactivate_WhenAlreadyInactive_ShouldDoNothing()
    {
        var user = TestData.NewUser();
        user.Deactivate(s_later);

        user.Deactivate(s_later.AddHours(1));

        user.IsActive.Should().BeFalse();
        user.UpdatedAt.Should().Be(s_later);
    }

    [Fact]
    public void MarkEmailVerified_WhenUnverified_ShouldVerifyAndTouchUpdatedAt()
    {
        var user = TestData.NewUser();

        user.MarkEmailVerified(s_later);

        user.EmailVerified.Should().BeTrue();
        user.UpdatedAt.Should().Be(s_later);
    }

    [Fact]
    public void MarkEmailVerified_WhenAlreadyVerified_ShouldDoNothing()
    {
        var user = TestData.NewUser();
        user.MarkEmailVerified(s_later);

        user.MarkEmailVerified(s_later.AddHours(1));

        user.EmailVerified.Should().BeTrue();
        user.UpdatedAt.Should().Be(s_later);
    }

    [Fact]
    public void ClearDomainEvents_WhenEventsWereRaised_ShouldEmptyThem()
    {
        var user = TestData.NewUser();

        user.ClearDomainEvents();

        user.DomainEvents.Should().BeEmpty();
    }
}
