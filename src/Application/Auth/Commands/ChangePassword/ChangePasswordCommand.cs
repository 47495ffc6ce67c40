using CleanAuth.Application.Common.Logging;
using CleanAuth.Application.Common.Messaging;
using CleanAuth.Application.Common.Results;
using CleanAuth.Application.Common.Security;
using CleanAuth.Domain.Authorization;
using MediatR;

namespace CleanAuth.Application.Auth.Commands.ChangePassword;

/// <summary>Changes the caller's password; every other session ends, the current one stays.</summary>
[RequirePermission(Permissions.Account.ManageSelf)]
[HashesPassword]
public sealed record ChangePasswordCommand(string? CurrentPassword, string? NewPassword) : ICommand<Result<Unit>>
{
    public override string ToString() =>
        $"{nameof(ChangePasswordCommand)} {{ CurrentPassword = {Redaction.Of(CurrentPassword)}, NewPassword = {Redaction.Of(NewPassword)} }}";
}
