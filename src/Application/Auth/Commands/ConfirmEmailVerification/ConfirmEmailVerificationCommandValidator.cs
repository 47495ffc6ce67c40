using CleanAuth.Application.Common.Validation;
using FluentValidation;

namespace CleanAuth.Application.Auth.Commands.ConfirmEmailVerification;

public sealed class ConfirmEmailVerificationCommandValidator : AbstractValidator<ConfirmEmailVerificationCommand>
{
    public ConfirmEmailVerificationCommandValidator() =>
        RuleFor(c => c.Token).NotEmpty().WithMessage("Token is required.").OpaqueToken();
}
