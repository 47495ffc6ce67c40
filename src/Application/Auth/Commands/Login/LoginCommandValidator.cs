using CleanAuth.Application.Common.Validation;
using FluentValidation;

namespace CleanAuth.Application.Auth.Commands.Login;

public sealed class LoginCommandValidator : AbstractValidator<LoginCommand>
{
    private const int MaxIdentifierLength = 320;

    public LoginCommandValidator()
    {
        // Separate rules: a When() applies to every earlier validator in its chain, which would cancel both.
        RuleFor(c => c.Email).NotEmpty().When(c => string.IsNullOrEmpty(c.Username) && string.IsNullOrEmpty(c.EmailOrUsername))
            .WithMessage("Email or username is required.");
        RuleFor(c => c.Email).Empty().When(c => !string.IsNullOrEmpty(c.Username)).WithMessage("Give an email or a username, not both.");
        RuleFor(c => c.Email).MaximumLength(MaxIdentifierLength).NoControlCharacters();
        RuleFor(c => c.Username).MaximumLength(MaxIdentifierLength).NoControlCharacters();

        // A single identifier's errors are keyed by the kind it turns out to be, like those of the field that names it.
        RuleFor(c => c.EmailOrUsername).Empty().When(c => !string.IsNullOrEmpty(c.Email) || !string.IsNullOrEmpty(c.Username))
            .WithMessage("Give an email or a username, not both.");
        RuleFor(c => c.EmailOrUsername).MaximumLength(MaxIdentifierLength).NoControlCharacters().When(c => c.Identifier().IsEmail)
            .OverridePropertyName(nameof(LoginCommand.Email)).WithName(nameof(LoginCommand.Email));
        RuleFor(c => c.EmailOrUsername).MaximumLength(MaxIdentifierLength).NoControlCharacters().When(c => !c.Identifier().IsEmail)
            .OverridePropertyName(nameof(LoginCommand.Username)).WithName(nameof(LoginCommand.Username));
        RuleFor(c => c.Password).PresentedPassword();
    }
}
