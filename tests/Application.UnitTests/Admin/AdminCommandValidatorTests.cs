using CleanAuth.Application.Admin.Commands.ReplaceUserRoles;
using CleanAuth.Application.Admin.Commands.UpdateUser;
using CleanAuth.Application.UnitTests.Common;

namespace CleanAuth.Application.UnitTests.Admin;

public sealed class AdminCommandValidatorTests
{
    private static readonly Guid s_id = Guid.CreateVersion7();
    private readonly ReplaceUserRolesCommandValidator _roles = new(new FakeRoleCatalog());
    private readonly UpdateUserCommandValidator _update = new();

    [Fact]
    public void ReplaceRoles_WhenEveryRoleExists_ShouldPass() =>
        _roles.Validate(new ReplaceUserRolesCommand(s_id, ["guest", "admin"])).IsValid.Should().BeTrue();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReplaceRoles_WhenTheRolesAreMissingOrEmpty_ShouldFailOnRoles(bool empty)
    {
        var result = _roles.Validate(new ReplaceUserRolesCommand(s_id, empty ? [] : null));

        result.Errors.Should().ContainSingle().Which.PropertyName.Should().Be("Roles");
    }

    [Fact]
    public void ReplaceRoles_WhenARoleDoesNotExistOrIsNotAName_ShouldNameEachAtItsIndex()
    {
        var result = _roles.Validate(new ReplaceUserRolesCommand(s_id, ["user", "auditor", "Not Valid"]));

        result.Errors.Select(e => (e.PropertyName, e.ErrorMessage)).Should().Equal(
            ("Roles[1]", "'auditor' is not a known role."),
            ("Roles[2]", "'Not Valid' is not a valid role name."));
    }

    [Fact]
    public void Update_WhenEveryFieldIsNull_ShouldPass() =>
        _update.Validate(new UpdateUserCommand(s_id, null, null, null, null)).IsValid.Should().BeTrue();

    [Fact]
    public void Update_WhenTheFieldsAreValid_ShouldPass() =>
        _update.Validate(new UpdateUserCommand(s_id, "grace.h", "grace@example.com", "", true)).IsValid.Should().BeTrue();

    [Fact]
    public void Update_WhenEachFieldIsInvalid_ShouldFailOnEach()
    {
        var result = _update.Validate(new UpdateUserCommand(s_id, "no spaces allowed", "not-an-address", "bad\u0007name", false));

        result.Errors.Select(e => e.PropertyName).Distinct().Should().BeEquivalentTo(["Username", "Email", "FullName"]);
    }

    [Fact]
    public void Update_WhenTheUsernameOrEmailIsEmpty_ShouldFail()
    {
        var result = _update.Validate(new UpdateUserCommand(s_id, "", "", null, null));

        result.Errors.Select(e => e.PropertyName).Distinct().Should().BeEquivalentTo(["Username", "Email"]);
    }
}
