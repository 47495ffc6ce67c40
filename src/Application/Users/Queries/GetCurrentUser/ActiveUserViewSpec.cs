using Ardalis.Specification;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Users.Queries.GetCurrentUser;

/// <summary>The account with this id if it is active (by its primary key), for a projection to its view.</summary>
public sealed class ActiveUserViewSpec : Specification<User>
{
    public ActiveUserViewSpec(Guid userId) => Query.Where(u => u.Id == userId && u.IsActive);
}
