namespace CleanAuth.WebApi.Contracts.Admin;

/// <summary>Pin the invitation to an address (it is mailed there), and the roles it grants (<c>["user"]</c> when left out).</summary>
public sealed record AdminCreateInvitationRequest(string? Email, IReadOnlyList<string>? Roles);
