namespace CleanAuth.WebApi.Contracts.Admin;

/// <summary>The account's new set of roles: non-empty, each an existing role.</summary>
public sealed record AdminReplaceRolesRequest(IReadOnlyList<string>? Roles);
