namespace CleanAuth.Application.Users.Commands.CreateAdmin;

/// <summary>Where the operator's request for an admin came from, as the audit log's <c>admin.bootstrapped</c> records it.</summary>
public enum AdminSource
{
    /// <summary>The <c>Admin:*</c> settings, at start-up.</summary>
    Configuration,

    /// <summary>The <c>create-admin</c> verb.</summary>
    CommandLine,
}
