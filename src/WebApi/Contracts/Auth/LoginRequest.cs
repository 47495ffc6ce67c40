namespace CleanAuth.WebApi.Contracts.Auth;

/// <summary>Credentials: an email or a username, and the password.</summary>
public sealed record LoginRequest(string? Email, string? Username, string? Password);
