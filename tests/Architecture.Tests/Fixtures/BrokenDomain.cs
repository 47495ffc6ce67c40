// Deliberately broken types that only the rules' twins look at. Their namespace mimics the domain's, so the
// namespace-based rules select them exactly as they select real domain types.
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Domain.Common;
using CleanAuth.Infrastructure.Persistence;
using CleanAuth.WebApi.Services;

namespace CleanAuth.Domain.ArchitectureFixtures;

/// <summary>Breaks "Domain depends on no outer layer": uses an Application port.</summary>
public sealed class DomainTypeUsingApplication(ICurrentUser currentUser)
{
    public Guid? Owner => currentUser.UserId;
}

/// <summary>Breaks "Domain depends on no outer layer": uses an Infrastructure type.</summary>
public static class DomainTypeUsingInfrastructure
{
    public static object DefaultOptions() => new DatabaseOptions();
}

/// <summary>Breaks "Domain depends on no outer layer": uses a WebApi type.</summary>
public static class DomainTypeUsingWebApi
{
    public static bool IsSignedIn(CurrentUser user) => user.IsAuthenticated;
}

/// <summary>Breaks "Domain types have no public setters".</summary>
public sealed class EntityWithPublicSetter
{
    public string Name { get; set; } = string.Empty;
}

/// <summary>Breaks "Domain types have no public setters" with a field instead of a property.</summary>
public sealed class EntityWithPublicField
{
#pragma warning disable CA1051 // The public writable field is the point of this fixture.
    public int Counter;
#pragma warning restore CA1051
}

/// <summary>Keeps the rules honest: immutable, init-only and private setters are all allowed.</summary>
public sealed record WellFormedEntity(string Code)
{
    public const int MaxLength = 10;

    public static readonly WellFormedEntity Empty = new(string.Empty);

    public string? Label { get; init; }

    public int Version { get; private set; }

    public void Bump() => Version++;
}

/// <summary>Breaks "domain events are immutable".</summary>
public sealed class MutableFakeEvent : IDomainEvent
{
    public DateTime OccurredAt { get; set; }
}

/// <summary>Breaks "domain events are named *Event".</summary>
public sealed record FakeThingHappened(DateTime OccurredAt) : IDomainEvent;

/// <summary>Keeps the event rule honest: a positional record named *Event passes.</summary>
public sealed record WellFormedFakeEvent(Guid Id, DateTime OccurredAt) : IDomainEvent;
