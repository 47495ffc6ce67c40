using CleanAuth.Domain.Common;

namespace CleanAuth.Domain.Users;

/// <summary>The server's operator created an admin account, from configuration at start-up or on the command line.</summary>
public sealed record AdminBootstrappedEvent(Guid UserId, string Source, DateTime OccurredAt) : IDomainEvent
{
    public const string FromConfiguration = "configuration";
    public const string FromCommandLine = "command_line";
}
