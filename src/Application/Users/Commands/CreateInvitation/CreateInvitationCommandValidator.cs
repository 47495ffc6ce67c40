using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Validation;
using FluentValidation;

namespace CleanAuth.Application.Users.Commands.CreateInvitation;

public sealed class CreateInvitationCommandValidator : AbstractValidator<CreateInvitationCommand>
{
    public CreateInvitationCommandValidator(IRoleCatalog roles)
    {
        RuleFor(c => c.Email).ValidEmail().When(c => c.Email is not null);
        RuleFor(c => c.Roles).NotEmpty().When(c => c.Roles is not null).WithMessage("Roles must name at least one role when given.");
        RuleForEach(c => c.Roles).KnownRoles(roles);
    }
}
