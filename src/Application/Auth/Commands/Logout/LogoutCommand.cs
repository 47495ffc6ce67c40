using CleanAuth.Application.Common.Logging;
using CleanAuth.Application.Common.Messaging;
using CleanAuth.Application.Common.Security;
using CleanAuth.Domain.Authorization;
using MediatR;

namespace CleanAuth.Application.Auth.Commands.Logout;

/// <summary>Ends the caller's current session; a refresh token of another of the caller's sessions may be given to end that one too.</summary>
[RequirePermission(Permissions.Account.ReadSelf)]
public sealed record LogoutCommand(string? RefreshToken) : ICommand<Unit>
{
    public override string ToString() => $"{nameof(LogoutCommand)} {{ RefreshToken = {Redaction.Of(RefreshToken)} }}";
}
