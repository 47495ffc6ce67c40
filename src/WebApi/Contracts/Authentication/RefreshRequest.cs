using CleanAuth.Application.Common.Logging;

namespace CleanAuth.WebApi.Contracts.Authentication;

/// <summary>The refresh token from the last token response.</summary>
public sealed record RefreshRequest(string? RefreshToken)
{
    public override string ToString() => $"{nameof(RefreshRequest)} {{ RefreshToken = {Redaction.Of(RefreshToken)} }}";
}
