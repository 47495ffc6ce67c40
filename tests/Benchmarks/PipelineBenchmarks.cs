using System.Collections.Frozen;
using Ardalis.Specification;
using AutoMapper;
using BenchmarkDotNet.Attributes;
using CleanAuth.Application;
using CleanAuth.Application.Common.Behaviors;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Security;
using CleanAuth.Application.Users.Dtos;
using CleanAuth.Application.Users.Queries.GetCurrentUser;
using CleanAuth.Domain.Authorization;
using CleanAuth.Domain.Common;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Caching;
using MediatR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanAuth.Benchmarks;

/// <summary>
/// The application's share of one <c>GET /api/v1/users/me</c>: a DI scope, <see cref="GetCurrentUserQuery"/> sent
/// through MediatR and its pipeline behaviors, the handler, and the AutoMapper map to <see cref="UserDto"/>, with the
/// database replaced by an in-memory repository (so the rows are the pipeline's cost, not EF Core's). The services are
/// <see cref="DependencyInjection.AddApplication"/>'s own; only the behaviors differ from row to row:
/// <list type="bullet">
/// <item><c>HandlerOnly</c>: the handler resolved and called directly, no mediator (the floor).</item>
/// <item><c>NoBehaviors</c>: MediatR's dispatch alone.</item>
/// <item>one row per behavior, alone.</item>
/// <item><c>AllBehaviors</c>: every behavior, as AddApplication registers them, logging at Warning (as build/bench.sh runs the API).</item>
/// <item><c>AllBehaviorsInformationLog</c>: the same with Information enabled (the shipped appsettings.json level), into
/// a logger that discards every event, so the row shows the behavior's own work, not a sink's.</item>
/// </list>
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private static readonly GetCurrentUserQuery s_query = new();

    private ServiceProvider _services = null!;

    public enum Pipeline
    {
        HandlerOnly,
        NoBehaviors,
        RequestLogging,
        RefusalRecording,
        Authorization,
        PasswordHashingCapacity,
        Validation,
        UnitOfWork,
        AllBehaviors,
        AllBehaviorsInformationLog,
    }

    [ParamsAllValues]
    public Pipeline Behaviors { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var user = User.Register(
            Email.Create("bench@example.com"), Username.Create("bench"), "Bench User",
            "$argon2id$v=19$m=19456,t=2,p=1$c2VlZHNhbHRzZWVkc2FsdA$c2VlZGhhc2hzZWVkaGFzaHNlZWRoYXNoc2VlZA", DateTime.UtcNow);
        var services = new ServiceCollection();
        var level = Behaviors == Pipeline.AllBehaviorsInformationLog ? LogLevel.Information : LogLevel.Warning;
        services.AddLogging(logging => logging.ClearProviders().SetMinimumLevel(level).AddProvider(new DiscardingLoggerProvider()));
        services.AddApplication(new ConfigurationBuilder().Build());
        services.AddScoped<ICurrentUser>(_ => new BenchCurrentUser(user.Id));
        services.AddSingleton<IUserRepository>(new InMemoryUserRepository(user));

        // The app's own per-instance cache of views (ADR-017), its default lifetime: after the first request, the
        // handler answers from it, as GET /users/me does for a returning caller.
        services.AddSingleton<IUserViewCache>(new UserViewCache(Options.Create(new PerformanceOptions()), TimeProvider.System));
        services.AddScoped<ISpecificationQueries>(sp => new SingleUserQueries(user, sp.GetRequiredService<IMapper>()));
        services.AddSingleton<IRoleCatalog>(new InMemoryRoleCatalog());
        services.AddScoped<IUnitOfWork, PassThroughUnitOfWork>();
        services.AddSingleton<IPasswordHasher, NeverSaturatedHasher>();

        var behavior = Behaviors switch
        {
            Pipeline.RequestLogging => typeof(RequestLoggingBehavior<,>),
            Pipeline.RefusalRecording => typeof(RefusalRecordingBehavior<,>),
            Pipeline.Authorization => typeof(AuthorizationBehavior<,>),
            Pipeline.PasswordHashingCapacity => typeof(PasswordHashingCapacityBehavior<,>),
            Pipeline.Validation => typeof(ValidationBehavior<,>),
            Pipeline.UnitOfWork => typeof(UnitOfWorkBehavior<,>),
            _ => null,
        };
        if (Behaviors is not (Pipeline.AllBehaviors or Pipeline.AllBehaviorsInformationLog))
        {
            services.RemoveAll(typeof(IPipelineBehavior<,>));
        }

        if (behavior is not null)
        {
            services.AddScoped(typeof(IPipelineBehavior<,>), behavior);
        }

        _services = services.BuildServiceProvider();
        var dto = Send().GetAwaiter().GetResult();
        if (dto.Id != user.Id || dto.Roles.Count != 1)
        {
            throw new InvalidOperationException("The query does not return the user.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    /// <summary>One request: a scope, the query through the chosen pipeline, the mapped user.</summary>
    [Benchmark]
    public async Task<UserDto> Send()
    {
        await using var scope = _services.CreateAsyncScope();
        if (Behaviors == Pipeline.HandlerOnly)
        {
            var handler = scope.ServiceProvider.GetRequiredService<IRequestHandler<GetCurrentUserQuery, UserDto>>();
            return await handler.Handle(s_query, CancellationToken.None);
        }

        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(s_query, CancellationToken.None);
    }

    private sealed class BenchCurrentUser(Guid userId) : ICurrentUser
    {
        private static readonly string[] s_roles = [RoleName.User];

        public bool IsAuthenticated => true;

        public bool IsOperator => false;

        public Guid? UserId { get; } = userId;

        public Guid? SessionId { get; } = Guid.NewGuid();

        public IReadOnlyList<string> Roles => s_roles;
    }

    /// <summary>Projects the one user, as the handler's read-only query does on a cache miss.</summary>
    private sealed class SingleUserQueries(User user, IMapper mapper) : ISpecificationQueries
    {
        public Task<List<TResult>> ListAsync<T, TResult>(ISpecification<T, TResult> specification, CancellationToken cancellationToken)
            where T : class => throw new NotSupportedException();

        public Task<List<TResult>> ProjectToListAsync<T, TResult>(ISpecification<T> specification, CancellationToken cancellationToken)
            where T : class => Task.FromResult(new List<TResult> { mapper.Map<TResult>(user) });

        public Task<int> CountAsync<T>(ISpecification<T> specification, CancellationToken cancellationToken)
            where T : class => throw new NotSupportedException();
    }

    /// <summary>Answers every look-up with the one user, as a tracked EF Core read would hand it over.</summary>
    private sealed class InMemoryUserRepository(User user) : IUserRepository
    {
        private readonly Task<User?> _user = Task.FromResult<User?>(user);

        public Task<User?> GetByIdAsync(Guid id, CancellationToken cancellationToken) => _user;

        public Task<User?> FindByNormalizedEmailAsync(string normalizedEmail, CancellationToken cancellationToken) => _user;

        public Task<User?> FindByNormalizedUsernameAsync(string normalizedUsername, CancellationToken cancellationToken) => _user;

        public Task<bool> ExistsByNormalizedEmailAsync(string normalizedEmail, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<bool> ExistsByNormalizedUsernameAsync(string normalizedUsername, CancellationToken cancellationToken) => Task.FromResult(true);

        public void Add(User user) => throw new NotSupportedException();

        public void Remove(User user) => throw new NotSupportedException();

        public Task<bool> TryLockAsync(User user, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task LockAdministratorsAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<bool> IsLastActiveAdminAsync(Guid userId, CancellationToken cancellationToken) => Task.FromResult(false);
    }

    /// <summary>The shipped catalog's structure (frozen sets, two look-ups per role), filled with the user and guest roles.</summary>
    private sealed class InMemoryRoleCatalog : IRoleCatalog
    {
        private readonly FrozenDictionary<string, FrozenSet<string>> _grants = new Dictionary<string, FrozenSet<string>>(StringComparer.Ordinal)
        {
            [RoleName.User] = new[] { Permissions.Account.ReadSelf, Permissions.Account.ManageSelf }.ToFrozenSet(StringComparer.Ordinal),
            [RoleName.Guest] = new[] { Permissions.Account.ReadSelf }.ToFrozenSet(StringComparer.Ordinal),
        }.ToFrozenDictionary(StringComparer.Ordinal);

        public bool Exists(string role) => _grants.ContainsKey(role);

        public bool Grants(IReadOnlyList<string> roles, string permission)
        {
            for (var i = 0; i < roles.Count; i++)
            {
                if (_grants.TryGetValue(roles[i], out var granted) && granted.Contains(permission))
                {
                    return true;
                }
            }

            return false;
        }

        public IReadOnlyList<RoleDto> List() => throw new NotSupportedException();
    }

    /// <summary>Queries never reach it (the unit-of-work behavior passes them through); present so the behaviors resolve.</summary>
    private sealed class PassThroughUnitOfWork : IUnitOfWork
    {
        public Task<T> ExecuteAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken) => work();

        public Task CommitAloneAsync(IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>The query hashes nothing (the capacity behavior only reads its mark); present so the behaviors resolve.</summary>
    private sealed class NeverSaturatedHasher : IPasswordHasher
    {
        public Task<string> HashAsync(string password, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<PasswordVerification> VerifyAsync(string password, string passwordHash, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task VerifyAgainstDummyAsync(string password, CancellationToken cancellationToken) => throw new NotSupportedException();

        public bool ShouldShed(out TimeSpan retryAfter)
        {
            retryAfter = TimeSpan.Zero;
            return false;
        }
    }

    private sealed class DiscardingLoggerProvider : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => DiscardingLogger.Instance;

        public void Dispose()
        {
        }

        private sealed class DiscardingLogger : ILogger
        {
            public static readonly DiscardingLogger Instance = new();

            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
            }
        }
    }
}
