// Deliberately broken controllers that only the rules' twins look at. Their namespace mimics the WebApi's.
using CleanAuth.Domain.Sessions;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Persistence;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace CleanAuth.WebApi.Controllers.ArchitectureFixtures;

/// <summary>Keeps the controller rules honest: takes only IMediator.</summary>
public sealed class WellBehavedFakeController(IMediator mediator) : ControllerBase
{
    public IMediator Mediator { get; } = mediator;
}

/// <summary>Breaks both controller rules: injects the DbContext (an Infrastructure type).</summary>
public sealed class DbContextFakeController(CleanAuthDbContext db) : ControllerBase
{
    public CleanAuthDbContext Db { get; } = db;
}

/// <summary>Breaks both controller rules: injects a domain repository.</summary>
public sealed class RepositoryFakeController(IUserRepository users) : ControllerBase
{
    public IUserRepository Users { get; } = users;
}

/// <summary>Breaks both controller rules: the constructor is clean, but an action pulls a repository from the container.</summary>
public sealed class FromServicesFakeController(IMediator mediator) : ControllerBase
{
    public IMediator Mediator { get; } = mediator;

    public IActionResult Sessions([FromServices] ISessionRepository sessions) => Ok(sessions);
}

/// <summary>Breaks the type-level rule only: no injection at all, yet it news up an Infrastructure type.</summary>
public sealed class StaticInfrastructureFakeController(IMediator mediator) : ControllerBase
{
    public IMediator Mediator { get; } = mediator;

    public IActionResult Options() => Ok(new DatabaseOptions());
}
