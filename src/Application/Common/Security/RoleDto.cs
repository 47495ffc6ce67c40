namespace CleanAuth.Application.Common.Security;

/// <summary>A role and the permissions it grants (sorted).</summary>
public sealed record RoleDto(string Name, IReadOnlyList<string> Permissions);
