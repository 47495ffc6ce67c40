using CleanAuth.Application.Auth.Dtos;
using CleanAuth.Application.Common.Logging;
using CleanAuth.Application.Common.Messaging;
using CleanAuth.Application.Common.Results;
using CleanAuth.Application.Common.Security;

namespace CleanAuth.Application.Auth.Commands.RefreshTokens;

/// <summary>Exchange a refresh token for a new token pair; the presented token is rotated.</summary>
[AllowAnonymousRequest]
public sealed record RefreshTokensCommand(string? RefreshToken) : ICommand<Result<TokenPairDto>>
{
    public override string ToString() => $"{nameof(RefreshTokensCommand)} {{ RefreshToken = {Redaction.Of(RefreshToken)} }}";
}
