using CleanAuth.Application.Common.Logging;

namespace CleanAuth.WebApi.Contracts.Authentication;

/// <summary>The refresh token from the last token response.</summary>
/// <param name="RefreshToken">
/// The refresh token. In browser cookie mode it may be left out: the __Host-refresh_token cookie is used instead, with
/// the X-CSRF: 1 header from an allowed origin.
/// </param>
public sealed record RefreshRequest(string? RefreshToken = null)
{
    public override string ToString() => $"{nameof(RefreshRequest)} {{ RefreshToken = {Redaction.Of(RefreshToken)} }}";
}
