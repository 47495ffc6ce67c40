using CleanAuth.Application.Common.Validation;
using FluentValidation;

namespace CleanAuth.Application.Auth.Commands.RefreshTokens;

public sealed class RefreshTokensCommandValidator : AbstractValidator<RefreshTokensCommand>
{
    public RefreshTokensCommandValidator() =>
        RuleFor(c => c.RefreshToken)
            .NotEmpty().WithMessage("Refresh token is required.")
            .OpaqueToken();
}
