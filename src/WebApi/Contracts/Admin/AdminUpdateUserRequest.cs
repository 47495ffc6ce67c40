namespace CleanAuth.WebApi.Contracts.Admin;

/// <summary>Fields an administrator changes on an account; those left out (or null) stay as they are. Other fields have no effect.</summary>
public sealed record AdminUpdateUserRequest(string? Username, string? Email, string? FullName, bool? EmailVerified);
