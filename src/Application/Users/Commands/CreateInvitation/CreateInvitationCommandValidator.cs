using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Validation;
using CleanAuth.Domain.Authorization;
using FluentValidation;

namespace CleanAuth.Application.Users.Commands.CreateInvitation;

public sealed class CreateInvitationCommandValidator : AbstractValidator<CreateInvitationCommand>
{
    public CreateInvitationCommandValidator(IRoleCatalog roles)
    {
        RuleFor(c => c.Email).ValidEmail().When(c => c.Email is not null);
        RuleForEach(c => c.Roles)
            .Cascade(CascadeMode.Stop)
            .Must(RoleName.IsValid).WithMessage("'{PropertyValue}' is not a valid role name.")
            .Must(roles.Exists).WithMessage("'{PropertyValue}' is not a known role.");
    }
}
