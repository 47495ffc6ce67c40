using CleanAuth.Architecture.Tests.Rules;
using CleanAuth.Architecture.Tests.Support;
using CleanAuth.WebApi.Controllers;
using CleanAuth.WebApi.Controllers.ArchitectureFixtures;

namespace CleanAuth.Architecture.Tests;

/// <summary>Rule 4, injection: a controller's constructors (and [FromServices] parameters) take only IMediator.</summary>
public sealed class ControllerTests
{
    [Fact]
    public void Controllers_WhenConstructed_ShouldTakeOnlyIMediator()
    {
        ControllerRules.Controllers(Assemblies.SourceTypes)
            .Should().Contain([
                typeof(ApiControllerBase), typeof(AuthenticationController), typeof(SessionsController), typeof(PasswordsController),
                typeof(EmailVerificationController), typeof(UsersController), typeof(AdminUsersController), typeof(AdminController),
            ]);

        ControllerRules.InjectionViolations(Assemblies.SourceTypes).Should().BeEmpty();
    }

    [Fact]
    public void ControllerInjectionRule_WhenControllersTakeOtherServices_ShouldReportEachOfThem()
    {
        var violations = ControllerRules.InjectionViolations(Assemblies.FixtureTypes);

        violations.Should().Contain(v => v.About(typeof(DbContextFakeController)) && v.Contains("CleanAuthDbContext", StringComparison.Ordinal));
        violations.Should().Contain(v => v.About(typeof(RepositoryFakeController)) && v.Contains("IUserRepository", StringComparison.Ordinal));
        violations.Should().Contain(v => v.About(typeof(FromServicesFakeController)) && v.Contains("ISessionRepository", StringComparison.Ordinal));
        violations.Should().NotContain(v => v.About(typeof(WellBehavedFakeController)));
    }
}
