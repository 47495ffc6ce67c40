using CleanAuth.Application.Common.Validation;
using FluentValidation;

namespace CleanAuth.Application.Users.Commands.DeactivateAccount;

public sealed class DeactivateAccountCommandValidator : AbstractValidator<DeactivateAccountCommand>
{
    public DeactivateAccountCommandValidator() => RuleFor(c => c.Password).PresentedPassword();
}
