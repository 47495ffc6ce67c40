using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Validation;
using FluentValidation;

namespace CleanAuth.Application.Admin.Commands.ReplaceUserRoles;

public sealed class ReplaceUserRolesCommandValidator : AbstractValidator<ReplaceUserRolesCommand>
{
    public ReplaceUserRolesCommandValidator(IRoleCatalog roles)
    {
        RuleFor(c => c.Roles).NotEmpty().WithMessage("Roles must name at least one role.");
        RuleForEach(c => c.Roles).KnownRoles(roles);
    }
}
