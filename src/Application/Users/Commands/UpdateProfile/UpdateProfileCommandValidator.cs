using CleanAuth.Application.Common.Validation;
using FluentValidation;

namespace CleanAuth.Application.Users.Commands.UpdateProfile;

public sealed class UpdateProfileCommandValidator : AbstractValidator<UpdateProfileCommand>
{
    public UpdateProfileCommandValidator()
    {
        RuleFor(c => c.Username).ValidUsername().When(c => c.Username is not null);
        RuleFor(c => c.FullName).ValidFullName();
        RuleFor(c => c.Email).ValidEmail().When(c => c.Email is not null);
        RuleFor(c => c.CurrentPassword)
            .NotEmpty().When(c => !string.IsNullOrEmpty(c.Email)).WithMessage("Current password is required to change the email address.");
        RuleFor(c => c.CurrentPassword).MaximumLength(ValidationRules.MaxPasswordInputLength);
    }
}
