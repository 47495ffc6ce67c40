using CleanAuth.Application.Common.Logging;
using CleanAuth.Application.Common.Messaging;
using CleanAuth.Application.Common.Results;
using CleanAuth.Application.Common.Security;
using CleanAuth.Domain.Authorization;
using MediatR;

namespace CleanAuth.Application.Users.Commands.DeactivateAccount;

/// <summary>
/// Deactivates the caller's account (soft delete) after checking the password; every session ends. The last active
/// administrator cannot (LAST_ADMIN).
/// </summary>
[RequirePermission(Permissions.Account.ManageSelf)]
[HashesPassword]
public sealed record DeactivateAccountCommand(string? Password) : ICommand<Result<Unit>>
{
    public override string ToString() => $"{nameof(DeactivateAccountCommand)} {{ Password = {Redaction.Of(Password)} }}";
}
