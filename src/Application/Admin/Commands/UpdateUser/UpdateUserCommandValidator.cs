using CleanAuth.Application.Common.Validation;
using FluentValidation;

namespace CleanAuth.Application.Admin.Commands.UpdateUser;

/// <summary>The rules of self-service profile changes (<c>PUT /users/me</c>) for the same fields.</summary>
public sealed class UpdateUserCommandValidator : AbstractValidator<UpdateUserCommand>
{
    public UpdateUserCommandValidator()
    {
        RuleFor(c => c.Username).ValidUsername().When(c => c.Username is not null);
        RuleFor(c => c.Email).ValidEmail().When(c => c.Email is not null);
        RuleFor(c => c.FullName).ValidFullName();
    }
}
