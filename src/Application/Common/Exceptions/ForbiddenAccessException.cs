namespace CleanAuth.Application.Common.Exceptions;

/// <summary>The caller is authenticated but lacks the permission the request requires.</summary>
public sealed class ForbiddenAccessException : Exception
{
    public ForbiddenAccessException(string permission)
        : base("The caller lacks a required permission.")
    {
        Permission = permission;
    }

    public string Permission { get; }
}
