using CleanAuth.Application.UnitTests.Common;
using CleanAuth.Application.Users.Commands.CreateInvitation;
using CleanAuth.Domain.Authorization;

namespace CleanAuth.Application.UnitTests.Users;

public sealed class CreateInvitationCommandValidatorTests
{
    private readonly CreateInvitationCommandValidator _validator = new(new FakeRoleCatalog());

    [Fact]
    public void Validate_WhenEveryRoleIsInTheCatalog_ShouldPass()
    {
        var result = _validator.Validate(new CreateInvitationCommand("grace@example.com", [RoleName.Guest, RoleName.Admin]));

        result.IsValid.Should().BeTrue();
    }

    [Fact]
    public void Validate_WhenARoleIsNotInTheCatalog_ShouldFailNamingIt()
    {
        var result = _validator.Validate(new CreateInvitationCommand(null, [RoleName.User, "auditor"]));

        result.IsValid.Should().BeFalse();
        result.Errors.Should().ContainSingle().Which.ErrorMessage.Should().Be("'auditor' is not a known role.");
    }

    [Fact]
    public void Validate_WhenARoleNameIsInvalid_ShouldSayOnlyThat()
    {
        var result = _validator.Validate(new CreateInvitationCommand(null, ["Not Valid"]));

        result.Errors.Should().ContainSingle().Which.ErrorMessage.Should().Be("'Not Valid' is not a valid role name.");
    }

    [Fact]
    public void Validate_WhenRolesAreLeftOut_ShouldPass()
    {
        var result = _validator.Validate(new CreateInvitationCommand(null, null));

        result.IsValid.Should().BeTrue("no roles means the user role");
    }

    [Fact]
    public void Validate_WhenRolesAreGivenEmpty_ShouldFailOnRoles()
    {
        var result = _validator.Validate(new CreateInvitationCommand(null, []));

        result.Errors.Should().ContainSingle().Which.PropertyName.Should().Be("Roles");
    }
}
