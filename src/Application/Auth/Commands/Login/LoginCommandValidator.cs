using CleanAuth.Application.Common.Validation;
using FluentValidation;

namespace CleanAuth.Application.Auth.Commands.Login;

public sealed class LoginCommandValidator : AbstractValidator<LoginCommand>
{
    private const int MaxIdentifierLength = 320;

    public LoginCommandValidator()
    {
        // Each condition guards only the rule before it: by default When() applies to every preceding rule in the chain,
        // which would give NotEmpty both conditions (contradictory, so it would never run).
        RuleFor(c => c.Email)
            .NotEmpty().When(c => string.IsNullOrEmpty(c.Username), ApplyConditionTo.CurrentValidator)
            .WithMessage("Email or username is required.")
            .Empty().When(c => !string.IsNullOrEmpty(c.Username), ApplyConditionTo.CurrentValidator)
            .WithMessage("Give an email or a username, not both.")
            .MaximumLength(MaxIdentifierLength);
        RuleFor(c => c.Username).MaximumLength(MaxIdentifierLength);
        RuleFor(c => c.Password).PresentedPassword();
    }
}
