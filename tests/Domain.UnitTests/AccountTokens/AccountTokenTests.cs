using CleanAuth.Domain.AccountTokens;
using CleanAuth.Domain.Authorization;
using CleanAuth.Domain.Common;
using CleanAuth.Domain.UnitTests.Common;

namespace CleanAuth.Domain.UnitTests.AccountTokens;

public sealed class AccountTokenTests
{
    private static readonly DateTime s_now = TestData.Now;
    private static readonly TimeSpan s_lifetime = TimeSpan.FromMinutes(30);
    private static readonly Guid s_userId = Guid.CreateVersion7();
    private static readonly string s_hash = TestData.TokenHash("mailed-token");

    [Fact]
    public void ForPasswordReset_WhenGivenValidData_ShouldIssueAnUnusedTokenForTheUser()
    {
        var token = AccountToken.ForPasswordReset(s_userId, s_hash, s_now, s_lifetime);

        token.Id.Should().NotBe(Guid.Empty);
        token.Id.Version.Should().Be(7);
        token.Kind.Should().Be(AccountTokenKind.PasswordReset);
        token.TokenHash.Should().Be(s_hash);
        token.UserId.Should().Be(s_userId);
        token.Email.Should().BeNull();
        token.Roles.Should().BeNull();
        token.RoleList.Should().BeEmpty();
        token.CreatedAt.Should().Be(s_now);
        token.ExpiresAt.Should().Be(s_now + s_lifetime);
        token.ConsumedAt.Should().BeNull();
    }

    [Fact]
    public void ForEmailVerification_WhenGivenValidData_ShouldRecordTheAddressItConfirms()
    {
        var token = AccountToken.ForEmailVerification(s_userId, "new@example.org", s_hash, s_now, TimeSpan.FromHours(48));

        token.Kind.Should().Be(AccountTokenKind.EmailVerification);
        token.UserId.Should().Be(s_userId);
        token.Email.Should().Be("new@example.org");
        token.Roles.Should().BeNull();
        token.ExpiresAt.Should().Be(s_now.AddHours(48));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void ForEmailVerification_WhenTheAddressIsBlank_ShouldThrow(string email)
    {
        var act = () => AccountToken.ForEmailVerification(s_userId, email, s_hash, s_now, s_lifetime);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void ForInvitation_WhenPinnedToAnAddressWithRoles_ShouldRecordBoth()
    {
        var token = AccountToken.ForInvitation("guest@example.org", [RoleName.Admin, "auditor", RoleName.Admin], s_hash, s_now, TimeSpan.FromDays(7));

        token.Kind.Should().Be(AccountTokenKind.Invitation);
        token.UserId.Should().BeNull();
        token.Email.Should().Be("guest@example.org");
        token.Roles.Should().Be("admin,auditor");
        token.RoleList.Should().Equal(RoleName.Admin, "auditor");
        token.ExpiresAt.Should().Be(s_now.AddDays(7));
    }

    [Fact]
    public void ForInvitation_WhenNotPinnedAndGrantingNoRole_ShouldStoreNeither()
    {
        var token = AccountToken.ForInvitation(null, [], s_hash, s_now, s_lifetime);

        token.Email.Should().BeNull();
        token.Roles.Should().BeNull();
        token.RoleList.Should().BeEmpty();
    }

    [Theory]
    [InlineData("Admin")]
    [InlineData("a")]
    [InlineData("")]
    [InlineData("super user")]
    [InlineData("admin,user")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")] // 33 characters
    public void ForInvitation_WhenARoleNameIsInvalid_ShouldThrowDomainException(string role)
    {
        var act = () => AccountToken.ForInvitation(null, [RoleName.User, role], s_hash, s_now, s_lifetime);

        act.Should().Throw<DomainException>();
    }

    [Fact]
    public void ForInvitation_WhenTheRolesDoNotFitTheColumn_ShouldThrowDomainException()
    {
        var roles = Enumerable.Range(0, 30).Select(i => $"role-{i:D2}-{new string('x', 12)}").ToList(); // 30 × 20 characters + commas

        var act = () => AccountToken.ForInvitation(null, roles, s_hash, s_now, s_lifetime);

        act.Should().Throw<DomainException>();
    }

    [Theory]
    [InlineData(63)]
    [InlineData(65)]
    public void Issue_WhenTheHashIsNot64Characters_ShouldThrowDomainException(int length)
    {
        var act = () => AccountToken.ForPasswordReset(s_userId, new string('a', length), s_now, s_lifetime);

        act.Should().Throw<DomainException>();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Issue_WhenTheHashIsBlank_ShouldThrow(string hash)
    {
        var act = () => AccountToken.ForPasswordReset(s_userId, hash, s_now, s_lifetime);

        act.Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Issue_WhenTheLifetimeIsNotPositive_ShouldThrowDomainException(int minutes)
    {
        var act = () => AccountToken.ForPasswordReset(s_userId, s_hash, s_now, TimeSpan.FromMinutes(minutes));

        act.Should().Throw<DomainException>();
    }

    [Fact]
    public void Issue_WhenNowIsNotUtc_ShouldThrow()
    {
        var act = () => AccountToken.ForPasswordReset(s_userId, s_hash, DateTime.SpecifyKind(s_now, DateTimeKind.Local), s_lifetime);

        act.Should().Throw<ArgumentException>().WithParameterName("now");
    }

    [Fact]
    public void IsUsable_WhenBeforeExpiry_ShouldBeTrue()
    {
        var token = AccountToken.ForPasswordReset(s_userId, s_hash, s_now, s_lifetime);

        token.IsUsable(s_now).Should().BeTrue();
        token.IsUsable(s_now + s_lifetime - TimeSpan.FromTicks(1)).Should().BeTrue();
    }

    [Fact]
    public void IsUsable_WhenAtOrAfterExpiry_ShouldBeFalse()
    {
        var token = AccountToken.ForPasswordReset(s_userId, s_hash, s_now, s_lifetime);

        token.IsUsable(s_now + s_lifetime).Should().BeFalse();
        token.IsUsable(s_now + s_lifetime + TimeSpan.FromSeconds(1)).Should().BeFalse();
    }

    [Fact]
    public void IsUsable_WhenConsumed_ShouldBeFalseEvenBeforeExpiry()
    {
        var token = AccountToken.ForPasswordReset(s_userId, s_hash, s_now, s_lifetime);

        token.Consume(s_now.AddMinutes(1));

        token.ConsumedAt.Should().Be(s_now.AddMinutes(1));
        token.IsUsable(s_now.AddMinutes(2)).Should().BeFalse();
    }

    [Fact]
    public void Consume_WhenAlreadyConsumed_ShouldThrowDomainExceptionAndKeepTheFirstTime()
    {
        var token = AccountToken.ForPasswordReset(s_userId, s_hash, s_now, s_lifetime);
        token.Consume(s_now.AddMinutes(1));

        var act = () => token.Consume(s_now.AddMinutes(2));

        act.Should().Throw<DomainException>();
        token.ConsumedAt.Should().Be(s_now.AddMinutes(1));
    }

    [Fact]
    public void Consume_WhenNowIsNotUtc_ShouldThrowAndLeaveTheTokenUnused()
    {
        var token = AccountToken.ForPasswordReset(s_userId, s_hash, s_now, s_lifetime);

        var act = () => token.Consume(DateTime.SpecifyKind(s_now, DateTimeKind.Unspecified));

        act.Should().Throw<ArgumentException>();
        token.ConsumedAt.Should().BeNull();
    }
}
