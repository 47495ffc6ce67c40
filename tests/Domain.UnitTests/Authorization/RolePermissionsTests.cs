using CleanAuth.Domain.Authorization;

namespace CleanAuth.Domain.UnitTests.Authorization;

public sealed class RolePermissionsTests
{
    public static TheoryData<string> AllPermissions =>
        [Permissions.Account.ManageSelf, Permissions.Users.Read, Permissions.Users.Manage];

    [Fact]
    public void Grants_WhenRoleIsUser_ShouldGrantManageSelfOnly()
    {
        RolePermissions.Grants(RoleName.User, Permissions.Account.ManageSelf).Should().BeTrue();
        RolePermissions.Grants(RoleName.User, Permissions.Users.Manage).Should().BeFalse();
        RolePermissions.Grants(RoleName.User, Permissions.Users.Read).Should().BeFalse();
    }

    [Theory]
    [MemberData(nameof(AllPermissions))]
    public void Grants_WhenRoleIsAdmin_ShouldGrantEveryPermission(string permission) =>
        RolePermissions.Grants(RoleName.Admin, permission).Should().BeTrue();

    [Theory]
    [InlineData("superuser")]
    [InlineData("Admin")]
    [InlineData("ADMIN")]
    [InlineData("")]
    [InlineData("user ")]
    public void Grants_WhenRoleIsUnknown_ShouldGrantNothing(string role)
    {
        foreach (var permission in AllPermissions)
        {
            RolePermissions.Grants(role, permission).Should().BeFalse();
        }
    }

    [Fact]
    public void Grants_WhenPermissionIsUnknown_ShouldBeFalseEvenForAdmin() =>
        RolePermissions.Grants(RoleName.Admin, "users:delete_everything").Should().BeFalse();

    [Fact]
    public void AnyGrants_WhenOneOfTheRolesGrants_ShouldBeTrue()
    {
        RolePermissions.AnyGrants([RoleName.User, RoleName.Admin], Permissions.Users.Manage).Should().BeTrue();
        RolePermissions.AnyGrants(["guest", RoleName.User], Permissions.Account.ManageSelf).Should().BeTrue();
    }

    [Fact]
    public void AnyGrants_WhenNoRoleGrants_ShouldBeFalse()
    {
        RolePermissions.AnyGrants([RoleName.User], Permissions.Users.Manage).Should().BeFalse();
        RolePermissions.AnyGrants([], Permissions.Account.ManageSelf).Should().BeFalse();
    }

    [Theory]
    [InlineData("user", true)]
    [InlineData("admin", true)]
    [InlineData("support_agent-2", true)]
    [InlineData("a", false)]
    [InlineData("Admin", false)]
    [InlineData("has space", false)]
    [InlineData(null, false)]
    public void IsValidName_WhenChecked_ShouldFollowLowerCaseIdentifierRules(string? name, bool expected) =>
        RoleName.IsValid(name).Should().Be(expected);
}
