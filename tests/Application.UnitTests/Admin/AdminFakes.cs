using CleanAuth.Application.Admin.Common;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.UnitTests.Common;
using CleanAuth.Domain.Sessions;
using CleanAuth.Domain.Users;
using NSubstitute;

namespace CleanAuth.Application.UnitTests.Admin;

/// <summary>The admin use cases' collaborators: an administrator calling, the guards and reader over substitutes.</summary>
internal static class AdminFakes
{
    /// <summary>The calling administrator's id (never the target's unless a test says so).</summary>
    public static readonly Guid CallerId = Guid.CreateVersion7();

    public static ICurrentUser Admin(Guid? userId = null)
    {
        var caller = AccountFakes.Caller(userId ?? CallerId);
        caller.Roles.Returns(["admin", "user"]);
        return caller;
    }

    public static AdminChangeGuards Guards(IUserRepository users, ICurrentUser? caller = null) => new(users, caller ?? Admin());

    public static AdminUserReader Reader(IUserRepository users, ISessionRepository sessions, TimeProvider clock) =>
        new(users, sessions, TestData.Mapper, clock);

    /// <summary>A user store that finds <paramref name="user"/> by its id and whose row locks succeed.</summary>
    public static IUserRepository Holding(User user)
    {
        var users = AccountFakes.LockableUsers();
        users.GetByIdAsync(user.Id, Arg.Any<CancellationToken>()).Returns(user);
        return users;
    }
}
