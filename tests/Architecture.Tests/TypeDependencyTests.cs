using ArchUnitNET.xUnitV3;
using CleanAuth.Architecture.Tests.Rules;
using CleanAuth.Architecture.Tests.Support;
using CleanAuth.Domain.ArchitectureFixtures;
using CleanAuth.Domain.Users;
using CleanAuth.WebApi.Controllers;
using CleanAuth.WebApi.Controllers.ArchitectureFixtures;
using ApplicationFixtures = CleanAuth.Application.ArchitectureFixtures;
using WebApiFixtures = CleanAuth.WebApi.ArchitectureFixtures;

namespace CleanAuth.Architecture.Tests;

/// <summary>Rule 4 at type level (ArchUnitNET): the real check against src, the twin against src plus the broken fixtures.</summary>
public sealed class TypeDependencyTests
{
    [Fact]
    public void DomainTypes_WhenDependenciesInspected_ShouldNotDependOnOuterLayers() =>
        TypeDependencyRules.DomainDependsOnNoOuterLayer.Check(Assemblies.SourceArchitecture);

    [Fact]
    public void DomainTypesRule_WhenDomainTypesUseOuterLayers_ShouldReportEachOfThem()
    {
        var violations = TypeDependencyRules.Violations(TypeDependencyRules.DomainDependsOnNoOuterLayer, Assemblies.SourceWithFixturesArchitecture);

        violations.Should().Contain(v => v.IsArchFailureOf(typeof(DomainTypeUsingApplication)));
        violations.Should().Contain(v => v.IsArchFailureOf(typeof(DomainTypeUsingInfrastructure)));
        violations.Should().Contain(v => v.IsArchFailureOf(typeof(DomainTypeUsingWebApi)));
        violations.Should().NotContain(v => v.IsArchFailureOf(typeof(WellFormedEntity)));
        violations.Should().NotContain(v => v.IsArchFailureOf(typeof(User)));
    }

    [Fact]
    public void ApplicationTypes_WhenDependenciesInspected_ShouldNotDependOnInfrastructureOrWebApi() =>
        TypeDependencyRules.ApplicationDependsOnNoOuterLayer.Check(Assemblies.SourceArchitecture);

    [Fact]
    public void ApplicationTypesRule_WhenApplicationTypesUseOuterLayers_ShouldReportEachOfThem()
    {
        var violations = TypeDependencyRules.Violations(TypeDependencyRules.ApplicationDependsOnNoOuterLayer, Assemblies.SourceWithFixturesArchitecture);

        violations.Should().Contain(v => v.IsArchFailureOf(typeof(ApplicationFixtures.ApplicationTypeUsingInfrastructure)));
        violations.Should().Contain(v => v.IsArchFailureOf(typeof(ApplicationFixtures.ApplicationTypeUsingWebApi)));
        violations.Should().NotContain(v => v.IsArchFailureOf(typeof(ApplicationFixtures.WellFormedFakeCommandHandler)));
    }

    [Fact]
    public void Controllers_WhenDependenciesInspected_ShouldNotDependOnInfrastructureOrRepositories() =>
        TypeDependencyRules.ControllersUseNoInfrastructureOrRepository.Check(Assemblies.SourceArchitecture);

    [Fact]
    public void ControllersRule_WhenControllersUseInfrastructureOrRepositories_ShouldReportEachOfThem()
    {
        var violations = TypeDependencyRules.Violations(TypeDependencyRules.ControllersUseNoInfrastructureOrRepository, Assemblies.SourceWithFixturesArchitecture);

        violations.Should().Contain(v => v.IsArchFailureOf(typeof(DbContextFakeController)));
        violations.Should().Contain(v => v.IsArchFailureOf(typeof(RepositoryFakeController)));
        violations.Should().Contain(v => v.IsArchFailureOf(typeof(FromServicesFakeController)));
        violations.Should().Contain(v => v.IsArchFailureOf(typeof(StaticInfrastructureFakeController)));
        violations.Should().NotContain(v => v.IsArchFailureOf(typeof(WellBehavedFakeController)));
        foreach (var controller in new[] { typeof(AuthenticationController), typeof(SessionsController), typeof(PasswordsController), typeof(EmailVerificationController), typeof(UsersController), typeof(AdminUsersController), typeof(AdminController) })
        {
            violations.Should().NotContain(v => v.IsArchFailureOf(controller));
        }
    }

    [Fact]
    public void WebApiTypes_WhenDependenciesInspected_ShouldUseOnlyInfrastructuresRegistrationTypes() =>
        TypeDependencyRules.WebApiUsesOnlyInfrastructureRegistration.Check(Assemblies.SourceArchitecture);

    [Fact]
    public void WebApiRule_WhenWebApiTypesUseInfrastructureInternalsOrTheDbContext_ShouldReportEachOfThem()
    {
        var violations = TypeDependencyRules.Violations(TypeDependencyRules.WebApiUsesOnlyInfrastructureRegistration, Assemblies.SourceWithFixturesArchitecture);

        violations.Should().Contain(v => v.IsArchFailureOf(typeof(WebApiFixtures.DbContextFakeService)));
        violations.Should().Contain(v => v.IsArchFailureOf(typeof(WebApiFixtures.EfDbContextFakeService)));
        violations.Should().Contain(v => v.IsArchFailureOf(typeof(WebApiFixtures.OptionsReadingFakeStartup)));
        violations.Should().NotContain(v => v.IsArchFailureOf(typeof(WebApiFixtures.WellBehavedFakeStartup)));
        violations.Should().NotContain(v => v.IsArchFailureOf(typeof(Program)));
    }
}
