namespace CleanAuth.WebApi.Contracts.Passwords;

/// <summary>The address of the account whose password was forgotten.</summary>
public sealed record PasswordResetRequest(string? Email);
