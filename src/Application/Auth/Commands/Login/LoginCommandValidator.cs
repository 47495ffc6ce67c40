using CleanAuth.Application.Common.Validation;
using FluentValidation;

namespace CleanAuth.Application.Auth.Commands.Login;

public sealed class LoginCommandValidator : AbstractValidator<LoginCommand>
{
    private const int MaxIdentifierLength = 320;

    public LoginCommandValidator()
    {
        RuleFor(c => c.Email)
            .NotEmpty().When(c => string.IsNullOrEmpty(c.Username)).WithMessage("Email or username is required.")
            .Empty().When(c => !string.IsNullOrEmpty(c.Username)).WithMessage("Give an email or a username, not both.")
            .MaximumLength(MaxIdentifierLength);
        RuleFor(c => c.Username).MaximumLength(MaxIdentifierLength);
        RuleFor(c => c.Password).PresentedPassword();
    }
}
