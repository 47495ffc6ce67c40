using AutoMapper;
using CleanAuth.Application.Common.Behaviors;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Users.Commands.RegisterUser;
using CleanAuth.Application.Users.Queries.GetCurrentUser;
using CleanAuth.Domain.Sessions;
using CleanAuth.Domain.Users;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;

namespace CleanAuth.Application.UnitTests;

public sealed class DependencyInjectionTests : IDisposable
{
    private readonly IServiceCollection _services = new ServiceCollection();
    private readonly ICurrentUser _currentUser = Substitute.For<ICurrentUser>();
    private readonly IUnitOfWork _unitOfWork = Substitute.For<IUnitOfWork>();
    private readonly ServiceProvider _provider;
    private readonly IServiceScope _scope;

    public DependencyInjectionTests()
    {
        _currentUser.Roles.Returns([]);
        _services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        _services.AddMetrics(); // the host's, like the logger
        _services.AddSingleton(_currentUser);
        _services.AddSingleton(_unitOfWork);
        _services.AddSingleton(Substitute.For<IPasswordPolicy>());
        _services.AddSingleton(Substitute.For<IPasswordHasher>());
        _services.AddSingleton(Substitute.For<ITokenService>());
        _services.AddSingleton(Substitute.For<IUserRepository>());
        _services.AddSingleton(Substitute.For<ISessionRepository>());
        _services.AddSingleton(Substitute.For<CleanAuth.Domain.AccountTokens.IAccountTokenRepository>());
        _services.AddSingleton(Substitute.For<CleanAuth.Domain.LoginThrottling.ILoginThrottleRepository>());
        _services.AddSingleton(Substitute.For<IAccountMailer>());
        _services.AddSingleton(Substitute.For<IBackgroundWork>());
        _services.AddSingleton(Substitute.For<ISpecificationQueries>());
        _services.AddSingleton(Substitute.For<IStatsQueries>());
        _services.AddSingleton(Substitute.For<IUserViewCache>());
        _services.AddSingleton(Substitute.For<IListCounts>());
        _services.AddSingleton(Substitute.For<IRoleCatalog>());
        _services.AddSingleton(Substitute.For<IRequestContext>());
        _services.AddSingleton(Substitute.For<CleanAuth.Domain.Auditing.IAuditLogRepository>());
        _services.AddApplication(new ConfigurationBuilder().Build());
        _provider = _services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _scope = _provider.CreateScope();
    }

    private IServiceProvider Services => _scope.ServiceProvider;

    public void Dispose()
    {
        _scope.Dispose();
        _provider.Dispose();
    }

    [Fact]
    public void AddApplication_WhenCalled_ShouldRegisterMediator() =>
        Services.GetRequiredService<IMediator>().Should().BeOfType<Mediator>();

    /// <summary>Every request (command or query) the Application assembly defines, with its response type.</summary>
    public static TheoryData<Type> RequestTypes()
    {
        var requests = typeof(DependencyInjection).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false } && ResponseOf(t) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
        return new TheoryData<Type>(requests);
    }

    [Fact]
    public void RequestTypes_WhenListed_ShouldFindTheCommandsAndQueriesOfTheAssembly() =>
        RequestTypes().Select(row => row.Data).Should()
            .Contain([typeof(RegisterUserCommand), typeof(GetCurrentUserQuery)]).And.HaveCountGreaterThanOrEqualTo(15);

    [Theory]
    [MemberData(nameof(RequestTypes))]
    public void AddApplication_WhenCalled_ShouldRunLoggingThenRefusalRecordingThenAuthorizationThenHashingCapacityThenValidationThenUnitOfWorkForEveryRequest(Type request)
    {
        var response = ResponseOf(request)!;
        var behaviors = Services.GetServices(typeof(IPipelineBehavior<,>).MakeGenericType(request, response));

        behaviors.Select(b => b!.GetType()).Should().Equal(
            new[]
            {
                typeof(RequestLoggingBehavior<,>), typeof(RefusalRecordingBehavior<,>), typeof(AuthorizationBehavior<,>), typeof(PasswordHashingCapacityBehavior<,>),
                typeof(ValidationBehavior<,>), typeof(UnitOfWorkBehavior<,>),
            }
                .Select(b => b.MakeGenericType(request, response)),
            $"{request.Name} runs through the pipeline outermost first");
    }

    private static Type? ResponseOf(Type request) =>
        request.GetInterfaces().SingleOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>))?.GetGenericArguments()[0];

    [Fact]
    public void AddApplication_WhenCalled_ShouldRegisterEveryRequestHandlerOfTheAssembly()
    {
        var handlers = typeof(DependencyInjection).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false })
            .SelectMany(t => t.GetInterfaces()
                .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>))
                .Select(i => (Contract: i, Implementation: t)))
            .ToList();

        handlers.Should().HaveCountGreaterThanOrEqualTo(5);
        foreach (var (contract, implementation) in handlers)
        {
            _services.Should().Contain(d => d.ServiceType == contract && d.ImplementationType == implementation,
                $"{implementation.Name} must be registered as {contract.Name}");
            Services.GetRequiredService(contract).Should().BeOfType(implementation);
        }
    }

    [Fact]
    public void AddApplication_WhenCalled_ShouldRegisterValidatorsAndMapper()
    {
        Services.GetServices<IValidator<RegisterUserCommand>>().Should().ContainSingle()
            .Which.Should().BeOfType<RegisterUserCommandValidator>();
        Services.GetRequiredService<IMapper>().Should().NotBeNull();
        Services.GetRequiredService<TimeProvider>().Should().BeSameAs(TimeProvider.System);
    }

    [Fact]
    public async Task Send_WhenQueryNeedsPermissionAndCallerIsAnonymous_ShouldBeStoppedByAuthorization()
    {
        var act = () => Services.GetRequiredService<IMediator>().Send(new GetCurrentUserQuery(), TestContext.Current.CancellationToken);

        await act.Should().ThrowAsync<UnauthenticatedException>();
    }

    [Fact]
    public async Task Send_WhenCommandIsInvalid_ShouldBeStoppedByValidationBeforeUnitOfWork()
    {
        var act = () => Services.GetRequiredService<IMediator>()
            .Send(new RegisterUserCommand("not-an-email", "alice", "password", null), TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<AppValidationException>()).Which.Errors.Should().ContainKey("Email");
        _unitOfWork.ReceivedCalls().Should().BeEmpty();
    }
}
