namespace CleanAuth.Application.Common.Events;

public enum ActorKind
{
    /// <summary>Nobody signed in: a login, a mailed link, a background job.</summary>
    Anonymous,

    /// <summary>A signed-in user (<see cref="Actor.UserId"/>).</summary>
    User,

    /// <summary>The server's operator, on its command line: no user account behind it.</summary>
    Operator,
}

/// <summary>Who made a change happen, as the request that caused it was authenticated.</summary>
public sealed record Actor(ActorKind Kind, Guid? UserId)
{
    public static readonly Actor Anonymous = new(ActorKind.Anonymous, null);

    public static readonly Actor Operator = new(ActorKind.Operator, null);

    public static Actor ForUser(Guid userId) => new(ActorKind.User, userId);
}
