using CleanAuth.Domain.Authorization;

namespace CleanAuth.Domain.UnitTests.Authorization;

/// <summary>Which role grants what is data now (the role catalog, tested in Application and Infrastructure); the name rule stays here.</summary>
public sealed class RoleNameTests
{
    [Theory]
    [InlineData("user", true)]
    [InlineData("admin", true)]
    [InlineData("guest", true)]
    [InlineData("support_agent-2", true)]
    [InlineData("a", false)]
    [InlineData("Admin", false)]
    [InlineData("has space", false)]
    [InlineData(null, false)]
    public void IsValidName_WhenChecked_ShouldFollowLowerCaseIdentifierRules(string? name, bool expected) =>
        RoleName.IsValid(name).Should().Be(expected);
}
