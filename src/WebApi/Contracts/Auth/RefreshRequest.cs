namespace CleanAuth.WebApi.Contracts.Auth;

/// <summary>The refresh token from the last token response.</summary>
public sealed record RefreshRequest(string? RefreshToken);
