using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Validation;
using FluentValidation;

namespace CleanAuth.Application.Users.Commands.CreateAdmin;

public sealed class CreateAdminCommandValidator : AbstractValidator<CreateAdminCommand>
{
    public CreateAdminCommandValidator(IPasswordPolicy passwordPolicy)
    {
        RuleFor(c => c.Email).ValidEmail();
        RuleFor(c => c.Username).ValidUsername();
        RuleFor(c => c.FullName).ValidFullName();
        RuleFor(c => c.Source).IsInEnum();
        RuleFor(c => c.Password).AcceptableNewPassword(passwordPolicy, c => [LocalPartOf(c.Email), c.Username]);
    }

    private static string? LocalPartOf(string? email) =>
        Domain.Users.Email.TryCreate(email, out var parsed) ? parsed.LocalPart : null;
}
