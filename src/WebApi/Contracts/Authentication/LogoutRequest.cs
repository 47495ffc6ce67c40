using CleanAuth.Application.Common.Logging;

namespace CleanAuth.WebApi.Contracts.Authentication;

/// <summary>Optionally, the refresh token of the session to end as well.</summary>
public sealed record LogoutRequest(string? RefreshToken)
{
    public override string ToString() => $"{nameof(LogoutRequest)} {{ RefreshToken = {Redaction.Of(RefreshToken)} }}";
}
