namespace CleanAuth.Domain.Users;

/// <summary>Membership of a user in a role (child of the <see cref="User"/> aggregate).</summary>
public sealed class UserRole
{
    internal UserRole(string role) => Role = role;

    private UserRole()
    {
        Role = null!;
    }

    public string Role { get; private set; }
}
