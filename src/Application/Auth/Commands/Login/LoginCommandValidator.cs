using CleanAuth.Application.Common.Validation;
using FluentValidation;

namespace CleanAuth.Application.Auth.Commands.Login;

public sealed class LoginCommandValidator : AbstractValidator<LoginCommand>
{
    private const int MaxIdentifierLength = 320;

    public LoginCommandValidator()
    {
        // Separate rules: a When() applies to every earlier validator in its chain, which would cancel both.
        RuleFor(c => c.Email).NotEmpty().When(c => string.IsNullOrEmpty(c.Username)).WithMessage("Email or username is required.");
        RuleFor(c => c.Email).Empty().When(c => !string.IsNullOrEmpty(c.Username)).WithMessage("Give an email or a username, not both.");
        RuleFor(c => c.Email).MaximumLength(MaxIdentifierLength).NoControlCharacters();
        RuleFor(c => c.Username).MaximumLength(MaxIdentifierLength).NoControlCharacters();
        RuleFor(c => c.Password).PresentedPassword();
    }
}
